import type { Type } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import { isIsoDay, MAX_AMOUNT, createValidationPipe } from '../common/validation.js';

/** What a form shows: the values as typed, and an error beside each field at fault. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** An error that belongs to no one field (a closed fund, a double void…). */
  message?: string;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

/** A form body's text fields as typed (NFC), ignoring anything that is not a string. */
export function typed(body: unknown, names: readonly string[]): Record<string, string> {
  const source = (body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = source[name];
    values[name] = typeof value === 'string' ? value.normalize('NFC') : '';
  }
  return values;
}

/** Text for an optional field: empty means absent. */
export const optional = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

/**
 * An amount as a treasurer writes it: `1.250.000`, `1 250 000`, `1250000` or `1.250.000 đ`.
 * Dots, spaces or commas only between groups of three digits; no decimals (đồng are whole).
 */
export function parseAmount(text: string): number | null {
  const t = text.trim().replace(/\s*(đ|đồng|vnđ|vnd)$/i, '');
  if (!/^\d{1,3}([., ]\d{3})*$/.test(t) && !/^\d+$/.test(t)) return null;
  const n = Number(t.replace(/[., ]/g, ''));
  return Number.isSafeInteger(n) && n > 0 && n <= MAX_AMOUNT ? n : null;
}

/** A day typed as `25/11/2026` (or `25-11-2026`, or ISO) as ISO `2026-11-25`, if it exists. */
export function parseDay(text: string): string | null {
  const t = text.trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = vn ? `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}` : t;
  return isIsoDay(iso) ? iso : null;
}

/** `2026-11-25` as `25/11/2026`, the way the form shows it. */
export const dayText = (iso: string) => iso.split('-').reverse().join('/');

const pipe = createValidationPipe();

/** The DTO of an API route, validated by the same pipe: a page takes no shortcut around a rule. */
export async function validateAs<T>(type: Type<T>, plain: Record<string, unknown>): Promise<T> {
  // An absent field is left out, so the DTO's defaults (page 1…) apply as for a query string.
  const present = Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined));
  return (await pipe.transform(present, { type: 'body', metatype: type })) as T;
}

/**
 * An error a person can correct on the form: each field error beside its field (under the form's
 * own name for it), anything else as the form's message. Other errors go on to the page filter.
 */
export function formErrors(
  error: unknown,
  values: Record<string, string>,
  names: Record<string, string> = {},
): FormState {
  if (!(error instanceof AppError) || error.status >= 500 || error.status === 401 || error.status === 404)
    throw error;
  const errors: Record<string, string> = {};
  for (const f of error.fields) {
    const name = names[f.field] ?? f.field;
    errors[name] ??= f.message;
  }
  const placed = Object.keys(errors).length > 0;
  return { values, errors, message: placed ? 'Hãy sửa các ô được đánh dấu bên dưới.' : error.message };
}
