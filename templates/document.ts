import PDFDocument from 'pdfkit';

/** The three faces of the shipped font (templates/fonts), read once by the caller. */
export interface Fonts {
  regular: Buffer;
  bold: Buffer;
  italic: Buffer;
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
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('italic', fonts.italic);
  return doc;
}

/** "BẢN SAO" boxed at the top right: a reprint, never mistaken for the original handed over. */
export function copyMark(doc: PDFKit.PDFDocument, margin: number): void {
  const width = 92;
  const x = doc.page.width - margin - width;
  const y = margin / 2 - 4;
  doc.save();
  doc.lineWidth(1.2).strokeColor('#c0392b').rect(x, y, width, 22).stroke();
  doc
    .font('bold')
    .fontSize(12)
    .fillColor('#c0392b')
    .text('BẢN SAO', x, y + 5, { width, align: 'center', lineBreak: false });
  doc.restore();
}
