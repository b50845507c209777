import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { verifyReports } from '../src/reports/reports-verifier.js';
import { createDashboardFixture, DashboardFixture, TRICKY_NAME } from './helpers/dashboard-fixture.js';
import { EXPORT_CONTENT_TYPE } from '../src/common/csv-export.js';
import { rawBody, startTestApp, TestApp, TestUser } from './helpers/test-app.js';
import { browserOf as signedInBrowser, csrfOf } from './helpers/web-session.js';

const cookieOf = (res: request.Response): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('khuyenhoc_session='));

/** The dashboard at /dashboard: the figures and charts it shows, who sees what, how a browser signs in. */
describe('dashboard', () => {
  let t: TestApp;
  let fx: DashboardFixture;
  let viewer: TestUser;
  let outsider: TestUser;

  /** A browser signed in through the workspace's form: it carries only the session cookie. */
  const browserOf = (user: TestUser): Promise<TestAgent> => signedInBrowser(t, user);

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    fx = await createDashboardFixture(t, await t.rootAdmin());
    viewer = await t.createUser(fx.tree.province, [{ unitId: fx.tree.province, role: 'viewer' }]);
    outsider = await t.createUser(fx.tree.otherProvince, [{ unitId: fx.tree.otherProvince, role: 'viewer' }]);
  });
  afterAll(async () => {
    const reports = await verifyReports(t.runtime.dataSource);
    await t.close();
    expect(reports).toMatchObject({ ok: true });
  });

  it('shows the user’s highest unit by default: its figures, the definition, the SVG charts with the target line', async () => {
    const browser = await browserOf(viewer);
    const res = await browser.get('/dashboard').query({ year: 2026 });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html; charset=utf-8/);
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.text;
    expect(html).toBe(html.normalize('NFC'));
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    // The province: 42,000,000 đ raised over 1,000 people, against the seeded 80,000 đ.
    expect(html).toMatch(/data-figure="per-capita">42\.000 đ</);
    expect(html).toContain('42.000.000 đ');
    expect(html).toContain('đạt 52,5% chỉ tiêu');
    expect(html).toContain('80.000 đ');
    expect(html).toContain('+32.000 đ'); // 10,000 đ/person in 2025
    expect(html).toContain('không tính tiền điều chuyển giữa các đơn vị'); // the definition
    // Three charts drawn on the server at a phone's width, each scaling by its viewBox.
    expect(html.match(/<svg [^>]*viewBox="0 0 320 \d+"/g)).toHaveLength(3);
    expect(html).toContain('Chỉ tiêu 80.000'); // the target line's label, in the SVG
    expect(html).toContain('Cả nước 32.000–35.000'); // the national band
    expect(html).not.toMatch(/<script/i);
    // The district in the table: 32,000,000 đ over 800 people, ranked first, linked to drill down.
    expect(html).toContain('40.000 đ');
    expect(html).toContain('32.000.000 đ');
    expect(html).toContain(`href="/dashboard?unitId=${fx.tree.district}&amp;year=2026&amp;basis=raised"`);
    // Money raised beside money paid out: the 500,000 đ award.
    expect(html).toContain('Đã chi trao thưởng');
    expect(html).toContain('500.000 đ');
    // Downloads of the report that open with the page's own sign-in; no links to the API, which
    // wants a Bearer header a browser cannot send.
    for (const format of ['pdf', 'xlsx', 'csv'])
      expect(html).toContain(
        `href="/dashboard/per-capita/${format}?unitId=${fx.tree.province}&amp;year=2026&amp;basis=raised"`,
      );
    expect(html).not.toContain('/api/v1/');
    expect(html).not.toContain('Số liệu gốc (API)');
  });

  it('drills down with breadcrumbs back up, flags estimated and missing populations, escapes names', async () => {
    const browser = await browserOf(viewer);
    const res = await browser
      .get('/dashboard')
      .query({ unitId: fx.tree.district, year: 2026, basis: 'raised' });
    expect(res.status).toBe(200);
    const html = res.text;
    // Breadcrumbs start at the user's own unit (never above it) and link back up.
    expect(html).toContain(
      `<li><a href="/dashboard?unitId=${fx.tree.province}&amp;year=2026&amp;basis=raised">`,
    );
    const crumbs = html.slice(html.indexOf('<ol class="crumbs">'), html.indexOf('</ol>'));
    expect(crumbs).not.toContain(fx.tree.rootId);
    // Commune C: 25,000,000 đ over its 2025 population (300), flagged; 104.1% of the province's target.
    expect(html).toContain('83.333 đ');
    expect(html).toContain('(năm 2025)*');
    expect(html).toContain('104,1%');
    // The district and its communes are held to the province's target, and the page says whose.
    const province = (
      await t.runtime.dataSource.query(`SELECT name FROM units WHERE id = $1`, [fx.tree.province])
    )[0].name as string;
    expect(html).toContain(
      `theo chỉ tiêu chung cấp tỉnh của ${province.replace(/^Tỉnh /, 'tỉnh ')}, năm 2025 (năm gần nhất có chỉ tiêu)`,
    );
    expect(html).toContain(
      'Chỉ tiêu 80.000 đ/người: chỉ tiêu chung cho cấp tỉnh năm 2025, áp dụng cho mọi đơn vị trong báo cáo. Căn cứ: Chương trình hành động',
    );
    // The lowest units say their rank: never a list that seems to start at "2.".
    const ranks = html.slice(
      html.indexOf('id="s-ranks"'),
      html.indexOf('</section>', html.indexOf('id="s-ranks"')),
    );
    expect(ranks).not.toMatch(/<ol|<li value=/);
    expect(ranks).toMatch(
      /Thấp nhất<\/h3><ul class="rank-list"><li><a [^>]+>[^<]+<\/a>: 0 đ <span class="rank">\(hạng 2\/2\)/,
    );
    // The sibling commune has no population.
    // Named inside the sentence as Vietnamese writes it: "xã …".
    expect(html).toMatch(/data-missing-population>[^<]*: xã Thử/);
    // A name carrying HTML is text everywhere, in the page and in the SVG.
    expect(html).not.toContain('<b>Thử</b>');
    expect(html).toContain('Xã &lt;b&gt;Thử&lt;/b&gt; &amp; &quot;Nháy&quot;');
    expect(html).not.toContain(TRICKY_NAME);
    // The balance basis: what the funds hold at the end of the year.
    const balance = await browser
      .get('/dashboard')
      .query({ unitId: fx.tree.province, year: 2026, basis: 'balance' });
    // 42 M raised in 2026 and 9 M in 2025, less the 500,000 đ paid out: 50,500 đ/person.
    expect(balance.text).toMatch(/data-figure="per-capita">50\.500 đ</);
    expect(balance.text).toContain('số dư các quỹ');
  });

  it('shows only what has content: a year without money says so and what to do; a unit without children has no empty panels', async () => {
    // Another viewer of the province: sign-ins are rate-limited per user.
    const browser = await browserOf(
      await t.createUser(fx.tree.province, [{ unitId: fx.tree.province, role: 'viewer' }]),
    );
    // 2024: nothing was given anywhere in the province.
    const none = (await browser.get('/dashboard').query({ unitId: fx.tree.province, year: 2024 })).text;
    const province = (
      await t.runtime.dataSource.query(`SELECT name FROM units WHERE id = $1`, [fx.tree.province])
    )[0].name as string;
    expect(none).toContain('data-empty-state');
    expect(none).toContain(
      `Chưa có khoản ủng hộ nào được ghi nhận trong năm 2024 cho ${province.replace(/^Tỉnh /, 'tỉnh ')} và các đơn vị trực thuộc`,
    );
    expect(none).toContain('nhập danh sách từ bảng tính Excel');
    // No chart of noughts, no ranking of noughts; the gift of 2025 still shows in the history.
    expect(none).not.toContain('id="s-children"');
    expect(none).not.toContain('id="s-ranks"');
    expect(none).not.toContain('id="s-trend"');
    expect(none).not.toContain('id="s-money"');
    const held = (
      await browser.get('/dashboard').query({ unitId: fx.tree.province, year: 2024, basis: 'balance' })
    ).text;
    expect(held).toContain('chưa có số dư');
    // A year with money has no empty state.
    expect(
      (await browser.get('/dashboard').query({ unitId: fx.tree.province, year: 2026 })).text,
    ).not.toContain('data-empty-state');

    // The tricky commune has no children and no gifts: its figures, and none of the panels about children.
    const leaf = (await browser.get('/dashboard').query({ unitId: fx.tricky, year: 2026 })).text;
    expect(leaf).toContain('Đơn vị này không có đơn vị trực thuộc trong năm.');
    for (const panel of ['s-children', 's-ranks', 's-table', 's-trend'])
      expect([panel, leaf.includes(`id="${panel}"`)]).toEqual([panel, false]);
    expect(leaf).not.toContain('<svg');
    expect(leaf).toContain('data-empty-state');
  });

  it('downloads the page’s report as PDF, XLSX and CSV with the cookie sign-in, within the user’s units', async () => {
    const reader = await t.createUser(fx.tree.province, [{ unitId: fx.tree.province, role: 'viewer' }]);
    const browser = await browserOf(reader);
    const query = { unitId: fx.tree.district, year: 2026, basis: 'raised' };
    const pdf = await browser.get('/dashboard/per-capita/pdf').query(query).buffer(true).parse(rawBody);
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await browser.get('/dashboard/per-capita/csv').query(query).buffer(true).parse(rawBody);
    expect([csv.status, csv.headers['content-type']]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="binh-quan-.*-2026-raised\.csv"$/,
    );
    // The same figures as the API's report.
    const api = (await (await t.as(reader)).get('/api/v1/reports/per-capita').query(query)).body;
    expect((csv.body as Buffer).toString('utf8')).toContain(`,${api.numerator},`);
    const xlsx = await browser.get('/dashboard/per-capita/xlsx').query(query).buffer(true).parse(rawBody);
    expect([xlsx.status, xlsx.headers['content-type']]).toEqual([200, EXPORT_CONTENT_TYPE.xlsx]);

    // The same guard as the page: outside the user's units as if it did not exist; no sign-in, the form.
    const outside = await browserOf(
      await t.createUser(fx.tree.otherProvince, [{ unitId: fx.tree.otherProvince, role: 'viewer' }]),
    );
    const hidden = await outside.get('/dashboard/per-capita/pdf').query(query);
    expect([hidden.status, hidden.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    const anonymous = await t.http.get('/dashboard/per-capita/pdf').query(query);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
    expect((await browser.get('/dashboard/per-capita/docx').query(query)).status).toBe(400);
  });

  it('answers 404 for a unit outside the user’s subtree, as for one that does not exist; 400 for a bad query', async () => {
    const browser = await browserOf(outsider);
    const outside = await browser.get('/dashboard').query({ unitId: fx.tree.province });
    const unknown = await browser.get('/dashboard').query({ unitId: randomUUID() });
    expect([outside.status, unknown.status]).toEqual([404, 404]);
    expect(outside.headers['content-type']).toMatch(/text\/html/);
    expect(outside.text).toContain('Không tìm thấy');
    expect(outside.text).not.toContain(fx.tree.province);
    expect(outside.text.replace(/\s+/g, ' ')).toBe(unknown.text.replace(/\s+/g, ' '));
    // Their own province is theirs to see.
    expect((await browser.get('/dashboard')).status).toBe(200);
    // A viewer below the province cannot climb up to it either.
    const communeViewer = await t.createUser(fx.tree.commune, [{ unitId: fx.tree.commune, role: 'viewer' }]);
    const below = await browserOf(communeViewer);
    expect((await below.get('/dashboard').query({ unitId: fx.tree.district })).status).toBe(404);
    const own = await below.get('/dashboard');
    expect(own.status).toBe(200);
    expect(own.text).toContain(`name="unitId" value="${fx.tree.commune}"`);

    expect((await browser.get('/dashboard').query({ unitId: 'x' })).status).toBe(400);
    expect((await browser.get('/dashboard').query({ year: 'abc' })).status).toBe(400);
    expect((await browser.get('/dashboard').query({ basis: 'held' })).status).toBe(400);
  });

  it('sends a browser without a sign-in to the form and back to the page it asked for', async () => {
    const anonymous = await t.http.get('/dashboard');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login');
    const deep = await t.http.get(`/dashboard?unitId=${fx.tree.district}&year=2026`);
    expect(deep.status).toBe(303);
    const next = `/dashboard?unitId=${fx.tree.district}&year=2026`;
    expect(deep.headers.location).toBe(`/login?${new URLSearchParams({ next })}`);
    const form = await t.http.get(deep.headers.location);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<form class="sign-in" method="post" action="/login">');
    expect(form.text).toContain(`name="next" value="${next.replace(/&/g, '&amp;')}"`);
    // Only an address of this site may follow a sign-in.
    expect((await t.http.get('/login?next=https://example.org/')).text).not.toContain('name="next"');

    const browser = request.agent(t.app.getHttpServer());
    const loginForm = await browser.get('/login');
    const login = await browser
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfOf(loginForm.text),
        username: viewer.username,
        password: viewer.password,
        next,
      });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe(next);
    const cookie = cookieOf(login)!;
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await browser.get(next)).status).toBe(200);
    // The cookie opens the pages only: the API wants its Bearer header, the admin pages theirs.
    const token = cookie.split(';')[0];
    expect((await t.http.get('/api/v1/me').set('Cookie', token)).status).toBe(401);
    expect((await t.http.get('/admin/queues').set('Cookie', token)).status).toBe(303);
    const elsewhere = request.agent(t.app.getHttpServer());
    const elsewhereForm = await elsewhere.get('/login');
    const evil = await elsewhere
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfOf(elsewhereForm.text),
        username: viewer.username,
        password: viewer.password,
        next: '//example.org/',
      });
    expect([evil.status, evil.headers.location]).toEqual([303, '/']);

    // A forged cookie is no sign-in, and is cleared.
    const forged = await t.http.get('/dashboard').set('Cookie', 'khuyenhoc_session=not.a.token');
    expect(forged.status).toBe(303);
    expect(cookieOf(forged)).toMatch(/^khuyenhoc_session=;/);

    // Signing out ends the session: the same cookie, replayed, no longer opens the page.
    const confirm = await browser.get('/logout');
    const logout = await browser
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) });
    expect(logout.status).toBe(303);
    expect(logout.headers.location).toBe('/login');
    expect(cookieOf(logout)).toMatch(/^khuyenhoc_session=;/);
    expect((await t.http.get('/dashboard').set('Cookie', token)).status).toBe(303);
  });

  it('shows the form again for a wrong password, without a cookie', async () => {
    const browser = request.agent(t.app.getHttpServer());
    const form = await browser.get('/login');
    const wrong = await browser
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        username: outsider.username,
        password: 'không phải mật khẩu',
      });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(wrong.text).toContain(`value="${outsider.username}"`);
    expect(cookieOf(wrong)).toBeUndefined();
    const empty = await browser
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(wrong.text), username: outsider.username });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Hãy nhập tên đăng nhập và mật khẩu.');
  });

  it('answers scripts with a Bearer header too', async () => {
    const api = await t.as(viewer);
    const res = await api.get('/dashboard').query({ unitId: fx.tree.district, year: 2026 });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<svg');
  });
});
