import { cleanText, escapeLike, searchKey, slug } from './text.js';

describe('text helpers', () => {
  it('stores NFC and collapses spaces', () => {
    const decomposed = 'Nguye\u0302\u0303n  Thi\u0323 Ha\u0306\u0300ng ';
    expect(cleanText(decomposed)).toBe('Nguyễn Thị Hằng');
    expect(cleanText(decomposed)).toBe('Nguyễn Thị Hằng'.normalize('NFC'));
  });

  it('folds diacritics and đ for search, from NFC or NFD input', () => {
    expect(searchKey('Nguyễn Thị Hằng')).toBe('nguyen thi hang');
    expect(searchKey('Đông Hưng'.normalize('NFD'))).toBe('dong hung');
    expect(searchKey('Thái Bình')).toBe(searchKey('thai binh'));
  });

  it('makes ASCII file-name slugs', () => {
    expect(slug('Nguyễn Thị Hằng')).toBe('nguyen-thi-hang');
    expect(slug(' Công ty TNHH Đức Anh & Cộng sự. ')).toBe('cong-ty-tnhh-duc-anh-cong-su');
    expect(slug('"; rm -rf')).toBe('rm-rf');
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
