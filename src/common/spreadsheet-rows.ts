import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parseCsvTable } from './csv.js';
import { isIsoDay } from './validation.js';

export class ImportFileError extends Error {}

const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;

/**
 * The uncompressed size of every entry of a ZIP (an XLSX), read from its central directory
 * before anything is inflated, so a zip bomb is refused without being opened.
 */
export function unzippedSize(buffer: Buffer): number {
  const from = Math.max(0, buffer.length - 65_557);
  let end = -1;
  for (let i = buffer.length - 22; i >= from; i--) {
    if (buffer.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ImportFileError('tệp XLSX hỏng (không đọc được mục lục nén)');
  const entries = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== ZIP_CENTRAL) {
      throw new ImportFileError('tệp XLSX hỏng (mục lục nén không hợp lệ)');
    }
    const size = buffer.readUInt32LE(offset + 24);
    if (size === 0xffffffff) throw new ImportFileError('tệp XLSX quá lớn (ZIP64)');
    total += size;
    offset +=
      46 +
      buffer.readUInt16LE(offset + 28) +
      buffer.readUInt16LE(offset + 30) +
      buffer.readUInt16LE(offset + 32);
  }
  return total;
}

export const isXlsx = (buffer: Buffer) => buffer.length >= 4 && buffer.readUInt32LE(0) === ZIP_LOCAL;

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
 * refusing more than `maxRows` data rows; nothing of the file is kept but the current row.
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
  if (isXlsx(buffer)) {
    if (unzippedSize(buffer) > limits.maxUnzippedBytes) {
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
    throw new ImportFileError('tệp CSV phải mã hóa UTF-8 (Excel: Lưu thành "CSV UTF-8")');
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
