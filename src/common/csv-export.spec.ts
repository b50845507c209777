import { safeCell, toCsv } from './csv-export.js';

describe('CSV export', () => {
  it('escapes formulas and quotes what needs it', () => {
    expect(safeCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(safeCell('+84 912')).toBe(`'+84 912`);
    expect(safeCell(-5)).toBe('-5'); // numbers stay numbers
    expect(toCsv(['Tên', 'Số tiền'], [['Nguyễn, Văn "A"', 1250000]])).toBe(
      '\uFEFFTên,Số tiền\r\n"Nguyễn, Văn ""A""",1250000\r\n',
    );
  });
});
