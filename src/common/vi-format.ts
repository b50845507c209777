import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

/** 1250000 → "1.250.000"; nothing (even a deduction of nothing, -0) is "0", never "-0". */
export const formatNumber = (n: number): string => (n === 0 ? 0 : n).toLocaleString('vi-VN');

/** 1250000 → "1.250.000 đ". */
export function formatMoney(amount: number): string {
  return `${formatNumber(amount)} đ`;
}

/** "2026-09-05" → "ngày 05 tháng 9 năm 2026" (the day as a two-digit number, as on forms). */
export function formatDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `ngày ${d} tháng ${Number(m)} năm ${y}`;
}

/** "2012-03-15" → "15/03/2012". */
export const formatShortDate = (day: string) => day.split('-').reverse().join('/');

// The northern reading: "linh" for a zero tens digit, "nghìn", "tỷ".
const WORDS = new ReadingConfig();
WORDS.unit = ['đồng'];
WORDS.units = [[], ['nghìn'], ['triệu'], ['tỷ']];
WORDS.oddText = 'linh';

/** 1250000 → "Một triệu hai trăm năm mươi nghìn đồng". */
export function amountInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`not an amount: ${amount}`);
  const words = doReadNumber(String(amount), WORDS);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
