import { parseDay } from '../../common/spreadsheet-rows.js';
import { readPaperReceipt } from '../paper-receipt.js';
import { mapHeader, parseAmount, readRow } from './import-rows.js';

describe('import rows', () => {
  it.each([
    ['1250000', 1250000],
    ['1.250.000', 1250000],
    ['1,250,000', 1250000],
    ['1 250 000 đ', 1250000],
    [1250000, 1250000],
    ['1.250', 1250],
    ['1,5', null],
    ['12.5', null],
    [12.5, null],
    ['0', null],
    ['-5', null],
    ['abc', null],
    ['10000000000001', null],
    [null, null],
  ])('reads the amount %j as %j', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  it.each([
    ['05/09/2026', '2026-09-05'],
    ['5/9/2026', '2026-09-05'],
    ['2026-09-05', '2026-09-05'],
    [new Date(Date.UTC(2026, 8, 5)), '2026-09-05'],
    ['31/02/2026', null],
    ['2026/09/05', null],
    ['hôm qua', null],
  ])('reads the day %j as %j', (input, expected) => {
    expect(parseDay(input)).toBe(expected);
  });

  it.each([
    ['3', '45', { book: '03', number: 45 }],
    ['003', '0045', { book: '03', number: 45 }],
    ['q3', 45, { book: 'Q3', number: 45 }],
    [12, 1, { book: '12', number: 1 }],
  ])('reads the paper receipt book %j, number %j', (book, number, expected) => {
    expect(readPaperReceipt(book, number)).toEqual({ paper: expected, problems: [] });
  });

  it.each([
    ['03', '', ['number']],
    ['', '45', ['book']],
    ['03', '4,5', ['number']],
    ['03', '0', ['number']],
    ['03', '12345678', ['number']],
    ['quyển 3', '45', ['book']],
  ])('refuses the paper receipt book %j, number %j, naming %j', (book, number, fields) => {
    const { paper, problems } = readPaperReceipt(book, number);
    expect([paper, problems.map((p) => p.field)]).toEqual([null, fields]);
  });

  it("maps the paper receipt columns by the form's own headings", () => {
    const { columns } = mapHeader(['Số tiền', 'Ngày', 'Quyển số', 'Số']);
    expect([...columns.values()]).toEqual(['amount', 'receivedOn', 'paperBook', 'paperNumber']);
    const row = readRow(
      2,
      { name: 'Lê Thị Mơ', amount: '100000', receivedOn: '05/09/2026', paperNumber: '7' },
      '2026-12-04',
    );
    expect(row.problems).toEqual([
      {
        row: 2,
        column: 'Quyển số (phiếu giấy)',
        field: 'paperBook',
        message: 'bắt buộc khi có số phiếu giấy',
      },
    ]);
  });

  it('maps Vietnamese headings with or without accents', () => {
    const { columns, missing } = mapHeader([
      'Họ tên nhà hảo tâm',
      'SO TIEN (DONG)',
      'ngày nhận',
      'Ghi chú',
      'cột lạ',
    ]);
    expect([...columns.entries()]).toEqual([
      [0, 'name'],
      [1, 'amount'],
      [2, 'receivedOn'],
      [3, 'note'],
    ]);
    expect(missing).toEqual([]);
    expect(mapHeader(['Tên']).missing).toEqual(['Số tiền (đồng)', 'Ngày nhận']);
  });

  it('names every problem of a row with its row and column', () => {
    const { row, problems } = readRow(
      7,
      { amount: '1,5', receivedOn: '2999-01-01', method: 'séc' },
      '2026-11-25',
    );
    expect(row).toBeNull();
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [7, 'Họ tên nhà hảo tâm'],
      [7, 'Số tiền (đồng)'],
      [7, 'Ngày nhận'],
      [7, 'Hình thức'],
    ]);
  });

  it('normalises a good row to NFC', () => {
    const { row } = readRow(
      2,
      {
        name: 'Nguyễn Thị Hằng'.normalize('NFD'),
        amount: '500.000',
        receivedOn: '01/02/2026',
        kind: 'Dòng họ',
      },
      '2026-11-25',
    );
    expect(row).toMatchObject({
      name: 'Nguyễn Thị Hằng',
      kind: 'clan',
      amount: 500000,
      receivedOn: '2026-02-01',
      method: 'cash',
    });
  });
});
