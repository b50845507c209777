import { parentPort } from 'node:worker_threads';
import { documentFonts } from '../fonts.js';
import { type RenderRequest, renderPdf } from './renderers.js';

/** One rendering thread: the fonts are read once here, then each message is one document. */
const fonts = documentFonts();

parentPort!.on('message', (message: { id: number; request: RenderRequest }) => {
  renderPdf(message.request, fonts).then(
    (pdf) => {
      // Hand the bytes over without a copy when the buffer is the PDF's own.
      const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
      parentPort!.postMessage({ id: message.id, pdf }, own ? [pdf.buffer as ArrayBuffer] : []);
    },
    (error: unknown) =>
      parentPort!.postMessage({
        id: message.id,
        error: error instanceof Error ? error.stack : String(error),
      }),
  );
});
