import PDFDocument from 'pdfkit';
import { formatDate } from '../src/common/vi-format.js';

/**
 * The three faces of the shipped font (templates/fonts), read and parsed once by the caller:
 * pdfkit takes a parsed (fontkit) font as it takes a file, and parsing one is half a receipt's work.
 */
export interface Fonts {
  regular: FontSource;
  bold: FontSource;
  italic: FontSource;
}

/** A font file's bytes, or the font parsed from them (a fontkit font). */
export type FontSource = Buffer | object;

/** A QR code's modules, row by row (1: dark), `size` on a side. */
export interface QrMatrix {
  size: number;
  data: Uint8Array;
}

/**
 * A PDF whose bytes depend only on its content: the dates in its metadata (and the file id pdfkit
 * derives from them) come from the record, never from the clock. Faces: regular, bold, italic.
 */
export function newDocument(
  options: {
    size: 'A4' | 'A5';
    layout: 'portrait' | 'landscape';
    margin: number;
    title: string;
    author: string;
    /** The record's day (YYYY-MM-DD). */
    dated: string;
    bufferPages?: boolean;
  },
  fonts: Fonts,
): PDFKit.PDFDocument {
  const at = new Date(`${options.dated}T00:00:00Z`);
  const doc = new PDFDocument({
    size: options.size,
    layout: options.layout,
    margin: options.margin,
    bufferPages: options.bufferPages ?? false,
    info: {
      Title: options.title,
      Author: options.author,
      Creator: 'khuyenhoc',
      Producer: 'khuyenhoc',
      CreationDate: at,
      ModDate: at,
    },
  });
  doc.registerFont('regular', fonts.regular as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('bold', fonts.bold as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('italic', fonts.italic as PDFKit.Mixins.PDFFontSource);
  return doc;
}

/**
 * Draws a QR code as vector squares, `width` points wide with a one-module quiet zone: sharp at
 * any print size, and several times cheaper than encoding and embedding a PNG.
 */
export function drawQr(doc: PDFKit.PDFDocument, qr: QrMatrix, x: number, y: number, width: number): void {
  const module = width / (qr.size + 2);
  doc.save();
  doc.rect(x, y, width, width).fill('#ffffff');
  for (let row = 0; row < qr.size; row++) {
    // One rectangle per run of dark modules in a row.
    for (let col = 0; col < qr.size;) {
      if (!qr.data[row * qr.size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < qr.size && qr.data[row * qr.size + col]) col++;
      doc.rect(x + (start + 1) * module, y + (row + 1) * module, (col - start) * module, module);
    }
  }
  doc.fill('#000000');
  doc.restore();
}

/**
 * The heading of an administrative document on A4 portrait: the association (under its parent,
 * with its address if given) on the left, the national motto on the right; leaves `doc.y` below
 * the lower of the two.
 */
export function letterhead(
  doc: PDFKit.PDFDocument,
  margin: number,
  unit: { parentName: string | null; name: string; address?: string | null },
): void {
  const width = doc.page.width - 2 * margin;
  const left = 250;
  const right = 265;
  doc.font('regular').fontSize(10);
  if (unit.parentName)
    doc.text(unit.parentName.toUpperCase(), margin, margin, { width: left, align: 'center' });
  doc.font('bold').text(unit.name.toUpperCase(), margin, doc.y, { width: left, align: 'center' });
  if (unit.address) doc.font('italic').fontSize(9).text(unit.address, { width: left, align: 'center' });
  const leftEnd = doc.y;
  doc
    .font('bold')
    .fontSize(10)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', margin + width - right, margin, {
      width: right,
      align: 'center',
    });
  doc.text('Độc lập - Tự do - Hạnh phúc', { width: right, align: 'center' });
  doc.y = Math.max(doc.y, leftEnd);
}

/** A round's title with its period, unless the title says it already ("Học bổng cuối năm 2026"). */
export const roundTitleWithPeriod = (title: string, period: string) =>
  title.includes(period) ? title : `${title} (${period})`;

/** Space between a table cell's frame and its text. */
const CELL_PAD = { x: 3, y: 5 };

/**
 * The height of a table row whose cells wrap within their columns (nothing is cut off), at
 * least `min`, in the current font and size.
 */
export function rowHeight(doc: PDFKit.PDFDocument, cells: string[], widths: number[], min: number): number {
  const tallest = Math.max(
    ...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 2 * CELL_PAD.x })),
  );
  return Math.max(min, Math.ceil(tallest) + 2 * CELL_PAD.y);
}

/** Draws a framed table row of `height` (see rowHeight) at (x, y), each cell aligned as `align` says. */
export function drawRow(
  doc: PDFKit.PDFDocument,
  cells: string[],
  widths: number[],
  at: { x: number; y: number; height: number },
  align: (column: number) => 'left' | 'center' | 'right',
): void {
  let x = at.x;
  for (const [i, cell] of cells.entries()) {
    doc.rect(x, at.y, widths[i], at.height).stroke('#444444');
    doc.fillColor('#000000').text(cell, x + CELL_PAD.x, at.y + CELL_PAD.y, {
      width: widths[i] - 2 * CELL_PAD.x,
      align: align(i),
    });
    x += widths[i];
  }
  doc.y = at.y + at.height;
}

/** "BẢN SAO" boxed, its right edge at `right`: a reprint, never mistaken for the original handed over. */
export function copyMark(doc: PDFKit.PDFDocument, right: number, y: number): void {
  const width = 92;
  const x = right - width;
  doc.save();
  doc.lineWidth(1.2).strokeColor('#c0392b').rect(x, y, width, 22).stroke();
  doc
    .font('bold')
    .fontSize(12)
    .fillColor('#c0392b')
    .text('BẢN SAO', x, y + 5, { width, align: 'center', lineBreak: false });
  doc.restore();
}

/**
 * The signatures under a report or statement, from `y`: who prepared it on the left; the place and
 * day, "TM. <UNIT>" and "CHỦ TỊCH" (signed and stamped) on the right.
 */
export function chairSignatures(
  doc: PDFKit.PDFDocument,
  margin: number,
  y: number,
  sign: { preparer: string; place: string; dated: string; unitName: string },
): void {
  const half = (doc.page.width - 2 * margin) / 2;
  doc
    .font('bold')
    .fontSize(10)
    .text(sign.preparer, margin, y + 14, { width: half, align: 'center' });
  doc.font('italic').fontSize(9).text('(Ký, ghi rõ họ tên)', { width: half, align: 'center' });
  doc
    .font('italic')
    .fontSize(10)
    .text(`${sign.place}, ${formatDate(sign.dated)}`, margin + half, y, { width: half, align: 'center' });
  doc.font('bold').text(`TM. ${sign.unitName.toUpperCase()}`, { width: half, align: 'center' });
  doc.text('CHỦ TỊCH', { width: half, align: 'center' });
  doc.font('italic').fontSize(9).text('(Ký, ghi rõ họ tên, đóng dấu)', { width: half, align: 'center' });
}

/**
 * Footers, once every page exists (the document buffers its pages): which document a loose page
 * belongs to, and "Trang x/y".
 */
export function pageFooters(doc: PDFKit.PDFDocument, margin: number, footer: string, grey: string): void {
  const range = doc.bufferedPageRange();
  const width = doc.page.width - 2 * margin;
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // The footer sits in the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 4;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(grey)
      .text(footer, margin, y, { width: width - 80, lineBreak: false, ellipsis: true });
    doc.text(`Trang ${p + 1}/${range.count}`, margin + width - 80, y, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.fillColor('#000000');
}
