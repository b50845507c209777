import QRCode from 'qrcode';
import type { QrMatrix } from '../../templates/document.js';

/** The page that says whether a document is genuine; its QR code opens it on a phone. */
export function verificationLink(publicUrl: string, code: string): string {
  return `${publicUrl}/verify/${code}`;
}

/** The QR code printed on a document: its verification link's modules (drawn by the template). */
export function verificationQr(link: string): QrMatrix {
  const { modules } = QRCode.create(link, { errorCorrectionLevel: 'M' });
  return { size: modules.size, data: Uint8Array.from(modules.data) };
}

/** The bytes of a finished pdfkit document. */
export async function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of doc) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
