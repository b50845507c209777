import { JwtService } from '@nestjs/jwt';
import pino from 'pino';
import { createScratchDatabase } from '../src/database/scratch-database.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TEST_PASSWORD, TestApp, TestUser, uniqueQueuePrefix } from './helpers/test-app.js';

const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

describe('sign-in, tokens and sessions', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process' });
    tree = await createFixtureTree(await t.rootAdmin());
    user = await t.createUser(tree.commune, [
      { unitId: tree.commune, role: 'treasurer' },
      { unitId: tree.branch, role: 'viewer' },
    ]);
  });
  afterAll(() => t.close());

  // Sign-ins are limited to 5 a minute per username: tests that sign in often use their own user.
  const fresh = () => t.createUser(tree.commune, [{ unitId: tree.commune, role: 'viewer' }]);
  const login = (username: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ username, password });

  it('signs in and says who you are, with your roles at units', async () => {
    const res = await login(user.username.toUpperCase(), user.password);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      tokenType: 'Bearer',
    });
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: user.id,
      username: user.username,
      unitId: tree.commune,
      active: true,
    });
    expect(me.body.roles.map((r: { role: string; unitId: string }) => [r.role, r.unitId])).toEqual([
      ['treasurer', tree.commune],
      ['viewer', tree.branch],
    ]);
    expect(JSON.stringify(me.body)).not.toContain('password');
  });

  it('answers every failed sign-in the same way, and records each one', async () => {
    const wrong = await login(user.username, 'not the password at all');
    const unknown = await login('nobody.here', 'whatever password');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    expect(wrong.body.message).toBe(unknown.body.message);
    const rows = await t.runtime.dataSource.query(
      `SELECT actor_name, actor_id, after FROM audit_log WHERE action = 'auth.login_failed' AND request_id = ANY($1)`,
      [[wrong.headers['x-request-id'], unknown.headers['x-request-id']]],
    );
    expect(rows).toHaveLength(2);
    expect(rows.map((r: { after: { reason: string } }) => r.after.reason).sort()).toEqual([
      'unknown_user',
      'wrong_password',
    ]);
    expect(JSON.stringify(rows)).not.toContain('not the password');
    // A name that matches no user is not kept: it may be a password typed in the wrong box.
    expect(rows.map((r: { actor_name: string | null }) => r.actor_name)).toEqual(
      expect.arrayContaining([user.username, null]),
    );
  });

  it('refuses missing, malformed, forged and expired access tokens with 401', async () => {
    const user = await fresh();
    const res = await login(user.username, user.password);
    const { sub, sid } = decode(res.body.accessToken);
    const expired = await t.app
      .get(JwtService)
      .signAsync({ sub, sid, typ: 'access', exp: Math.floor(Date.now() / 1000) - 5 });
    const forged = await new JwtService({ secret: 'another secret entirely, 32 chars+' }).signAsync({
      sub,
      sid,
      typ: 'access',
    });
    const cases: [string | undefined, string][] = [
      [undefined, 'AUTH_REQUIRED'],
      ['Basic abc', 'AUTH_REQUIRED'],
      ['Bearer not-a-jwt', 'AUTH_TOKEN_INVALID'],
      [`Bearer ${forged}`, 'AUTH_TOKEN_INVALID'],
      [`Bearer ${expired}`, 'AUTH_TOKEN_EXPIRED'],
      [`Bearer ${res.body.refreshToken}`, 'AUTH_TOKEN_INVALID'],
    ];
    for (const [header, code] of cases) {
      const req = t.http.get('/api/v1/me');
      const out = await (header ? req.set('Authorization', header) : req);
      expect([out.status, out.body.code]).toEqual([401, code]);
    }
  });

  it('rotates refresh tokens, and a reused one ends the whole session', async () => {
    const user = await fresh();
    const first = (await login(user.username, user.password)).body;
    const second = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const asSecond = () => t.http.get('/api/v1/me').set('Authorization', `Bearer ${second.body.accessToken}`);
    expect((await asSecond()).status).toBe(200);

    // Someone replays the first token: refused, and the session dies with every token it issued.
    const replay = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect([replay.status, replay.body.code]).toEqual([401, 'AUTH_REFRESH_REUSED']);
    const next = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect([next.status, next.body.code]).toEqual([401, 'AUTH_SESSION_ENDED']);
    expect((await asSecond()).body.code).toBe('AUTH_SESSION_ENDED');

    const [row] = await t.runtime.dataSource.query(`SELECT revoked_reason FROM auth_sessions WHERE id = $1`, [
      decode(first.accessToken).sid,
    ]);
    expect(row.revoked_reason).toBe('reuse_detected');
    const secret = first.refreshToken.split('.')[1];
    const stored = await t.runtime.dataSource.query(
      `SELECT secret_hash FROM refresh_tokens WHERE secret_hash = $1`,
      [secret],
    );
    expect(stored).toHaveLength(0); // only hashes are stored
  });

  it('refuses a tampered or unknown refresh token without touching the session', async () => {
    const user = await fresh();
    const pair = (await login(user.username, user.password)).body;
    const [id, secret] = pair.refreshToken.split('.');
    for (const bad of [`${id}.${'A'.repeat(43)}`, 'garbage', `${crypto.randomUUID()}.${secret}`]) {
      const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: bad });
      expect([res.status, res.body.code]).toEqual([401, 'AUTH_REFRESH_INVALID']);
    }
    expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken })).status).toBe(
      200,
    );
  });

  it('logs out: the refresh token and the access tokens of the session stop working', async () => {
    const user = await fresh();
    const pair = (await login(user.username, user.password)).body;
    expect((await t.http.post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken })).status).toBe(
      204,
    );
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${pair.accessToken}`);
    expect(me.body.code).toBe('AUTH_SESSION_ENDED');
    const again = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken });
    expect(again.status).toBe(401);
  });

  it('changes a password under the policy and ends every session of the user', async () => {
    const someone = await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'viewer' }]);
    const a = (await login(someone.username, someone.password)).body;
    const b = (await login(someone.username, someone.password)).body;
    const change = (body: object) =>
      t.http.post('/api/v1/me/password').set('Authorization', `Bearer ${a.accessToken}`).send(body);

    const weak = await change({ currentPassword: someone.password, newPassword: `${someone.username}!` });
    expect([weak.status, weak.body.code, weak.body.fields[0].field]).toEqual([
      400,
      'PASSWORD_WEAK',
      'newPassword',
    ]);
    const short = await change({ currentPassword: someone.password, newPassword: 'ngắn' });
    expect(short.body.fields[0]).toEqual({ field: 'newPassword', message: 'cần ít nhất 10 ký tự' });
    const wrong = await change({ currentPassword: 'sai mật khẩu rồi', newPassword: 'Một mật khẩu mới dài' });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'PASSWORD_CURRENT_WRONG']);

    expect(
      (await change({ currentPassword: someone.password, newPassword: 'Một mật khẩu mới dài' })).status,
    ).toBe(204);
    for (const pair of [a, b]) {
      const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${pair.accessToken}`);
      expect(me.body.code).toBe('AUTH_SESSION_ENDED');
    }
    expect((await login(someone.username, someone.password)).status).toBe(401);
    expect((await login(someone.username, 'Một mật khẩu mới dài')).status).toBe(200);
  });

  it('a deactivated user is signed out at once and cannot sign in', async () => {
    const admin = await t.as(await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'admin' }]));
    const someone = await t.createUser(tree.branch, [{ unitId: tree.branch, role: 'viewer' }]);
    const pair = (await login(someone.username, someone.password)).body;
    expect((await admin.patch(`/api/v1/users/${someone.id}`).send({ active: false })).status).toBe(200);
    expect((await t.http.get('/api/v1/me').set('Authorization', `Bearer ${pair.accessToken}`)).status).toBe(
      401,
    );
    expect((await login(someone.username, someone.password)).body.code).toBe('AUTH_INVALID_CREDENTIALS');
  });
});

