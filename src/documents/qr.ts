import QRCode from 'qrcode';

/** The QR code printed on a document: its verification code, as a PNG (the same code, the same bytes). */
export function verificationQr(code: string): Promise<Buffer> {
  return QRCode.toBuffer(`KH:${code}`, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

/** The bytes of a finished pdfkit document. */
export async function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of doc) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
