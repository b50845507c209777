/**
 * What an uploaded file is, from its content (its first bytes, and for a ZIP the names of the
 * parts inside), never from its name or the browser's content type: a spreadsheet is accepted
 * as XLSX or as text (CSV), anything else is named so the person who sent it knows what to send.
 */

const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;

/** A part of a ZIP as its central directory lists it. */
export interface ZipEntry {
  name: string;
  /** Uncompressed size; 0xffffffff for a ZIP64 entry. */
  size: number;
}

/**
 * The entries of a ZIP, read from its central directory without inflating anything (so a zip bomb
 * is measured before it is opened); null when there is no readable directory.
 */
export function zipEntries(buffer: Buffer): ZipEntry[] | null {
  const from = Math.max(0, buffer.length - 65_557);
  let end = -1;
  for (let i = buffer.length - 22; i >= from; i--) {
    if (buffer.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== ZIP_CENTRAL) return null;
    const nameLength = buffer.readUInt16LE(offset + 28);
    entries.push({
      name: buffer.toString('utf8', offset + 46, offset + 46 + nameLength),
      size: buffer.readUInt32LE(offset + 24),
    });
    offset += 46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return entries;
}

/** What a file is: one the imports read, or a description of what was sent instead. */
export type FileType =
  | { kind: 'xlsx'; entries: ZipEntry[] }
  | { kind: 'text' }
  /** `label` completes "Tệp nhận được là …"; `hint` says how to make an accepted file of it. */
  | { kind: 'other'; label: string; hint?: string };

const SAVE_AS_XLSX = 'trong Excel, chọn Lưu thành “Sổ làm việc Excel (.xlsx)”';

/** Signatures at the start of a file, with what it is. */
const MAGIC: { bytes: (number | null)[]; label: string; hint?: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], label: 'PDF' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    label: 'tệp Office đời cũ (bảng tính .xls hoặc văn bản .doc)',
    hint: SAVE_AS_XLSX,
  },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], label: 'ảnh PNG' },
  { bytes: [0xff, 0xd8, 0xff], label: 'ảnh JPEG' },
  { bytes: [0x47, 0x49, 0x46, 0x38], label: 'ảnh GIF' },
  // RIFF....WEBP
  {
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
    label: 'ảnh WebP',
  },
  // ....ftyp: HEIC photos from phones (and MP4 videos).
  { bytes: [null, null, null, null, 0x66, 0x74, 0x79, 0x70], label: 'ảnh HEIC hoặc video' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], label: 'ảnh TIFF' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], label: 'ảnh TIFF' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], label: 'tệp nén RAR' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], label: 'tệp nén 7z' },
  { bytes: [0x1f, 0x8b], label: 'tệp nén gzip' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], label: 'văn bản RTF' },
  {
    bytes: [0xff, 0xfe],
    label: 'văn bản mã hóa UTF-16',
    hint: 'trong Excel, chọn Lưu thành “CSV UTF-8 (phân cách bằng dấu phẩy)”',
  },
  {
    bytes: [0xfe, 0xff],
    label: 'văn bản mã hóa UTF-16',
    hint: 'trong Excel, chọn Lưu thành “CSV UTF-8 (phân cách bằng dấu phẩy)”',
  },
];

/** What the parts of a ZIP say it is. */
function zipType(buffer: Buffer): FileType {
  const entries = zipEntries(buffer);
  if (!entries) return { kind: 'other', label: 'tệp nén ZIP hỏng (không đọc được mục lục)' };
  const has = (name: string) => entries.some((e) => e.name === name);
  if (has('[Content_Types].xml') && has('xl/workbook.xml')) return { kind: 'xlsx', entries };
  if (has('word/document.xml')) return { kind: 'other', label: 'văn bản Word (.docx)' };
  if (has('ppt/presentation.xml')) return { kind: 'other', label: 'bản trình chiếu PowerPoint (.pptx)' };
  if (has('mimetype') && buffer.includes('application/vnd.oasis.opendocument.spreadsheet'))
    return { kind: 'other', label: 'bảng tính OpenDocument (.ods)', hint: 'chọn Lưu thành “.xlsx”' };
  return { kind: 'other', label: 'tệp nén ZIP' };
}

/** Text that is a page or a document rather than a table of values. */
function markupType(head: string): FileType | null {
  const start = head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html'))
    return { kind: 'other', label: 'trang web HTML', hint: SAVE_AS_XLSX };
  if (start.startsWith('<?xml'))
    return start.includes('urn:schemas-microsoft-com:office:spreadsheet')
      ? { kind: 'other', label: 'bảng tính XML 2003', hint: SAVE_AS_XLSX }
      : { kind: 'other', label: 'tệp XML' };
  return null;
}

export function fileType(buffer: Buffer): FileType {
  if (buffer.length >= 4 && [ZIP_LOCAL, ZIP_END].includes(buffer.readUInt32LE(0))) return zipType(buffer);
  const magic = MAGIC.find(
    (m) => buffer.length >= m.bytes.length && m.bytes.every((b, i) => b === null || buffer[i] === b),
  );
  if (magic) return { kind: 'other', label: magic.label, hint: magic.hint };
  const head = buffer.subarray(0, 4096);
  // Text has no NUL byte; a binary format this list does not know has them early on.
  if (head.includes(0)) return { kind: 'other', label: 'tệp nhị phân không rõ loại' };
  return markupType(head.toString('utf8')) ?? { kind: 'text' };
}

/** What the imports accept, said the same way wherever a file is refused. */
export const ACCEPTED_FILES = 'chỉ nhận bảng tính .xlsx hoặc .csv (UTF-8)';

/** "tệp nhận được là PDF; chỉ nhận bảng tính .xlsx hoặc .csv (UTF-8)". */
export const refusedFile = (type: { label: string; hint?: string }) =>
  `tệp nhận được là ${type.label}; ${ACCEPTED_FILES}${type.hint ? ` (${type.hint})` : ''}`;
