import { cleanText, searchKey } from '../../common/text.js';
import { parseDay } from '../../common/spreadsheet-rows.js';
import { MAX_AMOUNT } from '../../common/validation.js';
import type { ImportProblem } from '../entities/donation-import.entity.js';
import type { DonationMethod } from '../entities/donation.entity.js';
import type { DonorKind } from '../entities/donor.entity.js';
import { readPaperReceipt } from '../paper-receipt.js';

/** A row of the spreadsheet, checked and normalised: what the commit turns into a donation. */
export interface ImportRow {
  name: string | null;
  kind: DonorKind;
  amount: number;
  receivedOn: string;
  method: DonationMethod;
  phone: string | null;
  address: string | null;
  taxCode: string | null;
  reference: string | null;
  purpose: string | null;
  inKindDescription: string | null;
  note: string | null;
  /** A paper receipt already handed out for this gift ("Quyển số", "Số"); both or neither. */
  paperBook: string | null;
  paperNumber: number | null;
}

/** The template's columns, in order, with the other headings people type for them. */
export const COLUMNS: { key: keyof ImportRow; header: string; aliases: string[]; required?: boolean }[] = [
  {
    key: 'name',
    header: 'Họ tên nhà hảo tâm',
    aliases: ['ho ten', 'ho va ten', 'ten', 'nha hao tam', 'ten nha hao tam'],
  },
  { key: 'kind', header: 'Loại nhà hảo tâm', aliases: ['loai', 'doi tuong'] },
  { key: 'amount', header: 'Số tiền (đồng)', aliases: ['so tien', 'so tien dong', 'tien'], required: true },
  { key: 'receivedOn', header: 'Ngày nhận', aliases: ['ngay', 'ngay nhan', 'ngay nop'], required: true },
  { key: 'method', header: 'Hình thức', aliases: ['hinh thuc', 'hinh thuc nop'] },
  { key: 'phone', header: 'Điện thoại', aliases: ['dien thoai', 'so dien thoai', 'sdt'] },
  { key: 'address', header: 'Địa chỉ', aliases: ['dia chi'] },
  { key: 'taxCode', header: 'Mã số thuế', aliases: ['ma so thue', 'mst'] },
  { key: 'reference', header: 'Số tham chiếu', aliases: ['tham chieu', 'ma giao dich', 'so giao dich'] },
  { key: 'purpose', header: 'Lý do nộp', aliases: ['ly do', 'ly do nop', 'muc dich'] },
  { key: 'inKindDescription', header: 'Mô tả hiện vật', aliases: ['hien vat', 'mo ta hien vat'] },
  { key: 'note', header: 'Ghi chú', aliases: ['ghi chu'] },
  {
    key: 'paperBook',
    header: 'Quyển số (phiếu giấy)',
    aliases: ['quyen so', 'quyen', 'quyen so phieu', 'quyen so phieu thu', 'quyen phieu giay'],
  },
  {
    // A bare "Số" is the paper form's own heading; a number without a book is a problem of its row,
    // so a "Số" column that only counts rows is told, never read silently as receipt numbers.
    key: 'paperNumber',
    header: 'Số (phiếu giấy)',
    aliases: ['so', 'so phieu', 'so phieu thu', 'so phieu giay', 'so phieu thu giay'],
  },
];

const KINDS: Record<string, DonorKind> = {
  'ca nhan': 'person',
  person: 'person',
  'gia dinh': 'family',
  family: 'family',
  'dong ho': 'clan',
  ho: 'clan',
  clan: 'clan',
  'doanh nghiep': 'enterprise',
  'cong ty': 'enterprise',
  enterprise: 'enterprise',
  'to chuc': 'organisation',
  'co quan': 'organisation',
  organisation: 'organisation',
  'an danh': 'anonymous',
  'giau ten': 'anonymous',
  anonymous: 'anonymous',
};

const METHODS: Record<string, DonationMethod> = {
  'tien mat': 'cash',
  cash: 'cash',
  'chuyen khoan': 'bank_transfer',
  'ngan hang': 'bank_transfer',
  bank_transfer: 'bank_transfer',
  'hien vat': 'in_kind',
  in_kind: 'in_kind',
};

/** Column index → row field, from the header row; headings match without accents or case. */
export function mapHeader(cells: unknown[]): { columns: Map<number, keyof ImportRow>; missing: string[] } {
  const columns = new Map<number, keyof ImportRow>();
  cells.forEach((cell, i) => {
    const key = searchKey(String(cell ?? ''))
      .replace(/[()]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const column = COLUMNS.find(
      (c) => searchKey(c.header).replace(/[()]/g, '') === key || c.aliases.includes(key),
    );
    if (column && ![...columns.values()].includes(column.key)) columns.set(i, column.key);
  });
  const found = new Set(columns.values());
  const missing = COLUMNS.filter((c) => c.required && !found.has(c.key)).map((c) => c.header);
  return { columns, missing };
}

/** `1250000`, `1.250.000`, `1,250,000`, `1 250 000 đ` → 1250000; anything else → null. */
export function parseAmount(value: unknown): number | null {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 1 && value <= MAX_AMOUNT ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s|đồng|đ|vnd/gi, '');
  let digits: string | null = null;
  if (/^\d+$/.test(text)) digits = text;
  else if (/^\d{1,3}(\.\d{3})+$/.test(text)) digits = text.replace(/\./g, '');
  else if (/^\d{1,3}(,\d{3})+$/.test(text)) digits = text.replace(/,/g, '');
  if (digits === null || digits.length > 14) return null;
  const n = Number(digits);
  return n >= 1 && n <= MAX_AMOUNT ? n : null;
}

