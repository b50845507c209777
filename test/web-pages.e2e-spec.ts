import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp, TestUser } from './helpers/test-app.js';
import { browserOf, csrfOf, submit, valueOf } from './helpers/web-session.js';

const setCookie = (res: { headers: Record<string, unknown> }, name: string) =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[]) ?? [])
    .find((c) => c.startsWith(`${name}=`));

/** The workspace over HTTP: sign-in, CSRF, the donation form's rules, idempotency and scope. */
describe('workspace pages', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let treasurer: TestUser;
  let fundId: string;
  let api: TestAgent;

  const balanceOf = async (id: string) =>
    Number((await t.runtime.dataSource.query('SELECT balance FROM funds WHERE id = $1', [id]))[0].balance);
  const donationCount = async () =>
    Number(
      (await t.runtime.dataSource.query('SELECT count(*) FROM donations WHERE fund_id = $1', [fundId]))[0]
        .count,
    );

  beforeAll(async () => {
    t = await startTestApp({
      queue: 'in-process',
      env: {
        RATE_LIMIT_WRITES_PER_MINUTE: '100000',
        RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
        RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '1000',
      },
    });
    tree = await createFixtureTree(await t.rootAdmin());
    treasurer = await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]);
    api = await t.as(treasurer);
    fundId = (
      await api
        .post('/api/v1/funds')
        .send({ unitId: tree.commune, name: 'Quỹ khuyến học xã', kind: 'general' })
    ).body.id;
  });
  afterAll(() => t.close());

  it('signs in with the form: CSRF required, a session cookie for every page, the name kept after a wrong password', async () => {
    const anonymous = await t.http.get('/thu/moi');
    expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/login?next=%2Fthu%2Fmoi']);

    const noToken = await t.http
      .post('/login')
      .type('form')
      .send({ username: treasurer.username, password: treasurer.password });
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain('data-error-code="FORM_EXPIRED"');
    expect(setCookie(noToken, 'khuyenhoc_session')).toBeUndefined();

    const { default: request } = await import('supertest');
    const browser = request.agent(t.app.getHttpServer());
    const form = await browser.get('/login?next=/thu');
    const wrong = await browser
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        username: treasurer.username,
        password: 'không phải mật khẩu',
        next: '/thu',
      });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(valueOf(wrong.text, 'username')).toBe(treasurer.username);
    expect(wrong.text).not.toContain('không phải mật khẩu');

    const ok = await browser
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfOf(wrong.text),
        username: treasurer.username,
        password: treasurer.password,
        next: '/thu',
      });
    expect([ok.status, ok.headers.location]).toEqual([303, '/thu']);
    const cookie = setCookie(ok, 'khuyenhoc_session')!;
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=43200;/);
    expect((await browser.get('/thu')).status).toBe(200);
    // The cookie is no key to the API, which reads Bearer headers only.
    expect((await browser.get('/api/v1/me')).status).toBe(401);
    // Only an address of this site may follow a sign-in.
    const evil = await browser.get('/login?next=//example.org/');
    expect(valueOf(evil.text, 'next')).toBeUndefined();
  });

  it('records a gift typed as a treasurer writes it; a double submit records it once', async () => {
    const browser = await browserOf(t, treasurer);
    const before = await balanceOf(fundId);
    const page = await browser.get(`/thu/moi?fundId=${fundId}`);
    expect(page.status).toBe(200);
    const fields = {
      _csrf: csrfOf(page.text),
      idempotencyKey: valueOf(page.text, 'idempotencyKey')!,
      fundId,
      donorKind: 'person',
      donorName: 'Nguyễn Thị Hằng',
      method: 'cash',
      amount: '1.250.000',
      receivedOn: '05/09/2026',
      purpose: 'Ủng hộ học bổng',
    };
    const first = await browser.post('/thu/moi').type('form').send(fields);
    expect(first.status).toBe(303);
    const [, id] = /^\/thu\/([0-9a-f-]{36})\?moi=1$/.exec(first.headers.location)!;
    // The same form sent again (a double click, a resubmitted page): the same donation, once.
    const again = await browser.post('/thu/moi').type('form').send(fields);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await balanceOf(fundId)).toBe(before + 1_250_000);

    const shown = await browser.get(first.headers.location);
    expect(shown.status).toBe(200);
    const text = shown.text.normalize('NFC');
    expect(text).toContain('1.250.000 đ');
    expect(text).toContain('Một triệu hai trăm năm mươi nghìn đồng');
    expect(text).toContain('ngày 05 tháng 9 năm 2026');
    expect(text).toContain(`href="/thu/moi?fundId=${fundId}"`);
    const api2 = await api.get(`/api/v1/donations/${id}`);
    expect(api2.body).toMatchObject({
      amount: 1_250_000,
      receivedOn: '2026-09-05',
      donor: { name: 'Nguyễn Thị Hằng' },
    });
  });

  it('shows errors beside the fields with what was typed, and writes nothing', async () => {
    const browser = await browserOf(t, treasurer);
    const count = await donationCount();
    const res = await submit(browser, '/thu/moi', '/thu/moi', {
      fundId,
      donorKind: 'person',
      donorName: '',
      method: 'cash',
      amount: '12,5 triệu',
      receivedOn: '31/02/2026',
    });
    expect(res.status).toBe(400);
    const text = res.text.normalize('NFC');
    expect(text).toMatch(/id="amount-error" class="field-error">Nhập số tiền bằng chữ số, ví dụ 1.250.000</);
    expect(text).toMatch(/id="receivedOn-error" class="field-error">Nhập ngày theo dạng ngày\/tháng\/năm/);
    expect(valueOf(text, 'amount')).toBe('12,5 triệu');
    expect(valueOf(text, 'receivedOn')).toBe('31/02/2026');
    expect(await donationCount()).toBe(count);

    // The in-kind description is required for goods, beside its field.
    const goods = await submit(browser, '/thu/moi', '/thu/moi', {
      fundId,
      donorKind: 'anonymous',
      method: 'in_kind',
      amount: '3.050.000',
      receivedOn: '01/09/2026',
    });
    expect(goods.status).toBe(400);
    expect(goods.text).toContain('id="inKindDescription-error"');
    expect(await donationCount()).toBe(count);

    // Without the form's CSRF token: refused, nothing written.
    const forged = await browser.post('/thu/moi').type('form').send({
      fundId,
      donorKind: 'anonymous',
      method: 'cash',
      amount: '100000',
      receivedOn: '01/09/2026',
      idempotencyKey: randomUUID(),
    });
    expect(forged.status).toBe(403);
    expect(await donationCount()).toBe(count);
  });

  it('voids a gift after its confirmation, with a reason, reversing it in the ledger', async () => {
    const browser = await browserOf(t, treasurer);
    const recorded = await submit(browser, '/thu/moi', '/thu/moi', {
      fundId,
      donorKind: 'anonymous',
      method: 'cash',
      amount: '200000',
      receivedOn: '02/09/2026',
    });
    const url = recorded.headers.location.replace('?moi=1', '');
    const balance = await balanceOf(fundId);
    const unconfirmed = await submit(browser, url, `${url}/huy`, { reason: 'Ghi nhầm' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('id="confirm-error"');
    expect(valueOf(unconfirmed.text, 'reason')).toBe('Ghi nhầm');
    expect(await balanceOf(fundId)).toBe(balance);

    const voided = await submit(browser, url, `${url}/huy`, { reason: 'Ghi nhầm', confirm: 'yes' });
    expect([voided.status, voided.headers.location]).toEqual([303, url]);
    expect(await balanceOf(fundId)).toBe(balance - 200_000);
    const page = await browser.get(url);
    expect(page.text).toContain('ĐÃ HỦY');
    expect(page.text).not.toContain('action="' + url + '/huy"');
  });

  it('answers a donation outside the user’s units as one that does not exist', async () => {
    const otherTreasurer = await t.createUser(tree.sibling, [{ unitId: tree.sibling, role: 'treasurer' }]);
    const mine = await browserOf(t, treasurer);
    const recorded = await submit(mine, '/thu/moi', '/thu/moi', {
      fundId,
      donorKind: 'anonymous',
      method: 'cash',
      amount: '300000',
      receivedOn: '03/09/2026',
    });
    const url = recorded.headers.location.replace('?moi=1', '');
    const other = await browserOf(t, otherTreasurer);
    const outside = await other.get(url);
    const missing = await other.get(`/thu/${randomUUID()}`);
    expect([outside.status, missing.status]).toEqual([404, 404]);
    expect(outside.text.replace(/\s+/g, ' ')).toBe(missing.text.replace(/\s+/g, ' '));
    expect((await other.get(`${url}/phieu-thu.pdf`)).status).toBe(404);
  });

  it('signs out of this browser, or of every session including the API’s', async () => {
    const browser = await browserOf(t, treasurer);
    const page = await browser.get('/logout');
    const out = await browser
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect([out.status, out.headers.location]).toEqual([303, '/login']);
    expect((await browser.get('/thu')).status).toBe(303);

    const again = await browserOf(t, treasurer);
    const apiUser = await t.as(treasurer);
    expect((await apiUser.get('/api/v1/me')).status).toBe(200);
    const confirm = await again.get('/logout');
    await again
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(confirm.text), everywhere: 'yes' });
    expect((await apiUser.get('/api/v1/me')).status).toBe(401);
    expect((await again.get('/')).status).toBe(303);
  });

  it('transcribes a paper receipt already handed out, keeping its book and number', async () => {
    const browser = await browserOf(t, treasurer);
    const fields = {
      fundId,
      donorKind: 'person',
      donorName: 'Phạm Văn Đức',
      method: 'cash',
      amount: '700.000',
      receivedOn: '20/09/2026',
      paperBook: '3',
      paperNumber: '45',
    };
    const recorded = await submit(browser, '/thu/moi', '/thu/moi', fields);
    expect(recorded.status).toBe(303);
    const page = await browser.get(recorded.headers.location);
    expect(page.text).toContain('Phiếu thu số quyển 03, số 0045 (phiếu giấy)');
    // The same paper receipt again: beside its field, nothing written.
    const count = await donationCount();
    const again = await submit(browser, '/thu/moi', '/thu/moi', fields);
    expect(again.status).toBe(409);
    expect(again.text).toContain('id="paperNumber-error"');
    expect(valueOf(again.text, 'paperNumber')).toBe('45');
    expect(await donationCount()).toBe(count);
  });

  it('changes the password from the account page: the current one required, every session ended', async () => {
    const user = await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'viewer' }]);
    const browser = await browserOf(t, user);
    const page = await browser.get('/tai-khoan');
    expect(page.text).toContain(user.username);
    const wrong = await submit(browser, '/tai-khoan', '/tai-khoan/mat-khau', {
      currentPassword: 'không đúng mật khẩu',
      newPassword: 'Mây trắng bay qua núi 2027',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('id="currentPassword-error"');
    expect(wrong.text).not.toContain('Mây trắng bay qua núi 2027');
    const changed = await submit(browser, '/tai-khoan', '/tai-khoan/mat-khau', {
      currentPassword: user.password,
      newPassword: 'Mây trắng bay qua núi 2027',
    });
    expect([changed.status, changed.headers.location]).toEqual([303, '/login']);
    expect((await browser.get('/tai-khoan')).status).toBe(303);
    await browserOf(t, { ...user, password: 'Mây trắng bay qua núi 2027' });
  });

  it('answers a wrong address with a page for a browser and the error format for a program', async () => {
    const page = await t.http.get('/khong-co-trang-nay').set('Accept', 'text/html,application/xhtml+xml');
    expect([page.status, page.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    expect(page.text).toContain('Không tìm thấy');
    const api = await t.http.get('/api/v1/khong-co').set('Accept', 'text/html');
    expect([api.status, api.body.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    expect((await t.http.get('/khong-co-trang-nay')).body.code).toBe('ROUTE_NOT_FOUND');
  });
});
