import ExcelJS from 'exceljs';
import { exportStream, safeCell } from './csv-export.js';

async function* batches(...items: unknown[][][]) {
  yield* items;
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

describe('Spreadsheet export', () => {
  it('escapes formulas and quotes what needs it', async () => {
    expect(safeCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(safeCell('+84 912')).toBe(`'+84 912`);
    expect(safeCell(-5)).toBe('-5'); // numbers stay numbers
    const csv = await collect(
      exportStream('csv', 'x', ['Tên', 'Số tiền'], batches([['Nguyễn, Văn "A"', 1250000]], [['=1+1', 5]])),
    );
    expect(csv.toString('utf8')).toBe('\uFEFFTên,Số tiền\r\n"Nguyễn, Văn ""A""",1250000\r\n\'=1+1,5\r\n');
  });

  it('writes XLSX rows batch by batch, numbers as numbers and formulas defused', async () => {
    const xlsx = await collect(
      exportStream('xlsx', 'Khoản', ['Tên', 'Số tiền'], batches([['Hằng', 1250000]], [['@SUM(A1)', 7]])),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Khoản')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Tên', 'Số tiền']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Hằng', 1250000]);
    expect(sheet.getRow(3).values).toEqual([undefined, "'@SUM(A1)", 7]);
  });
});
