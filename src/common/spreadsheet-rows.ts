import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parseCsvTable } from './csv.js';
import { ACCEPTED_FILES, fileType, refusedFile } from './file-type.js';
import { isIsoDay } from './validation.js';

export class ImportFileError extends Error {}

/** The plain value of an ExcelJS cell (rich text, formulas, hyperlinks reduced to what they show). */
function plain(value: unknown): unknown {
  if (value === null || value === undefined || value instanceof Date || typeof value !== 'object')
    return value;
  const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return plain(v.result);
  if ('text' in v) return plain(v.text);
  return null;
}

/**
 * The non-blank rows of the first sheet of an XLSX (streamed) or of a UTF-8 CSV, one at a time,
 * refusing any other kind of file and more than `maxRows` data rows; nothing of the file is kept
 * but the current row. Every upload (donations, nominations, the signed payment list) reads here.
 */
export async function* readRows(
  buffer: Buffer,
  limits: { maxRows: number; maxUnzippedBytes: number },
): AsyncGenerator<{ number: number; cells: unknown[] }> {
  let count = 0;
  const keep = (cells: unknown[]) => {
    if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) return false;
    if (++count > limits.maxRows + 1) {
      throw new ImportFileError(
        `quá ${limits.maxRows.toLocaleString('vi-VN')} dòng; hãy chia thành nhiều tệp`,
      );
    }
    return true;
  };
  // By its content, whatever its name says: a PDF or a photo is named as such, not read as CSV.
  const type = fileType(buffer);
  if (type.kind === 'other') throw new ImportFileError(refusedFile(type));
  if (type.kind === 'xlsx') {
    if (type.entries.some((e) => e.size === 0xffffffff))
      throw new ImportFileError('tệp XLSX quá lớn (ZIP64)');
    if (type.entries.reduce((sum, e) => sum + e.size, 0) > limits.maxUnzippedBytes) {
      throw new ImportFileError('tệp XLSX giải nén ra quá lớn');
    }
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
    });
    try {
      for await (const sheet of reader) {
        for await (const row of sheet) {
          const cells = ((row as ExcelJS.Row).values as unknown[]).slice(1).map(plain);
          if (keep(cells)) yield { number: (row as ExcelJS.Row).number, cells };
        }
        break; // the first sheet only
      }
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      throw new ImportFileError('không đọc được tệp XLSX');
    }
    return;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new ImportFileError(
      `tệp nhận được là văn bản không mã hóa UTF-8; ${ACCEPTED_FILES} (trong Excel, chọn Lưu thành “CSV UTF-8”)`,
    );
  }
  const table = parseCsvTable(text);
  for (let i = 0; i < table.length; i++) if (keep(table[i])) yield { number: i + 1, cells: table[i] };
}

/** `05/09/2026`, `5/9/2026`, `2026-09-05`, or a spreadsheet date → `2026-09-05`; else null. */
export function parseDay(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const day = vn ? `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}` : text;
  return isIsoDay(day) ? day : null;
}
