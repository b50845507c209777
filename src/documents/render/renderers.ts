import { type CertificateView, renderCertificate } from '../../../templates/certificate.js';
import type { Fonts } from '../../../templates/document.js';
import { type ReceiptView, renderReceipt } from '../../../templates/receipt.js';
import { pdfBytes, verificationQr } from '../qr.js';

/** A document to render: the template's view, with the verification link its QR code carries. */
export type RenderRequest =
  | { template: 'receipt'; view: Omit<ReceiptView, 'qr'>; link: string }
  | { template: 'certificate'; view: Omit<CertificateView, 'qr'>; link: string };

/** The PDF of a request: plain data in, bytes out, so it runs the same in any thread. */
export async function renderPdf(request: RenderRequest, fonts: Fonts): Promise<Buffer> {
  const qr = verificationQr(request.link);
  switch (request.template) {
    case 'receipt':
      return pdfBytes(renderReceipt({ ...request.view, qr }, fonts));
    case 'certificate':
      return pdfBytes(renderCertificate({ ...request.view, qr }, fonts));
  }
}
