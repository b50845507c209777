/** The administrative types a unit's official name begins with ("Xã Vũ Thư"), longest first. */
const TYPES = ['Thành phố', 'Thị trấn', 'Thị xã', 'Đặc khu', 'Phường', 'Huyện', 'Quận', 'Tỉnh', 'Xã'];

/**
 * A unit's name inside a sentence: its type in lower case, as Vietnamese writes it ("Hội Khuyến
 * học xã Vũ Thư", "của tỉnh Hưng Yên"). The type keeps its capital where the name is a number
 * ("Phường 1") and in "Thành phố Hồ Chí Minh" (Nghị định 30/2020/NĐ-CP, Phụ lục II).
 */
export function unitInSentence(name: string): string {
  const type = TYPES.find((t) => name.startsWith(`${t} `));
  if (!type || name === 'Thành phố Hồ Chí Minh') return name;
  const rest = name.slice(type.length + 1);
  return /^\d/.test(rest) ? name : `${type.toLowerCase()} ${rest}`;
}

/** The association of a unit, as documents and pages name it: "Hội Khuyến học xã Vũ Thư". */
export const associationName = (unitName: string) => `Hội Khuyến học ${unitInSentence(unitName)}`;
