import { parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and CRLF', () => {
    const text = 'code,name,note\r\n1,"Xã Vũ Tiên","a, ""b"""\r\n2,Phường Thái Bình,\r\n';
    expect(parseCsv(text)).toEqual([
      { code: '1', name: 'Xã Vũ Tiên', note: 'a, "b"' },
      { code: '2', name: 'Phường Thái Bình', note: '' },
    ]);
  });

  it('keeps newlines inside quoted fields and ignores blank lines', () => {
    expect(parseCsv('a,b\n"x\ny",z\n\n')).toEqual([{ a: 'x\ny', b: 'z' }]);
  });
});
