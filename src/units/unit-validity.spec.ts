import { isOrdered, withinValidity } from './unit-validity.js';

describe('unit validity', () => {
  const open = { validFrom: null, validTo: null };
  const beforeReform = { validFrom: null, validTo: '2025-06-30' };
  const afterReform = { validFrom: '2025-07-01', validTo: null };

  it('accepts a child inside its parent', () => {
    expect(withinValidity(beforeReform, open)).toBe(true);
    expect(withinValidity({ validFrom: '2010-01-01', validTo: '2025-06-30' }, beforeReform)).toBe(true);
    expect(withinValidity({ validFrom: '2025-07-01', validTo: '2030-01-01' }, afterReform)).toBe(true);
  });

  it('refuses a child that outlives or predates its parent', () => {
    expect(withinValidity(open, beforeReform)).toBe(false);
    expect(withinValidity({ validFrom: '2025-06-01', validTo: null }, afterReform)).toBe(false);
    expect(withinValidity({ validFrom: null, validTo: '2025-07-01' }, beforeReform)).toBe(false);
  });

  it('orders the two ends', () => {
    expect(isOrdered({ validFrom: '2025-07-01', validTo: '2025-07-01' })).toBe(true);
    expect(isOrdered({ validFrom: '2025-07-02', validTo: '2025-07-01' })).toBe(false);
    expect(isOrdered(open)).toBe(true);
  });
});
