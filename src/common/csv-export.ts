import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * A cell safe to open in a spreadsheet: text starting with = + - @ (or a tab or carriage return)
 * would run as a formula, so it is prefixed with an apostrophe (OWASP's CSV-injection advice).
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A spreadsheet written while its rows are read, batch by batch: memory stays flat however many
 * rows an export has. CSV is RFC 4180 with a UTF-8 BOM (so Excel opens Vietnamese text correctly);
 * XLSX has one sheet with a bold header, numbers kept as numbers. Text cells go through `safeCell`.
 */
export function exportStream(
  format: ExportFormat,
  sheetName: string,
  header: string[],
  batches: AsyncIterable<unknown[][]>,
): Readable {
  return format === 'csv' ? csvStream(header, batches) : xlsxStream(sheetName, header, batches);
}

function csvStream(header: string[], batches: AsyncIterable<unknown[][]>): Readable {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const line = (cells: unknown[]) => `${cells.map((c) => quote(safeCell(c))).join(',')}\r\n`;
  return Readable.from(
    (async function* () {
      yield `\uFEFF${line(header)}`;
      for await (const rows of batches) yield rows.map(line).join('');
    })(),
  );
}

function xlsxStream(sheetName: string, header: string[], batches: AsyncIterable<unknown[][]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  // A fixed creation date: the same rows give the same file.
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 0, 1));
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = header.map(() => ({ width: 18 }));
  void (async () => {
    const head = sheet.addRow(header);
    head.font = { bold: true };
    head.commit();
    for await (const rows of batches) {
      for (const row of rows)
        sheet.addRow(row.map((v) => (typeof v === 'number' ? v : safeCell(v)))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
