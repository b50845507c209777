// Control characters (NUL above all: PostgreSQL text cannot hold it) are dropped.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/** Text is stored NFC-normalised, with runs of white space collapsed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/**
 * A search key: lower case, without diacritics, đ → d, so "Nguyen Thi Hang" and
 * "nguyễn thị hằng" meet. Also a sensible sort key for Vietnamese names in a C collation.
 */
export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A file-name part: "Nguyễn Thị Hằng" → "nguyen-thi-hang" (ASCII, so no header needs encoding). */
export function slug(value: string): string {
  return searchKey(value)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Escapes %, _ and \ for use inside a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}
