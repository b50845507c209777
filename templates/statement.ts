import { amountInWords, formatMoney, formatShortDate } from '../src/common/vi-format.js';
import { chairSignatures, type Fonts, letterhead, newDocument, pageFooters } from './document.js';

/** Everything a donor's yearly statement (bảng kê đóng góp) prints; the PDF is a pure function of it. */
export interface StatementDocumentView {
  /** The issuing association, in full: "Hội Khuyến học Xã Vũ Thư". */
  unit: { name: string; address: string | null };
  parentName: string | null;
  year: number;
  donor: { name: string; address: string | null; taxCode: string | null };
  /** Oldest first; voided ones are listed (their number is used) but not counted. */
  rows: {
    receivedOn: string;
    book: string;
    number: string;
    fundName: string;
    method: 'cash' | 'bank_transfer' | 'in_kind';
    amount: number;
    void: boolean;
  }[];
  place: string;
  /** The statement's day, from the record (the same record gives the same bytes). */
  dated: string;
}

const METHOD: Record<StatementDocumentView['rows'][number]['method'], string> = {
  cash: 'Tiền mặt',
  bank_transfer: 'Chuyển khoản',
  in_kind: 'Hiện vật',
};

const MARGIN = 40;
// STT, day, receipt book/number, fund, method, amount, note (A4 portrait: 515 pt between margins).
const WIDTHS = [28, 66, 76, 150, 70, 80, 45];
const HEADINGS = ['STT', 'Ngày', 'Phiếu thu', 'Quỹ', 'Hình thức', 'Số tiền', 'Ghi chú'];
const ROW = 20;
const GREY = '#777777';
// Room the closing part needs (total, words, thanks, signatures) before a page break.
const CLOSING = 210;

/**
 * A4 portrait: the association and the national motto, the title, the donor, one row per gift of
 * the year (the table's heading repeated on every page), the total in figures and words, thanks,
 * place and date, the signature blocks and "Trang x/y".
 */
export function renderStatement(view: StatementDocumentView, fonts: Fonts): PDFKit.PDFDocument {
  const doc = newDocument(
    {
      size: 'A4',
      layout: 'portrait',
      margin: MARGIN,
      bufferPages: true,
      title: `Bảng kê đóng góp năm ${view.year} — ${view.donor.name}`,
      author: view.unit.name,
      dated: view.dated,
    },
    fonts,
  );
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 20;

  letterhead(doc, MARGIN, { parentName: view.parentName, name: view.unit.name, address: view.unit.address });

  doc.moveDown(1.5);
  doc
    .font('bold')
    .fontSize(14)
    .text(`BẢNG KÊ ĐÓNG GÓP QUỸ KHUYẾN HỌC NĂM ${view.year}`, MARGIN, doc.y, { width, align: 'center' });
  doc
    .font('italic')
    .fontSize(10)
    .text(`(Từ ngày 01/01/${view.year} đến ngày 31/12/${view.year})`, { width, align: 'center' });
  doc.moveDown(1);

  const line = (label: string, value: string) => {
    doc.font('regular').fontSize(10).text(`${label}: `, MARGIN, doc.y, { continued: true, width });
    doc.font('bold').text(value);
  };
  line('Nhà hảo tâm', view.donor.name);
  if (view.donor.address) line('Địa chỉ', view.donor.address);
  if (view.donor.taxCode) line('Mã số thuế', view.donor.taxCode);
  doc.moveDown(0.5);
  doc
    .font('regular')
    .fontSize(10)
    .text(
      `${view.unit.name} xác nhận đã nhận của nhà hảo tâm các khoản đóng góp trong năm ${view.year} như sau:`,
      MARGIN,
      doc.y,
      { width },
    );
  doc.moveDown(0.5);

  const header = () => {
    doc.font('bold').fontSize(9);
    row(doc, HEADINGS, doc.y, true, false);
  };
  header();
  let total = 0;
  let counted = 0;
  for (const [i, r] of view.rows.entries()) {
    if (doc.y + ROW > bottom()) {
      doc.addPage();
      doc.y = MARGIN;
      header();
    }
    if (!r.void) {
      total += r.amount;
      counted += 1;
    }
    doc.font('regular').fontSize(9);
    row(
      doc,
      [
        String(i + 1),
        formatShortDate(r.receivedOn),
        `${r.book}/${r.number}`,
        r.fundName,
        METHOD[r.method],
        formatMoney(r.amount),
        r.void ? 'Đã hủy' : '',
      ],
      doc.y,
      false,
      r.void,
    );
  }
  if (view.rows.length === 0) {
    doc.rect(MARGIN, doc.y, width, ROW).stroke('#444444');
    doc
      .font('italic')
      .fontSize(9)
      .text(`Không có khoản đóng góp nào trong năm ${view.year}.`, MARGIN, doc.y + 6, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.y += ROW - 6;
  }

  if (doc.y + CLOSING > bottom()) {
    doc.addPage();
    doc.y = MARGIN;
  }
  const voided = view.rows.length - counted;
  doc.moveDown(0.8);
  doc
    .font('bold')
    .fontSize(10)
    .text(
      `Tổng cộng: ${counted.toLocaleString('vi-VN')} khoản, ${formatMoney(total)}` +
        (voided ? ` (không tính ${voided.toLocaleString('vi-VN')} khoản đã hủy)` : ''),
      MARGIN,
      doc.y,
      { width },
    );
  doc.font('italic').text(`Bằng chữ: ${amountInWords(total)}.`, { width });
  doc.moveDown(0.8);
  doc
    .font('regular')
    .text(
      `${view.unit.name} trân trọng cảm ơn ${view.donor.name} đã chung tay cùng sự nghiệp khuyến học, khuyến tài.`,
      { width },
    );

  doc.moveDown(1.5);
  chairSignatures(doc, MARGIN, doc.y, {
    preparer: 'NGƯỜI LẬP BẢNG KÊ',
    place: view.place,
    dated: view.dated,
    unitName: view.unit.name,
  });
  pageFooters(doc, MARGIN, `Bảng kê năm ${view.year} — ${view.donor.name}`, GREY);
  doc.end();
  return doc;
}

/** One table row of fixed height, each cell clipped to its column, framed; a voided gift in grey, struck. */
function row(doc: PDFKit.PDFDocument, cells: string[], y: number, heading: boolean, voided: boolean) {
  let x = MARGIN;
  for (const [i, cell] of cells.entries()) {
    const w = WIDTHS[i];
    doc.rect(x, y, w, ROW).stroke('#444444');
    doc.fillColor(voided ? GREY : '#000000').text(cell, x + 3, y + 6, {
      width: w - 6,
      height: ROW - 6,
      ellipsis: true,
      lineBreak: false,
      strike: voided && i === 5,
      align: heading || i <= 2 ? 'center' : i === 5 ? 'right' : 'left',
    });
    x += w;
  }
  doc.fillColor('#000000');
  doc.y = y + ROW;
}
