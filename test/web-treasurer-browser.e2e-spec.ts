import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import {
  browserAvailable,
  checkPage,
  CHROMIUM,
  CHROMIUM_ARGS,
  openWindows,
  type Window,
} from './helpers/browser.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp, TestUser } from './helpers/test-app.js';

/**
 * A commune treasurer's month in a real browser, on a phone: sign in, open a fund, record three
 * gifts (one in kind), open and download a receipt, void one, find and export the list. Every page
 * is checked with axe-core and photographed at a phone's size and a desktop's.
 */
(browserAvailable('the treasurer journey') ? describe : describe.skip)(
  'treasurer journey in a browser',
  () => {
    let t: TestApp;
    let tree: FixtureTree;
    let treasurer: TestUser;
    let base: string;
    let browser: Browser;
    let windows: Awaited<ReturnType<typeof openWindows>>;

    beforeAll(async () => {
      // Receipts are made by the in-process queue after each commit, as in production.
      t = await startTestApp({
        queue: 'in-process',
        env: {
          RATE_LIMIT_WRITES_PER_MINUTE: '100000',
          RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
          RENDER_DOCUMENTS: 'true',
        },
      });
      tree = await createFixtureTree(await t.rootAdmin());
      treasurer = await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]);
      await t.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      windows = await openWindows(browser);
    });
    afterAll(async () => {
      await windows?.close();
      await browser?.close();
      await t?.close();
    });

    /** Checks the page open in the phone window, and the same address in the desktop window. */
    async function check(name: string) {
      await checkPage(windows.phone, name, 'phone');
      await windows.desktop.page.goto(windows.phone.page.url());
      await checkPage(windows.desktop, name, 'desktop');
    }

    async function signIn(w: Window) {
      await w.page.goto(`${base}/`);
      await w.page.fill('#username', treasurer.username);
      await w.page.fill('#password', treasurer.password);
      await Promise.all([w.page.waitForURL(`${base}/`), w.page.click('button[type=submit]')]);
      await w.page.locator('h1', { hasText: 'Xin chào' }).waitFor();
    }

    async function record(page: Window['page'], fields: Record<string, string>, method: string) {
      for (const [name, value] of Object.entries(fields)) await page.fill(`#${name}`, value);
      await page.check(`input[name=method][value=${method}]`);
      await Promise.all([
        page.waitForURL(/\/thu\/[0-9a-f-]{36}\?moi=1$/),
        page.click('form.donation button[type=submit]'),
      ]);
      return /\/thu\/([0-9a-f-]{36})/.exec(page.url())![1];
    }

    it('does a treasurer’s daily work on a phone, each page accessible and within the screen', async () => {
      const { page } = windows.phone;
      await page.goto(`${base}/thu/moi`);
      await page.waitForURL(/\/login\?next=/);
      await check('login');
      await page.fill('#username', treasurer.username);
      await page.fill('#password', treasurer.password);
      await Promise.all([page.waitForURL(`${base}/thu/moi`), page.click('button[type=submit]')]);
      await signIn(windows.desktop);

      // No fund yet: the form says so; the treasurer opens one.
      await page.goto(`${base}/quy`);
      await check('funds-empty');
      await page.click('text=+ Mở quỹ mới');
      await check('fund-new');
      await page.fill('#name', 'Quỹ khuyến học xã');
      await Promise.all([page.waitForURL(/\/quy\/[0-9a-f-]{36}$/), page.click('form button[type=submit]')]);
      const fundId = /\/quy\/([0-9a-f-]{36})/.exec(page.url())![1];

      // A mistake first: errors beside the fields, what was typed kept.
      await page.goto(`${base}/thu/moi`);
      await check('donation-new');
      await page.fill('#donorName', 'Nguyễn Thị Hằng');
      await page.fill('#amount', '1.250.000');
      await expectText(page, '#amount-words', 'Một triệu hai trăm năm mươi nghìn đồng');
      await page.fill('#receivedOn', '31/02/2026');
      await page.click('form.donation button[type=submit]');
      await page.waitForSelector('#receivedOn-error');
      await checkPage(windows.phone, 'donation-new-errors', 'phone');
      expect(await page.inputValue('#amount')).toBe('1.250.000');
      await page.fill('#receivedOn', '05/09/2026');
      const first = await record(page, {}, 'cash');
      await expectText(page, 'h1', 'Phiếu thu số 000001/2026');
      await page.waitForSelector('text=Phiếu thu đã sẵn sàng');
      await check('donation');

      // The next gift starts with one key press; the same donor is found without accents.
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/thu/moi?fundId=${fundId}`);
      await page.fill('#donorName', 'nguyen thi');
      await page.waitForSelector('#donor-choices input[type=radio]');
      await page.check('#donor-choices label:has-text("Nguyễn Thị Hằng") input');
      await check('donation-new-choices');
      await page.goto(`${base}/thu/moi?fundId=${fundId}`);
      await page.fill('#donorName', 'nguyen thi');
      await page.waitForSelector('#donor-choices input[type=radio]');
      await page.check('#donor-choices label:has-text("Nguyễn Thị Hằng") input');
      const second = await record(page, { amount: '500000', reference: 'FT26248123456' }, 'bank_transfer');
      const goods = await record(
        await gotoNew(page, fundId),
        {
          donorName: 'Công ty Sách Thiết bị Hưng Yên',
          amount: '3.050.000',
          inKindDescription: '300 quyển vở',
        },
        'in_kind',
      );
      expect(new Set([first, second, goods]).size).toBe(3);

      // The receipt: ready, downloaded as a PDF.
      await page.waitForSelector('text=Phiếu thu đã sẵn sàng');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Tải về (PDF)')]);
      expect(
        readFileSync((await download.path())!)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');

      // Void the transfer: the confirmation first.
      await page.goto(`${base}/thu/${second}`);
      await page.click('summary:has-text("Hủy phiếu thu này")');
      await page.fill('#reason', 'Ghi trùng với sao kê');
      await page.click('button.danger');
      await page.waitForSelector('#confirm-error');
      await checkPage(windows.phone, 'donation-void-errors', 'phone');
      await page.check('input[name=confirm]');
      await Promise.all([page.waitForURL(`${base}/thu/${second}`), page.click('button.danger')]);
      await expectText(page, 'h1', 'ĐÃ HỦY');

      // The list: three gifts, the void one not counted; exported.
      await page.goto(`${base}/thu`);
      await expectText(page, '.summary', '3 khoản · tổng (không tính phiếu đã hủy): 4.300.000 đ');
      await check('donations');
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('text=Xuất Excel')]);
      expect(
        readFileSync((await xlsx.path())!)
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');

      await page.goto(`${base}/quy/${fundId}`);
      await check('fund');
      await page.goto(`${base}/`);
      await check('home');

      // The ledger agrees with what the pages showed.
      // Cash and goods apart: the notebooks are held at their value, not as money to spend.
      const [fund] = await t.runtime.dataSource.query('SELECT balance, in_kind FROM funds WHERE id = $1', [
        fundId,
      ]);
      expect([Number(fund.balance), Number(fund.in_kind)]).toEqual([1_250_000, 3_050_000]);

      await page.goto(`${base}/tai-khoan`);
      await check('account');
      await page.goto(`${base}/logout`);
      await check('logout');
      await Promise.all([page.waitForURL(`${base}/login`), page.click('button:has-text("Đăng xuất")')]);
    }, 180_000);

    it('imports a 50-row spreadsheet: one bad row reported by row and column, fixed, uploaded again, committed', async () => {
      const { page } = windows.phone;
      await signIn(windows.phone); // the journey before ended with a sign-out
      const rows = Array.from({ length: 50 }, (_, i) => [
        `Phụ huynh lớp ${i + 1}`,
        String(100_000 + i * 1000),
        '10/10/2026',
      ]);
      const total = rows.reduce((sum, r) => sum + Number(r[1]), 0);
      const csv = (bad: boolean) =>
        Buffer.from(
          ['Họ tên nhà hảo tâm,Số tiền (đồng),Ngày nhận']
            .concat(rows.map((r, i) => (bad && i === 29 ? [r[0], 'một trăm nghìn', r[2]] : r).join(',')))
            .join('\r\n'),
        );
      await page.goto(`${base}/thu/nhap`);
      await check('import-new');
      const fundId = await page.inputValue('#fundId');
      const before = Number(
        (await t.runtime.dataSource.query('SELECT balance FROM funds WHERE id = $1', [fundId]))[0].balance,
      );
      await page.fill('#expectedCount', '50');
      await page.fill('#expectedTotal', total.toLocaleString('vi-VN'));
      await page.setInputFiles('#file', { name: 'bang-ke.csv', mimeType: 'text/csv', buffer: csv(true) });
      await Promise.all([
        page.waitForURL(/\/thu\/nhap\/[0-9a-f-]{36}$/),
        page.click('form button[type=submit]'),
      ]);
      await expectText(page, '.problems', 'Dòng 31 · cột “Số tiền (đồng)”');
      await check('import-problems');
      expect(await page.locator('text=Ghi vào sổ').count()).toBe(0);

      await page.click('text=Tải lên tệp đã sửa');
      expect(await page.inputValue('#expectedCount')).toBe('50');
      await page.setInputFiles('#file', { name: 'bang-ke.csv', mimeType: 'text/csv', buffer: csv(false) });
      await Promise.all([
        page.waitForURL(/\/thu\/nhap\/[0-9a-f-]{36}$/),
        page.click('form button[type=submit]'),
      ]);
      await expectText(page, '[data-import-status]', 'Hợp lệ');
      await check('import-valid');
      await page.click('button:has-text("Ghi vào sổ")');
      await expectText(page, '[data-import-status]', 'Đã ghi vào sổ');
      await checkPage(windows.phone, 'import-committed', 'phone');
      await page.click('text=Xem các khoản thu và phiếu thu');
      await expectText(page, '.summary', '53 khoản');
      const after = Number(
        (await t.runtime.dataSource.query('SELECT balance FROM funds WHERE id = $1', [fundId]))[0].balance,
      );
      expect(after - before).toBe(total);
    }, 120_000);

    async function gotoNew(page: Window['page'], fundId: string) {
      await page.goto(`${base}/thu/moi?fundId=${fundId}`);
      return page;
    }
  },
);

/** Waits until the element shows the text (whitespace collapsed, as a person reads it). */
async function expectText(page: Window['page'], selector: string, text: string) {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout: 10_000 });
}