const text = (value: unknown, max: number): string | null => {
  if (value === null || value === undefined) return null;
  const s = cleanText(String(value));
  return s ? s.slice(0, max) : null;
};

/** Checks one data row; every problem names its row and column. */
export function readRow(
  rowNumber: number,
  cells: Partial<Record<keyof ImportRow, unknown>>,
  today: string,
): { row: ImportRow | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const problem = (field: keyof ImportRow, message: string) =>
    problems.push({ row: rowNumber, column: COLUMNS.find((c) => c.key === field)!.header, field, message });

  const kindText = text(cells.kind, 50);
  const kind = kindText ? KINDS[searchKey(kindText)] : 'person';
  if (!kind)
    problem(
      'kind',
      `không rõ loại "${kindText}" (cá nhân, gia đình, dòng họ, doanh nghiệp, tổ chức, giấu tên)`,
    );
  const name = text(cells.name, 200);
  if (!name && kind !== 'anonymous') problem('name', 'bắt buộc (hoặc ghi loại "giấu tên")');

  const amount = parseAmount(cells.amount);
  if (amount === null)
    problem('amount', 'phải là số nguyên đồng, từ 1 đến 10.000.000.000.000 (vd 1250000 hoặc 1.250.000)');
  const receivedOn = parseDay(cells.receivedOn);
  if (!receivedOn) problem('receivedOn', 'phải là ngày dạng 05/09/2026 hoặc 2026-09-05');
  else if (receivedOn > today) problem('receivedOn', 'không được ở tương lai');

  const methodText = text(cells.method, 50);
  const method = methodText ? METHODS[searchKey(methodText)] : 'cash';
  if (!method) problem('method', `không rõ hình thức "${methodText}" (tiền mặt, chuyển khoản, hiện vật)`);
  const inKindDescription = text(cells.inKindDescription, 500);
  if (method === 'in_kind' && !inKindDescription) problem('inKindDescription', 'bắt buộc với hiện vật');
  if (method && method !== 'in_kind' && inKindDescription)
    problem('inKindDescription', 'chỉ dùng cho hiện vật');

  const phone = text(cells.phone, 32);
  if (phone && !/^[0-9+().\s-]{6,32}$/.test(phone)) problem('phone', 'không phải số điện thoại');
  const taxCode = text(cells.taxCode, 20);
  if (taxCode && !/^\d{10}(-\d{3})?$/.test(taxCode)) problem('taxCode', 'mã số thuế gồm 10 hoặc 13 chữ số');

  const paper = readPaperReceipt(cells.paperBook, cells.paperNumber);
  for (const p of paper.problems) problem(p.field === 'book' ? 'paperBook' : 'paperNumber', p.message);

  if (problems.length) return { row: null, problems };
  return {
    row: {
      name: kind === 'anonymous' ? null : name,
      kind: kind!,
      amount: amount!,
      receivedOn: receivedOn!,
      method: method!,
      phone: kind === 'anonymous' ? null : phone,
      address: kind === 'anonymous' ? null : text(cells.address, 300),
      taxCode: kind === 'anonymous' ? null : taxCode,
      reference: text(cells.reference, 100),
      purpose: text(cells.purpose, 500),
      inKindDescription,
      note: text(cells.note, 1000),
      paperBook: paper.paper?.book ?? null,
      paperNumber: paper.paper?.number ?? null,
    },
    problems,
  };
}

/** A paper receipt a row of the file transcribes: the row, and the year, book and number. */
export interface PaperRow {
  row: number;
  year: number;
  book: string;
  number: number;
}

/** The paper receipt row `rowNumber` transcribes, if any. */
export const paperRow = (rowNumber: number, row: ImportRow): PaperRow | null =>
  row.paperNumber === null
    ? null
    : {
        row: rowNumber,
        year: Number(row.receivedOn.slice(0, 4)),
        book: row.paperBook!,
        number: row.paperNumber,
      };

/** One key per paper receipt of a unit: its year, book and number. */
export const paperKey = (p: { year: number; book: string; number: number }) =>
  `${p.year}|${p.book}|${p.number}`;

/** A key that two rows describing the same gift share. */
export function duplicateKey(row: ImportRow): string {
  return [searchKey(row.name ?? ''), row.amount, row.receivedOn, row.reference ?? ''].join('|');
}
