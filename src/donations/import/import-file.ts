import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parseCsvTable } from '../../common/csv.js';

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

/** The template a treasurer downloads: the headings, one example row, and a sheet of guidance. */
export async function templateWorkbook(headers: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2026, 0, 1));
  const sheet = workbook.addWorksheet('Khoản ủng hộ');
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow([
    'Nguyễn Thị Hằng',
    'Cá nhân',
    1250000,
    '05/09/2026',
    'Tiền mặt',
    '0912345678',
    'Thôn Đông',
    '',
    '',
    'Ủng hộ quỹ khuyến học',
    '',
    '',
  ]);
  sheet.columns.forEach((c) => (c.width = 22));
  const help = workbook.addWorksheet('Hướng dẫn');
  for (const line of [
    'Mỗi dòng một khoản ủng hộ; giữ nguyên dòng tiêu đề.',
    'Số tiền: số nguyên đồng, ví dụ 1250000 hoặc 1.250.000.',
    'Ngày nhận: ngày/tháng/năm, ví dụ 05/09/2026; không ở tương lai.',
    'Loại: Cá nhân, Gia đình, Dòng họ, Doanh nghiệp, Tổ chức, Giấu tên (mặc định Cá nhân).',
    'Hình thức: Tiền mặt, Chuyển khoản, Hiện vật (hiện vật cần mô tả; số tiền là giá trị quy đổi).',
    'Khi tải lên, nhập số dòng và tổng tiền để hệ thống đối chiếu; chưa ghi gì cho đến khi bạn xác nhận.',
  ]) {
    help.addRow([line]);
  }
  help.getColumn(1).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
