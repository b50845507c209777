import { bigintTransformer, UnsafeIntegerError } from './bigint.transformer.js';

describe('bigintTransformer', () => {
  it('round-trips whole đồng, including the largest safe integer', () => {
    for (const n of [0, 1, 1_250_000, 10_000_000_000_000, -5, Number.MAX_SAFE_INTEGER]) {
      expect(bigintTransformer.from(bigintTransformer.to(n))).toBe(n);
    }
  });

  it('reads pg bigint strings', () => {
    expect(bigintTransformer.from('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(bigintTransformer.from(null)).toBeNull();
  });

  it.each([1.5, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity, '12'])('refuses to write %p', (value) => {
    expect(() => bigintTransformer.to(value)).toThrow(UnsafeIntegerError);
  });

  it.each(['9007199254740993', '1.5', 'abc'])('refuses to read %p rather than lose precision', (value) => {
    expect(() => bigintTransformer.from(value)).toThrow(UnsafeIntegerError);
  });
});
