import { associationName } from '../src/common/unit-names.js';
import { amountInWords, formatDate, formatMoney } from '../src/common/vi-format.js';
import { copyMark, drawQr, type Fonts, newDocument, type QrMatrix } from './document.js';

/**
 * Everything a receipt (phiếu thu) prints; the PDF is a pure function of it. The optional fields
 * came with the form setting: a receipt recorded before it has none and prints as it was issued.
 */
export interface ReceiptView {
  unit: { name: string; address: string | null };
  book: string;
  number: string;
  /** The form and the circular it was issued under ("Mẫu số C40-BB", "(Ban hành theo …)"). */
  form?: { title: string; basis: string } | null;
  /** A transcribed paper receipt: book and number are the paper's, and the receipt says so. */
  paper?: boolean;
  /** The verification code, printed and in the QR code. */
  code: string;
  qr: QrMatrix;
  receivedOn: string;
  payer: { name: string; address: string | null; taxCode?: string | null };
  reason: string;
  fundName: string;
  amount: number;
  method: 'cash' | 'bank_transfer' | 'in_kind';
  reference: string | null;
  inKindDescription: string | null;
  treasurerName: string;
  /** The recording user is the unit's treasurer: their name goes under "Thủ quỹ" too. */
  cashier?: boolean;
  /** Voided: the same receipt, number kept, stamped "ĐÃ HỦY" with the reason. */
  void: { reason: string; on: string } | null;
  /** A reprint: marked "BẢN SAO". */
  copy: boolean;
}

const METHOD: Record<ReceiptView['method'], string> = {
  cash: 'Tiền mặt',
  bank_transfer: 'Chuyển khoản',
  in_kind: 'Hiện vật',
};

const MARGIN = 36;

