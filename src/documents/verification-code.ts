import { randomBytes } from 'node:crypto';

// Crockford's base32 without I, L, O, U: read aloud and typed from paper without mistakes.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// Secure random bytes drawn 4 KiB at a time, each used once: a call per code cost an import of
// 100,000 rows about a second.
let pool = Buffer.alloc(0);
let used = 0;

/** The code printed on a receipt or certificate to look it up: 10 characters, 50 random bits. */
export function verificationCode(): string {
  if (used + 10 > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[pool[used++] % 32];
  return code;
}
