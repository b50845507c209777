import { cleanText } from '../common/text.js';

/** A paper receipt already handed out, which a donation transcribes: its book and number. */
export interface PaperReceipt {
  book: string;
  number: number;
}

/** The largest number a paper book may carry. */
export const MAX_PAPER_NUMBER = 9_999_999;

/**
 * A paper receipt's book and number as typed ("03", "45"; "Q3", "0045"), checked and normalised,
 * one rule for a single donation and an import row. A book of digits is kept with two digits at
 * least ("3" and "003" are book "03"), other books in capitals; the number is a whole number.
 * Both or neither: one without the other is a problem naming the missing one.
 */
export function readPaperReceipt(
  book: unknown,
  number: unknown,
): { paper: PaperReceipt | null; problems: { field: 'book' | 'number'; message: string }[] } {
  const bookText = book === null || book === undefined ? '' : cleanText(String(book));
  const numberText = number === null || number === undefined ? '' : cleanText(String(number));
  if (!bookText && !numberText) return { paper: null, problems: [] };
  const problems: { field: 'book' | 'number'; message: string }[] = [];
  if (!bookText) problems.push({ field: 'book', message: 'bắt buộc khi có số phiếu giấy' });
  else if (!/^[\p{L}\p{N}./-]{1,10}$/u.test(bookText))
    problems.push({ field: 'book', message: 'tối đa 10 chữ cái hoặc chữ số (vd 03)' });
  if (!numberText) problems.push({ field: 'number', message: 'bắt buộc khi có quyển số phiếu giấy' });
  else if (!/^\d{1,7}$/.test(numberText) || Number(numberText) < 1)
    problems.push({ field: 'number', message: `phải là số nguyên từ 1 đến ${MAX_PAPER_NUMBER} (vd 45)` });
  if (problems.length) return { paper: null, problems };
  const normalBook = /^\d+$/.test(bookText)
    ? String(Number(bookText)).padStart(2, '0')
    : bookText.toUpperCase();
  return { paper: { book: normalBook, number: Number(numberText) }, problems };
}

/** A paper receipt's number as printed: four digits at least, as the books are ("0045"). */
export const paperNumber = (n: number) => String(n).padStart(4, '0');

/**
 * How a receipt's number is written in running text and on the verification page: the electronic
 * series "Quyển 2026, số 000123"; a transcribed paper receipt "Quyển 03, số 0045 (phiếu giấy)".
 */
export const receiptLabel = (r: { book: string; number: string; paper?: boolean }) =>
  `Quyển ${r.book}, số ${r.number}${r.paper ? ' (phiếu giấy)' : ''}`;
