import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

// In Node, pdfjs runs its "worker" on the main thread, importing the worker module by a URL relative
// to pdf.mjs; handing that module over up front keeps the import out of jest's VM module loader.
const g = globalThis as { pdfjsWorker?: unknown };
// @ts-expect-error -- the worker bundle ships no type declarations
g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');

/**
 * The text of each page of a PDF, for assertions: pdfjs splits a line into items (per font, per
 * run of glyphs), so items are joined, lines end where pdfjs says a line ends, whitespace is
 * collapsed and the result is NFC (pdfjs may decompose diacritics).
 */
export async function pdfText(pdf: Buffer): Promise<string[]> {
  const task = pdfjs.getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += (item as TextItem).str + ((item as TextItem).hasEOL ? '\n' : '');
      }
      pages.push(
        text
          .normalize('NFC')
          .split('\n')
          .map((line) => line.replace(/\s+/g, ' ').trim())
          .filter(Boolean)
          .join('\n'),
      );
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** All pages' text as one string, lines joined by spaces: for "contains" assertions across line breaks. */
export async function pdfFlatText(pdf: Buffer): Promise<string> {
  return (await pdfText(pdf)).join('\n').replace(/\s+/g, ' ');
}