/** An A5 receipt following form 01-TT: unit, title, book and number, payer, reason, amount, signatures, QR. */
export function renderReceipt(view: ReceiptView, fonts: Fonts): PDFKit.PDFDocument {
  const doc = newDocument(
    {
      size: 'A5',
      layout: 'landscape',
      margin: MARGIN,
      title: `Phiếu thu ${view.book}/${view.number}`,
      author: view.unit.name,
      dated: view.receivedOn,
    },
    fonts,
  );
  const width = doc.page.width - 2 * MARGIN;
  const top = MARGIN;

  if (view.form) {
    const formWidth = 220;
    doc
      .font('bold')
      .fontSize(9)
      .text(`Đơn vị: ${associationName(view.unit.name)}`, MARGIN, top, { width: width - formWidth - 10 });
    doc.font('regular').text(`Địa chỉ: ${view.unit.address ?? ''}`, { width: width - formWidth - 10 });
    const left = doc.y;
    const formX = MARGIN + width - formWidth;
    doc.font('bold').text(view.form.title, formX, top, { width: formWidth, align: 'center' });
    doc.font('italic').fontSize(8).text(view.form.basis, formX, doc.y, { width: formWidth, align: 'center' });
    doc.x = MARGIN;
    doc.y = Math.max(left, doc.y);
    doc.fontSize(9).moveDown(0.6);
  } else {
    doc
      .font('bold')
      .fontSize(9)
      .text(`Đơn vị: Hội Khuyến học ${view.unit.name}`, MARGIN, top, { width: 330 });
    doc.font('regular').text(`Địa chỉ: ${view.unit.address ?? ''}`, { width: 330 });
    doc.font('bold').text('Mẫu số 01 - TT', MARGIN + width - 200, top, { width: 200, align: 'center' });
    doc.moveDown(1.2);
  }
  doc.font('bold').fontSize(16).text('PHIẾU THU', MARGIN, doc.y, { width, align: 'center' });
  doc
    .font('italic')
    .fontSize(10)
    .text(formatDate(view.receivedOn).replace(/^n/, 'N'), { width, align: 'center' });
  doc.font('regular').text(`Quyển số: ${view.book}     Số: ${view.number}`, { width, align: 'center' });
  if (view.paper) {
    doc
      .font('italic')
      .fontSize(9)
      .text(
        `Bản chép lại phiếu thu giấy Quyển số ${view.book}, Số ${view.number} đã lập ${formatDate(view.receivedOn)}`,
        { width, align: 'center' },
      );
  }
  doc.moveDown(view.form ? 0.6 : 0.8);

  const line = (label: string, value: string) => {
    doc
      .font('regular')
      .fontSize(10)
      .text(`${label}: `, MARGIN, doc.y, { continued: true, width: width - 110 });
    // An empty field keeps its line, dotted as on the paper form (an empty string would not advance).
    doc.font('bold').text(value || '………………………………………………');
  };
  line('Họ và tên người nộp tiền', view.payer.name);
  line('Địa chỉ', view.payer.address ?? '');
  if (view.payer.taxCode) line('Mã số thuế', view.payer.taxCode);
  line('Lý do nộp', view.reason);
  line('Vào quỹ', view.fundName);
  line('Số tiền', formatMoney(view.amount));
  line('Viết bằng chữ', amountInWords(view.amount));
  const how =
    view.method === 'in_kind'
      ? `${METHOD.in_kind}: ${view.inKindDescription ?? ''} (giá trị quy đổi)`
      : view.reference
        ? `${METHOD[view.method]}, mã giao dịch ${view.reference}`
        : METHOD[view.method];
  line('Hình thức', how);

  doc.moveDown(1);
  const signY = doc.y;
  const column = (width - 110) / 3;
  // The recording user prepared the receipt; they received the money too when they are the
  // unit's own treasurer. Otherwise "Thủ quỹ" stays for the cashier's signature.
  const signers: [string, string][] = [
    ['Người nộp tiền', ''],
    ['Người lập phiếu', view.treasurerName],
    ['Thủ quỹ', view.cashier ? view.treasurerName : ''],
  ];
  for (const [i, [title, name]] of signers.entries()) {
    const x = MARGIN + i * column;
    doc.font('bold').fontSize(9).text(title, x, signY, { width: column, align: 'center' });
    doc.font('italic').fontSize(8).text('(Ký, họ tên)', x, doc.y, { width: column, align: 'center' });
    if (name)
      doc
        .font('regular')
        .fontSize(9)
        .text(name, x, signY + 58, { width: column, align: 'center' });
  }

  // The verification QR code and its code, bottom right; nothing down there may start a new page.
  doc.page.margins.bottom = 0;
  const qr = 84;
  const qrX = MARGIN + width - qr;
  const qrY = doc.page.height - MARGIN - qr - 12;
  drawQr(doc, view.qr, qrX, qrY, qr);
  doc
    .font('regular')
    .fontSize(7)
    .text(`Mã tra cứu: ${view.code}`, qrX - 80, qrY + qr + 2, {
      width: qr + 80,
      align: 'right',
      lineBreak: false,
    });

  // Under the form's name and circular, where nothing else is printed.
  if (view.copy) copyMark(doc, MARGIN + width - 54, top + (view.form ? 36 : 16));
  if (view.void) {
    // A clear stamp across the page; the receipt keeps its number.
    doc.save();
    doc.rotate(-20, { origin: [doc.page.width / 2, doc.page.height / 2] });
    doc
      .font('bold')
      .fontSize(64)
      .fillColor('#c0392b')
      .fillOpacity(0.35)
      .text('ĐÃ HỦY', 0, doc.page.height / 2 - 50, {
        width: doc.page.width,
        align: 'center',
        lineBreak: false,
      });
    doc.restore();
    doc
      .font('italic')
      .fontSize(8)
      .fillColor('#c0392b')
      .text(
        `Đã hủy ${formatDate(view.void.on)}: ${view.void.reason}`,
        MARGIN,
        doc.page.height - MARGIN - 10,
        {
          width: width - qr - 30,
          lineBreak: false,
        },
      );
  }
  doc.end();
  return doc;
}
