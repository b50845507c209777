import { todayInVietnam } from './dates.js';
import { isIsoDay } from './validation.js';

describe('dates', () => {
  it('uses the Vietnamese calendar day, not UTC', () => {
    expect(todayInVietnam(new Date('2026-11-24T17:30:00Z'))).toBe('2026-11-25');
    expect(todayInVietnam(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(todayInVietnam(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it('accepts only real calendar days', () => {
    expect(isIsoDay('2025-07-01')).toBe(true);
    expect(isIsoDay('2024-02-29')).toBe(true);
    for (const bad of ['2025-02-29', '2025-13-01', '2025-7-1', '2025-07-01T00:00:00Z', 20250701, null]) {
      expect(isIsoDay(bad)).toBe(false);
    }
  });
});
