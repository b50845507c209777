import QRCode from 'qrcode';

/** The page that says whether a document is genuine; its QR code opens it on a phone. */
export function verificationLink(publicUrl: string, code: string): string {
  return `${publicUrl}/verify/${code}`;
}

/** The QR code printed on a document: its verification link, as a PNG (the same link, the same bytes). */
export function verificationQr(link: string): Promise<Buffer> {
  return QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

/** The bytes of a finished pdfkit document. */
export async function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of doc) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
