import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fonts } from '../../templates/document.js';
import { projectRoot } from '../common/project-root.js';

let fonts: Fonts | undefined;

/** Be Vietnam Pro (SIL OFL, templates/fonts/OFL.txt): every Vietnamese glyph; read once per process. */
export function documentFonts(): Fonts {
  const dir = join(projectRoot(), 'templates', 'fonts');
  fonts ??= {
    regular: readFileSync(join(dir, 'BeVietnamPro-Regular.ttf')),
    bold: readFileSync(join(dir, 'BeVietnamPro-Bold.ttf')),
    italic: readFileSync(join(dir, 'BeVietnamPro-Italic.ttf')),
  };
  return fonts;
}
