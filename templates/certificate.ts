import { amountInWords, formatDate, formatMoney } from '../src/common/vi-format.js';
import {
  copyMark,
  drawQr,
  type Fonts,
  newDocument,
  type QrMatrix,
  roundTitleWithPeriod,
} from './document.js';

/** Everything a certificate (giấy chứng nhận) prints; the PDF is a pure function of it. */
export interface CertificateView {
  /** The issuing association ("Hội Khuyến học xã Vũ Thư") and the one above it, as on every document. */
  unitName: string;
  parentName: string | null;
  recipientName: string;
  /** "Học sinh lớp 8A, Trường THCS Vũ Thư" or a workplace. */
  recipientLine: string | null;
  categoryName: string;
  roundTitle: string;
  period: string;
  amount: number;
  decision: { number: string; date: string };
  place: string;
  date: string;
  chairName: string | null;
  code: string;
  qr: QrMatrix;
  /** A reprint: marked "BẢN SAO". */
  copy: boolean;
}

const MARGIN = 40;

/** A4 landscape, framed: the unit, the title, the recipient's name large, why, how much, and the chair's signature. */
export function renderCertificate(view: CertificateView, fonts: Fonts): PDFKit.PDFDocument {
  const doc = newDocument(
    {
      size: 'A4',
      layout: 'landscape',
      margin: MARGIN,
      title: `Giấy chứng nhận — ${view.recipientName}`,
      author: view.unitName,
      dated: view.date,
    },
    fonts,
  );
  const width = doc.page.width - 2 * MARGIN;
  doc.page.margins.bottom = 0;
  doc
    .lineWidth(3)
    .rect(MARGIN - 14, MARGIN - 14, width + 28, doc.page.height - 2 * MARGIN + 28)
    .stroke('#8e1b1b');
  doc
    .lineWidth(1)
    .rect(MARGIN - 8, MARGIN - 8, width + 16, doc.page.height - 2 * MARGIN + 16)
    .stroke('#8e1b1b');

  // The association under the one above it, on the left; the national motto on the right.
  doc.fillColor('#000000').font('regular').fontSize(11);
  if (view.parentName)
    doc.text(view.parentName.toUpperCase(), MARGIN, MARGIN + 6, { width: 360, align: 'center' });
  doc
    .font('bold')
    .fontSize(12)
    .text(view.unitName.toUpperCase(), MARGIN, view.parentName ? doc.y : MARGIN + 6, {
      width: 360,
      align: 'center',
    });
  const left = doc.y;
  doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', MARGIN + width - 360, MARGIN + 6, {
    width: 360,
    align: 'center',
  });
  doc.font('regular').fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { width: 360, align: 'center' });
  doc.y = Math.max(doc.y, left);

  doc.moveDown(2);
  doc
    .font('bold')
    .fontSize(30)
    .fillColor('#8e1b1b')
    .text('GIẤY CHỨNG NHẬN', MARGIN, doc.y, { width, align: 'center' });
  doc.fillColor('#000000').font('italic').fontSize(13).text('Chứng nhận', { width, align: 'center' });
  doc.moveDown(0.4);
  doc.font('bold').fontSize(28).fillColor('#1b3a8e').text(view.recipientName, { width, align: 'center' });
  doc.fillColor('#000000');
  if (view.recipientLine)
    doc.font('regular').fontSize(13).text(view.recipientLine, { width, align: 'center' });
  doc.moveDown(0.6);
  doc
    .font('regular')
    .fontSize(13)
    .text(
      `Đã được trao suất “${view.categoryName}” của ${roundTitleWithPeriod(view.roundTitle, view.period)},`,
      {
        width,
        align: 'center',
      },
    );
  doc.text(`số tiền ${formatMoney(view.amount)} (${amountInWords(view.amount)}),`, {
    width,
    align: 'center',
  });
  doc.text(`theo Quyết định số ${view.decision.number} ${formatDate(view.decision.date)}.`, {
    width,
    align: 'center',
  });

  const signX = MARGIN + width - 330;
  const signY = doc.page.height - MARGIN - 150;
  doc
    .font('italic')
    .fontSize(12)
    .text(`${view.place}, ${formatDate(view.date)}`, signX, signY, { width: 330, align: 'center' });
  doc.font('bold').text('TM. HỘI ĐỒNG XÉT DUYỆT', { width: 330, align: 'center' });
  doc.text('CHỦ TỊCH', { width: 330, align: 'center' });
  if (view.chairName)
    doc.font('bold').text(view.chairName, signX, signY + 110, { width: 330, align: 'center' });

  const qr = 80;
  drawQr(doc, view.qr, MARGIN + 10, doc.page.height - MARGIN - qr - 24, qr);
  doc
    .font('regular')
    .fontSize(8)
    .text(`Mã tra cứu: ${view.code}`, MARGIN + 10, doc.page.height - MARGIN - 20, {
      width: 200,
      lineBreak: false,
    });
  // Inside the frame, under the national motto.
  if (view.copy) copyMark(doc, doc.page.width - MARGIN - 40, MARGIN + 52);
  doc.end();
  return doc;
}
