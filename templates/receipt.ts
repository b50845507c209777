import { amountInWords, formatDate, formatMoney } from '../src/common/vi-format.js';
import { copyMark, drawQr, type Fonts, newDocument, type QrMatrix } from './document.js';

/** Everything a receipt (phiếu thu, form 01-TT) prints; the PDF is a pure function of it. */
export interface ReceiptView {
  unit: { name: string; address: string | null };
  book: string;
  number: string;
  /** The verification code, printed and in the QR code. */
  code: string;
  qr: QrMatrix;
  receivedOn: string;
  payer: { name: string; address: string | null };
  reason: string;
  fundName: string;
  amount: number;
  method: 'cash' | 'bank_transfer' | 'in_kind';
  reference: string | null;
  inKindDescription: string | null;
  treasurerName: string;
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

  doc.font('bold').fontSize(9).text(`Đơn vị: Hội Khuyến học ${view.unit.name}`, MARGIN, top, { width: 330 });
  doc.font('regular').text(`Địa chỉ: ${view.unit.address ?? ''}`, { width: 330 });
  doc.font('bold').text('Mẫu số 01 - TT', MARGIN + width - 200, top, { width: 200, align: 'center' });

  doc.moveDown(1.2);
  doc.font('bold').fontSize(16).text('PHIẾU THU', MARGIN, doc.y, { width, align: 'center' });
  doc
    .font('italic')
    .fontSize(10)
    .text(formatDate(view.receivedOn).replace(/^n/, 'N'), { width, align: 'center' });
  doc.font('regular').text(`Quyển số: ${view.book}     Số: ${view.number}`, { width, align: 'center' });
  doc.moveDown(0.8);

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
  const signers: [string, string][] = [
    ['Người nộp tiền', ''],
    ['Người lập phiếu', view.treasurerName],
    ['Thủ quỹ', ''],
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

  // Under "Mẫu số 01 - TT", where nothing else is printed.
  if (view.copy) copyMark(doc, MARGIN + width - 54, top + 16);
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
