import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'fontkit';
import type { Fonts } from '../../templates/document.js';
import { projectRoot } from '../common/project-root.js';

let fonts: Fonts | undefined;

/**
 * Be Vietnam Pro (SIL OFL, templates/fonts/OFL.txt): every Vietnamese glyph. Read and parsed once
 * per thread; each document then only subsets the parsed faces.
 */
export function documentFonts(): Fonts {
  const face = (file: string) => create(readFileSync(join(projectRoot(), 'templates', 'fonts', file)));
  fonts ??= {
    regular: face('BeVietnamPro-Regular.ttf'),
    bold: face('BeVietnamPro-Bold.ttf'),
    italic: face('BeVietnamPro-Italic.ttf'),
  };
  return fonts;
}
