import { generatePassword, hashPassword, passwordProblems, verifyPassword } from './passwords.js';

const user = { username: 'thuquy.vuthu', displayName: 'Nguyễn Thị Hằng' };

describe('password policy', () => {
  it.each([
    ['short', 'ít nhất 10'],
    ['thuquy.vuthu2026', 'tên'],
    ['NguyenThiHang', 'tên'],
    ['nguyễn thị hằng 1', 'tên'],
    ['hang123456', 'tên'],
    ['1234567890', 'phổ biến'],
    ['aaaaaaaaaaaa', 'đơn giản'],
  ])('refuses %s', (password, why) => {
    const problems = passwordProblems(password, user);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('password');
    expect(problems[0].message).toContain(why);
  });

  it.each(['Sông Hồng chảy mãi', 'correct horse battery', generatePassword()])('accepts %s', (password) => {
    expect(passwordProblems(password, user)).toEqual([]);
  });
});

describe('password hashing', () => {
  it('uses argon2id and verifies NFC-equal input', async () => {
    const stored = await hashPassword('Mật khẩu dài'.normalize('NFD'));
    expect(stored.startsWith('$argon2id$')).toBe(true);
    await expect(verifyPassword(stored, 'Mật khẩu dài')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'Mật khẩu khác')).resolves.toBe(false);
    await expect(verifyPassword('not a hash', 'x')).resolves.toBe(false);
  });
});
