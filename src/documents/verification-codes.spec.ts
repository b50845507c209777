import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { normaliseCode, printedCode, VerificationCodes } from './verification-codes.js';

async function codesWith(key: Buffer): Promise<VerificationCodes> {
  const codes = new VerificationCodes({ query: async () => [{ secret: key }] } as unknown as DataSource);
  await codes.onModuleInit();
  return codes;
}

describe('verification codes', () => {
  it('are 12 characters of Crockford base32, distinct per serial, and verify only under their key', async () => {
    const codes = await codesWith(randomBytes(32));
    const other = await codesWith(randomBytes(32));
    const seen = new Set<string>();
    for (let serial = 1; serial <= 20_000; serial++) {
      const code = codes.code(serial);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(codes.genuine(code)).toBe(true);
      expect(other.genuine(code)).toBe(false);
      seen.add(code.slice(0, 6));
    }
    // The serial part is a permutation: 20,000 serials, 20,000 different prefixes.
    expect(seen.size).toBe(20_000);
    // Consecutive serials do not give consecutive codes.
    expect(codes.code(2).slice(0, 6)).not.toBe('000002');
  });

  it('refuses a code with any one character changed', async () => {
    const codes = await codesWith(randomBytes(32));
    const code = codes.code(123_456);
    for (let i = 0; i < code.length; i++) {
      for (const c of '0Z7') {
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        if (changed !== code) expect(codes.genuine(changed)).toBe(false);
      }
    }
  });

  it('reads what people type and prints in groups of four', () => {
    expect(normaliseCode(' 7k2m-9qx4 hbo1 ')).toBe('7K2M9QX4HB01');
    expect(normaliseCode('il')).toBe('11');
    expect(printedCode('7K2M9QX4HB3T')).toBe('7K2M-9QX4-HB3T');
  });
});
