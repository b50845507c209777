import { ValueTransformer } from 'typeorm';

export class UnsafeIntegerError extends Error {
  constructor(value: unknown) {
    super(`Integer out of the safe range: ${String(value)}`);
  }
}

/**
 * Money is integer đồng in `bigint` columns. pg returns bigint as a string; we hand the
 * application a `number` only when it is a safe integer (±9,007,199,254,740,991 đồng, far
 * above any fund), and refuse anything else loudly rather than round it.
 */
export const bigintTransformer: ValueTransformer = {
  to(value: unknown): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    throw new UnsafeIntegerError(value);
  },
  from(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    const text = String(value);
    if (!/^-?\d+$/.test(text)) throw new UnsafeIntegerError(value);
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new UnsafeIntegerError(value);
    return n;
  },
};
