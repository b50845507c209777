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

/** Units named in a sentence: "xã A, xã B và xã C"; a long list in part: "…, xã E và 12 đơn vị khác". */
export function unitList(names: string[]): string {
  const shown = names.slice(0, names.length > 6 ? 5 : names.length).map(unitInSentence);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} và ${rest} đơn vị khác`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} và ${shown.at(-1)}` : (shown[0] ?? '');
}

/** The association of a unit, as documents and pages name it: "Hội Khuyến học xã Vũ Thư". */
export const associationName = (unitName: string) => `Hội Khuyến học ${unitInSentence(unitName)}`;
