import { drawRow, type Fonts, newDocument, roundTitleWithPeriod, rowHeight } from './document.js';
import { amountInWords, formatDate, formatMoney, formatShortDate } from '../src/common/vi-format.js';

/** Everything the signature list (danh sách ký nhận) prints; the PDF is a pure function of it. */
export interface PaymentListView {
  unitName: string;
  parentName: string | null;
  roundTitle: string;
  period: string;
  decision: { number: string; date: string } | null;
  /** The day the list is dated (the record's, not the clock's, so the same record gives the same bytes). */
  dated: string;
  place: string;
  rows: {
    fullName: string;
    birthDate: string;
    schoolOrWork: string;
    unitName: string;
    categoryName: string;
    amount: number;
    paid: boolean;
  }[];
}

const MARGIN = 36;
// STT, name, birth date, school or workplace, unit, category, amount, signature (A4 landscape).
const WIDTHS = [30, 150, 62, 150, 110, 110, 78, 79];
const HEADINGS = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Trường, lớp / Nơi làm việc',
  'Đơn vị đề cử',
  'Hạng mục',
  'Số tiền',
  'Ký nhận',
];
/** A row's least height: room to sign. Longer names and categories wrap and make it taller. */
const ROW = 24;

/**
 * The round's signature list as an A4 landscape PDF: the unit and the national motto, the title,
 * one row per award with room to sign, the total in figures and words, and the signature blocks.
 * It yields to the event loop after each page, so a long list never blocks the process for long.
 */
export async function renderPaymentList(view: PaymentListView, fonts: Fonts): Promise<PDFKit.PDFDocument> {
  const doc = newDocument(
    {
      size: 'A4',
      layout: 'landscape',
      margin: MARGIN,
      bufferPages: true,
      title: `Danh sách ký nhận — ${view.roundTitle}`,
      author: view.unitName,
      dated: view.dated,
    },
    fonts,
  );
  const width = doc.page.width - 2 * MARGIN;

  // The heading: the unit on the left, the motto on the right, as on administrative documents.
  const top = MARGIN;
  doc.font('regular').fontSize(10);
  if (view.parentName) doc.text(view.parentName.toUpperCase(), MARGIN, top, { width: 300, align: 'center' });
  doc.font('bold').text(view.unitName.toUpperCase(), MARGIN, doc.y, { width: 300, align: 'center' });
  doc
    .font('bold')
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', MARGIN + width - 340, top, { width: 340, align: 'center' });
  doc.text('Độc lập - Tự do - Hạnh phúc', { width: 340, align: 'center' });
  doc.font('italic').text(`${view.place}, ${formatDate(view.dated)}`, { width: 340, align: 'center' });

  doc.moveDown(1.5);
  doc.font('bold').fontSize(15).text('DANH SÁCH KÝ NHẬN', MARGIN, doc.y, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(11)
    .text(roundTitleWithPeriod(view.roundTitle, view.period), { width, align: 'center' });
  if (view.decision) {
    doc
      .font('italic')
      .text(`Kèm theo Quyết định số ${view.decision.number} ${formatDate(view.decision.date)}`, {
        width,
        align: 'center',
      });
  }
  doc.moveDown(1);

  const header = () => {
    doc.font('bold').fontSize(9);
    row(doc, HEADINGS, true);
  };
  header();
  let total = 0;
  for (const [i, r] of view.rows.entries()) {
    const cells = [
      String(i + 1),
      r.fullName,
      formatShortDate(r.birthDate),
      r.schoolOrWork,
      r.unitName,
      r.categoryName,
      formatMoney(r.amount),
      r.paid ? 'Đã chi' : '',
    ];
    doc.font('regular').fontSize(9);
    if (doc.y + rowHeight(doc, cells, WIDTHS, ROW) > doc.page.height - MARGIN - 20) {
      doc.addPage();
      doc.y = MARGIN;
      header();
      doc.font('regular').fontSize(9);
      await new Promise((resolve) => setImmediate(resolve));
    }
    total += r.amount;
    row(doc, cells, false);
  }

  if (doc.y + 150 > doc.page.height - MARGIN) {
    doc.addPage();
    doc.y = MARGIN;
  }
  doc.moveDown(0.8);
  doc
    .font('bold')
    .fontSize(10)
    .text(
      `Tổng cộng: ${view.rows.length.toLocaleString('vi-VN')} suất, ${formatMoney(total)}`,
      MARGIN,
      doc.y,
    );
  doc.font('italic').text(`Bằng chữ: ${amountInWords(total)}.`);
  doc.moveDown(1.5);
  const signY = doc.y;
  const third = width / 3;
  for (const [i, title] of ['NGƯỜI LẬP DANH SÁCH', 'THỦ QUỸ', 'CHỦ TỊCH HỘI ĐỒNG'].entries()) {
    doc
      .font('bold')
      .fontSize(10)
      .text(title, MARGIN + i * third, signY, { width: third, align: 'center' });
    doc.font('italic').fontSize(9).text('(Ký, ghi rõ họ tên)', { width: third, align: 'center' });
  }

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // The footer sits in the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .text(`Trang ${p + 1}/${range.count}`, MARGIN, doc.page.height - MARGIN - 10, {
        width,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  return doc;
}

/** One framed table row, every cell whole (wrapped within its column), at least ROW high. */
function row(doc: PDFKit.PDFDocument, cells: string[], heading: boolean) {
  const at = { x: MARGIN, y: doc.y, height: rowHeight(doc, cells, WIDTHS, ROW) };
  drawRow(doc, cells, WIDTHS, at, (i) => (i === 0 || heading ? 'center' : i === 6 ? 'right' : 'left'));
}
