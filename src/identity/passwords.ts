import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { FieldError } from '../common/errors.js';
import { searchKey } from '../common/text.js';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 40 ms per hash on this hardware.
// algorithm 2 is Argon2id (the package's enum is a const enum, which isolatedModules cannot read).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

// A real hash to verify against when the username is unknown, so both cases take as long.
let decoy: Promise<string> | undefined;
export async function spendVerifyTime(password: string): Promise<void> {
  decoy ??= hashPassword('decoy-password-never-matches');
  await verifyPassword(await decoy, password);
}

const COMMON = [
  '1234567890',
  '0123456789',
  '12345678910',
  'qwertyuiop',
  'password123',
  'matkhau123',
  'matkhau1234',
  'khuyenhoc',
  'khuyenhoc123',
  'abc1234567',
  'vietnam123',
  'iloveyou12',
];

/** Length, and not built from the user's own name: the refusals, as field errors. */
export function passwordProblems(
  password: string,
  user: { username: string; displayName: string },
  field = 'password',
): FieldError[] {
  const problem = (message: string) => [{ field, message }];
  if (password.length < PASSWORD_MIN_LENGTH) return problem(`cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự`);
  if (password.length > PASSWORD_MAX_LENGTH) return problem(`tối đa ${PASSWORD_MAX_LENGTH} ký tự`);
  const key = searchKey(password).replace(/\s+/g, '');
  const letters = key.replace(/[^a-z]/g, '');
  const username = user.username.toLowerCase();
  const name = searchKey(user.displayName).replace(/\s+/g, '');
  const nameWords = searchKey(user.displayName)
    .split(' ')
    .filter((w) => w.length >= 2);
  if (
    (username.length >= 3 && key.includes(username)) ||
    (name.length >= 3 && key.includes(name)) ||
    (letters.length > 0 && (letters === name || nameWords.includes(letters) || letters === username))
  ) {
    return problem('không được chứa tên đăng nhập hoặc họ tên của người dùng');
  }
  if (new Set(key).size <= 2) return problem('quá đơn giản (lặp lại ký tự)');
  if (COMMON.some((c) => key === c || (key.startsWith(c) && key.length - c.length <= 2))) {
    return problem('quá phổ biến, dễ đoán');
  }
  return [];
}

/** A password for the first administrator: 16 characters from an unambiguous alphabet. */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Usernames are lower-case ASCII so they are typed the same way on every keyboard. */
export function normaliseUsername(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