describe('rate limits', () => {
  it('allows 5 sign-ins per minute per username and IP, counted in Redis across processes; then 429 with Retry-After', async () => {
    const prefix = uniqueQueuePrefix();
    const a = await startTestApp({ queuePrefix: prefix });
    const b = await startTestApp({ queuePrefix: prefix });
    try {
      expect(a.runtime.queueMode.driver).toBe('bullmq');
      const root = (await a.runtime.dataSource.query('SELECT id FROM units WHERE parent_id IS NULL'))[0].id;
      const user = await a.createUser(root, [{ unitId: root, role: 'viewer' }]);
      const attempt = (app: TestApp) =>
        app.http.post('/api/v1/auth/login').send({ username: user.username, password: 'wrong password 123' });
      const statuses = [];
      for (const app of [a, b, a, b, a]) statuses.push((await attempt(app)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const limited = await attempt(b);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      // Even the right password waits: that is the point.
      const right = await a.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD });
      expect(right.status).toBe(429);
      // Another username from the same address is not affected.
      const other = await a.createUser(root, [{ unitId: root, role: 'viewer' }]);
      expect(
        (await a.http.post('/api/v1/auth/login').send({ username: other.username, password: other.password }))
          .status,
      ).toBe(200);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('limits sign-ins per IP address whatever the username (RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE)', async () => {
    const t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '3' } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await t.http
          .post('/api/v1/auth/login')
          .send({ username: `spray${i}`, password: 'Mùa xuân 2026' });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });

  it('limits writes per user (RATE_LIMIT_WRITES_PER_MINUTE) but not reads, and counts in memory without Redis', async () => {
    const t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '3' } });
    try {
      const root = (await t.runtime.dataSource.query('SELECT id FROM units WHERE parent_id IS NULL'))[0].id;
      const admin = await t.as(await t.createUser(root, [{ unitId: root, role: 'admin' }]));
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await admin.patch(`/api/v1/units/${root}`).send({})).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await admin.get(`/api/v1/units/${root}`)).status).toBe(200);
      // Another user has their own budget.
      const other = await t.as(await t.createUser(root, [{ unitId: root, role: 'admin' }]));
      expect((await other.patch(`/api/v1/units/${root}`).send({})).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('the first administrator', () => {
  it('is created once on an empty database, with a generated password printed in the log', async () => {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'khuyenhoc_test_first_admin');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    try {
      const first = await startTestApp({ databaseUrl: scratch.url, queue: 'in-process', logger });
      const message = lines
        .map((l) => JSON.parse(l).msg as string)
        .find((m) => /first administrator/.test(m))!;
      const [, username, password] = /username "([^"]+)" and password "([^"]+)"/.exec(message)!;
      expect(username).toBe('admin');
      const res = await first.http.post('/api/v1/auth/login').send({ username, password });
      expect(res.status).toBe(200);
      const me = await first.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`);
      expect(me.body.roles).toEqual([expect.objectContaining({ role: 'admin', unitCode: 'VN' })]);
      await first.close();

      lines.length = 0;
      const second = await startTestApp({ databaseUrl: scratch.url, queue: 'in-process', logger });
      expect(lines.some((l) => /first administrator/.test(l))).toBe(false);
      expect((await second.runtime.dataSource.query('SELECT count(*)::int AS n FROM users'))[0].n).toBe(1);
      await second.close();
    } finally {
      await scratch.drop();
    }
  });

  it('takes ADMIN_USERNAME and ADMIN_PASSWORD when given', async () => {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'khuyenhoc_test_first_admin');
    try {
      const t = await startTestApp({
        databaseUrl: scratch.url,
        queue: 'in-process',
        env: { ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'Khuyến học Hưng Yên 2026' },
      });
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'quantri', password: 'Khuyến học Hưng Yên 2026' });
      expect(res.status).toBe(200);
      await t.close();
    } finally {
      await scratch.drop();
    }
  });
});

describe('what the logs never hold', () => {
  it('no password, hash or token, even when a query fails', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const t = await startTestApp({ queue: 'in-process', logger });
    try {
      const root = (await t.runtime.dataSource.query('SELECT id FROM units WHERE parent_id IS NULL'))[0].id;
      const user = await t.createUser(root, [{ unitId: root, role: 'admin' }]);
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: user.password });
      const admin = await t.as(user);
      // Creations of one username race past the check; a loser's INSERT fails and is logged. On a
      // busy machine the check may catch every loser, so the race runs until one slips past it.
      for (let round = 0; round < 30 && !lines.join('\n').includes('query failed'); round++) {
        const body = {
          username: `race.user.${round}`,
          displayName: 'Người Đua',
          password: 'Mật khẩu bí mật lắm',
          unitId: root,
        };
        const results = await Promise.all(
          Array.from({ length: 6 }, () => admin.post('/api/v1/users').send(body)),
        );
        expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      }
      const log = lines.join('\n');
      expect(log).toContain('query failed');
      for (const secret of [
        user.password,
        'Mật khẩu bí mật lắm',
        '$argon2id$',
        login.body.accessToken,
        login.body.refreshToken,
      ]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await t.close();
    }
  });
});
