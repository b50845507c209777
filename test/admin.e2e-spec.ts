import { Queue } from 'bullmq';
import request from 'supertest';
import { JobQueue } from '../src/queue/job-queue.js';
import { JobName, QueueName } from '../src/queue/queue.constants.js';
import {
  startTestApp,
  TestApp,
  TestUser,
  uniqueCode,
  uniqueQueuePrefix,
  waitFor,
} from './helpers/test-app.js';

const rootId = async (t: TestApp): Promise<string> =>
  (await t.runtime.dataSource.query('SELECT id FROM units WHERE parent_id IS NULL'))[0].id;

const cookieOf = (res: request.Response): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('khuyenhoc_admin='));

/** The queue dashboard at /admin/queues: who gets in, how a browser signs in, what it shows. */
describe('admin pages: the queue dashboard', () => {
  let t: TestApp;
  let prefix: string;
  let admin: TestUser;
  let treasurer: TestUser;

  beforeAll(async () => {
    prefix = uniqueQueuePrefix();
    t = await startTestApp({ queuePrefix: prefix });
    expect(t.runtime.queueMode.driver).toBe('bullmq');
    const root = await rootId(t);
    admin = await t.createUser(root, [{ unitId: root, role: 'admin' }]);
    treasurer = await t.createUser(root, [{ unitId: root, role: 'treasurer' }]);
  });
  afterAll(async () => {
    const queues = Object.values(QueueName).map(
      (name) => new Queue(name, { connection: { url: process.env.TEST_REDIS_URL }, prefix }),
    );
    await t.close();
    for (const q of queues) {
      await q.obliterate({ force: true });
      await q.close();
    }
  });

  it('sends an anonymous browser to the sign-in page, and answers the board API 401', async () => {
    const page = await t.http.get('/admin/queues');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/admin/login');
    const nested = await t.http.get('/admin/queues/queue/documents');
    expect(nested.status).toBe(303);
    const api = await t.http.get('/admin/queues/api/queues');
    expect(api.status).toBe(401);
    expect(api.body.code).toBe('AUTH_REQUIRED');
    // A forged or stale cookie is no better than none, and is cleared.
    const forged = await t.http.get('/admin/queues').set('Cookie', 'khuyenhoc_admin=not.a.token');
    expect(forged.status).toBe(303);
    expect(cookieOf(forged)).toMatch(/^khuyenhoc_admin=;/);
  });

  it('refuses a treasurer and an administrator below the root (403), lets a root administrator in by Bearer', async () => {
    const asTreasurer = await t.as(treasurer);
    const refused = await asTreasurer.get('/admin/queues');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect(refused.text).toContain('Không có quyền truy cập');

    const [province] = await t.runtime.dataSource.query(
      `SELECT id FROM units WHERE kind = 'province' ORDER BY code LIMIT 1`,
    );
    const provinceAdmin = await t.createUser(province.id, [{ unitId: province.id, role: 'admin' }]);
    expect((await (await t.as(provinceAdmin)).get('/admin/queues')).status).toBe(403);

    const asAdmin = await t.as(admin);
    const board = await asAdmin.get('/admin/queues');
    expect(board.status).toBe(200);
    expect(board.headers['content-type']).toMatch(/text\/html/);
    expect(board.text).toContain('<base href="/admin/queues/"');
    expect(board.text).toContain('Hàng đợi khuyenhoc');
  });

  it('signs a root administrator in with the form: an HttpOnly, SameSite=Strict cookie for /admin only', async () => {
    const form = await t.http.get('/admin/login');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<form class="sign-in" method="post" action="/admin/login">');
    expect(form.text).toContain('Đăng nhập quản trị hệ thống');

    const browser = request.agent(t.app.getHttpServer());
    const login = await browser
      .post('/admin/login')
      .type('form')
      .send({ username: admin.username, password: admin.password });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/admin/queues');
    const cookie = cookieOf(login)!;
    expect(cookie).toMatch(/; Path=\/admin;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=900;/);

    expect((await browser.get('/admin/queues')).status).toBe(200);
    const queues = await browser.get('/admin/queues/api/queues');
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'documents',
      'maintenance',
    ]);
    // The cookie is for the admin pages only: the API still wants its Bearer header.
    expect((await browser.get('/api/v1/me')).status).toBe(401);

    // Signing out ends the session itself: the same cookie, replayed, no longer opens the board.
    const logout = await browser.post('/admin/logout');
    expect(logout.status).toBe(303);
    expect(logout.headers.location).toBe('/admin/login');
    expect(cookieOf(logout)).toMatch(/^khuyenhoc_admin=;/);
    const replayed = await t.http.get('/admin/queues').set('Cookie', cookie.split(';')[0]);
    expect(replayed.status).toBe(303);
  });

  it('shows the form again for a wrong password, and refuses a non-administrator: no cookie either way', async () => {
    const wrong = await t.http
      .post('/admin/login')
      .type('form')
      .send({ username: admin.username, password: 'không phải mật khẩu' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(wrong.text).toContain(`value="${admin.username}"`);
    expect(cookieOf(wrong)).toBeUndefined();

    const empty = await t.http.post('/admin/login').type('form').send({ username: admin.username });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Hãy nhập tên đăng nhập và mật khẩu.');

    const notAdmin = await t.http
      .post('/admin/login')
      .type('form')
      .send({ username: treasurer.username, password: treasurer.password });
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.text).toContain('chỉ dành cho quản trị viên');
    expect(cookieOf(notAdmin)).toBeUndefined();
    // The session that sign-in opened was ended at once.
    const [session] = await t.runtime.dataSource.query(
      `SELECT revoked_reason FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE u.username = $1 ORDER BY s.created_at DESC LIMIT 1`,
      [treasurer.username],
    );
    expect(session.revoked_reason).toBe('logout');
  });

  it('counts form sign-ins against the sign-in rate limit (429, the form again)', async () => {
    const username = `nobody.${uniqueCode().toLowerCase()}`;
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await t.http.post('/admin/login').type('form').send({ username, password: 'sai mật khẩu nhé' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(last!.headers['retry-after']).toBeDefined();
    expect(last!.text).toContain('<form class="sign-in" method="post" action="/admin/login">');
  });

  it('shows a job that failed for good in the failed set of its queue', async () => {
    const jobId = `receipt-broken-${uniqueCode()}`;
    // Not a UUID: PostgreSQL refuses the receipt's query on every attempt.
    await t.app.get(JobQueue).enqueue(JobName.RenderReceipt, { donationId: 'not-a-uuid' }, { jobId });
    const asAdmin = await t.as(admin);
    const failed = () =>
      asAdmin
        .get('/admin/queues/api/queues')
        .query({ activeQueue: 'documents', status: 'failed', page: 1, jobsPerPage: 10 });
    const board = await waitFor(async () => {
      const res = await failed();
      const documents = res.body.queues.find((q: { name: string }) => q.name === 'documents');
      return documents.counts.failed === 1 && documents;
    }, 20_000);
    expect(board.jobs).toEqual([
      expect.objectContaining({ id: jobId, attempts: 3, failedReason: expect.stringMatching(/uuid/) }),
    ]);
  }, 40_000);
});

describe('admin pages without Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process' });
  });
  afterAll(() => t.close());

  it('says there is no queue dashboard in the in-process mode (404), still behind sign-in', async () => {
    expect((await t.http.get('/admin/queues')).status).toBe(303);
    const page = await (await t.rootAdmin()).get('/admin/queues');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Không có bảng theo dõi hàng đợi');
  });
});
