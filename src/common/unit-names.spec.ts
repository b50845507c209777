import { associationName, unitInSentence } from './unit-names.js';

describe('unit names in running text', () => {
  it.each([
    ['Xã Vũ Thư', 'xã Vũ Thư'],
    ['Phường Thái Bình', 'phường Thái Bình'],
    ['Tỉnh Hưng Yên', 'tỉnh Hưng Yên'],
    ['Thành phố Thái Bình', 'thành phố Thái Bình'],
    ['Thị trấn Vũ Thư', 'thị trấn Vũ Thư'],
    ['Huyện Vũ Thư', 'huyện Vũ Thư'],
    ['Đặc khu Phú Quốc', 'đặc khu Phú Quốc'],
    // Where the rules keep the capital: a number, and the one city named in them.
    ['Phường 1', 'Phường 1'],
    ['Quận 3', 'Quận 3'],
    ['Thành phố Hồ Chí Minh', 'Thành phố Hồ Chí Minh'],
    // Names that do not begin with an administrative type stay as they are.
    ['Việt Nam', 'Việt Nam'],
    ['Chi hội thôn Đông', 'Chi hội thôn Đông'],
    ['Xã', 'Xã'],
    ['Xãnh Thử', 'Xãnh Thử'],
  ])('writes "%s" as "%s" mid-sentence', (name, inSentence) => {
    expect(unitInSentence(name)).toBe(inSentence);
  });

  it('names the association of a unit', () => {
    expect(associationName('Xã Vũ Thư')).toBe('Hội Khuyến học xã Vũ Thư');
    expect(associationName('Việt Nam')).toBe('Hội Khuyến học Việt Nam');
  });
});
