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

/** RFC 4180 CSV with a UTF-8 BOM, so Excel opens Vietnamese text correctly. */
export function toCsv(header: string[], rows: unknown[][]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [header, ...rows.map((r) => r.map(safeCell))].map((r) => r.map(quote).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One sheet with a bold header; text cells go through `safeCell`, numbers stay numbers. */
export async function toXlsx(sheetName: string, header: string[], rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // A fixed creation date: the same rows give the same file.
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 0, 1));
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => (typeof v === 'number' ? v : safeCell(v))));
  sheet.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
