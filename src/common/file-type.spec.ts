import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { fileType, refusedFile } from './file-type.js';

const zip = async (files: Record<string, string>) => {
  const z = new JSZip();
  for (const [name, content] of Object.entries(files)) z.file(name, content);
  return Buffer.from(await z.generateAsync({ type: 'nodebuffer' }));
};
const bytes = (...b: number[]) => Buffer.from([...b, 0x00, 0x10, 0x20, 0x30]);

describe('what an uploaded file is, by its content', () => {
  it('accepts an XLSX and text (a CSV), whatever their names say', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Bảng kê').addRow(['Họ tên', 'Số tiền']);
    expect(fileType(Buffer.from(await book.xlsx.writeBuffer())).kind).toBe('xlsx');
    expect(fileType(Buffer.from('\uFEFFHọ tên,Số tiền\r\nAn,1000\r\n')).kind).toBe('text');
    // Latin-1 text is still text: the CSV reader then says it is not UTF-8.
    expect(fileType(Buffer.from('Họ tên,Số tiền', 'latin1')).kind).toBe('text');
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'PDF'],
    [
      'a legacy Excel or Word file',
      bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
      'tệp Office đời cũ',
    ],
    ['a PNG photo', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'ảnh PNG'],
    ['a JPEG photo', bytes(0xff, 0xd8, 0xff, 0xe0), 'ảnh JPEG'],
    ['a phone photo', Buffer.from('\0\0\0\x18ftypheic\0\0\0\0'), 'ảnh HEIC'],
    ['a RAR archive', bytes(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00), 'tệp nén RAR'],
    ['UTF-16 text ("Unicode Text" in Excel)', Buffer.from('\uFEFFHọ tên\tSố tiền', 'utf16le'), 'UTF-16'],
    [
      'a web page saved as .xls',
      Buffer.from('<!DOCTYPE html><html><table></table></html>'),
      'trang web HTML',
    ],
    [
      'an XML spreadsheet',
      Buffer.from('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'),
      'bảng tính XML 2003',
    ],
    ['an unknown binary', Buffer.from([0x01, 0x02, 0x00, 0x03, 0x04]), 'tệp nhị phân'],
  ])('names %s', (_, buffer, label) => {
    const type = fileType(buffer);
    expect(type.kind).toBe('other');
    expect(type.kind === 'other' && type.label).toContain(label);
  });

  it('looks inside a ZIP: a Word document, an OpenDocument sheet, a plain archive', async () => {
    const labels = await Promise.all(
      [
        { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' } as Record<string, string>,
        { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' },
        { 'ảnh.jpg': 'x' },
      ].map(async (files) => {
        const type = fileType(await zip(files));
        return type.kind === 'other' ? type.label : type.kind;
      }),
    );
    expect(labels).toEqual(['văn bản Word (.docx)', 'bảng tính OpenDocument (.ods)', 'tệp nén ZIP']);
  });

  it('says what was received and what is accepted', () => {
    expect(refusedFile({ label: 'PDF' })).toBe(
      'tệp nhận được là PDF; chỉ nhận bảng tính .xlsx hoặc .csv (UTF-8)',
    );
  });
});
