import { amountInWords, formatDate, formatMoney, formatNumber, formatShortDate } from './vi-format.js';

describe('Vietnamese formats', () => {
  it('shows money and dates as forms do', () => {
    expect(formatMoney(1_250_000)).toBe('1.250.000 đ');
    expect(formatMoney(0)).toBe('0 đ');
    // Nothing deducted is 0, not "-0".
    expect(formatMoney(-0)).toBe('0 đ');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-1_250_000)).toBe('-1.250.000');
    expect(formatDate('2026-09-05')).toBe('ngày 05 tháng 9 năm 2026');
    expect(formatDate('2026-11-25')).toBe('ngày 25 tháng 11 năm 2026');
    expect(formatShortDate('2012-03-15')).toBe('15/03/2012');
  });

  it.each([
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [105_000, 'Một trăm linh năm nghìn đồng'],
    [1_000_005, 'Một triệu không trăm linh năm đồng'],
    [21_000, 'Hai mươi mốt nghìn đồng'],
    [15_000, 'Mười lăm nghìn đồng'],
    [24_000, 'Hai mươi tư nghìn đồng'],
    [2_000_000_000, 'Hai tỷ đồng'],
    [80_000, 'Tám mươi nghìn đồng'],
    [1_001, 'Một nghìn không trăm linh một đồng'],
    [25_000, 'Hai mươi lăm nghìn đồng'],
    [1_000_015, 'Một triệu không trăm mười lăm đồng'],
    [1_250_000_000, 'Một tỷ hai trăm năm mươi triệu đồng'],
    // A statement of a year without gifts still prints its total in words.
    [0, 'Không đồng'],
  ])('reads %d as "%s"', (amount, words) => {
    expect(amountInWords(amount)).toBe(words);
  });
});
