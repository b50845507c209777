import { AuditService } from '../src/audit/audit.service.js';
import { adminQuery, createScratchDatabase } from '../src/database/scratch-database.js';
import { createFixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp, uniqueCode } from './helpers/test-app.js';

interface Row {
  seq: string;
  actor_id: string | null;
  actor_name: string | null;
  unit_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  ip: string | null;
}

/**
 * The audit trail on a database of its own: this file breaks the chain on purpose, and a
 * broken chain must not disturb the other test files.
 */
describe('audit trail', () => {
  let t: TestApp;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;

  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'khuyenhoc_test_audit');
    t = await startTestApp({ databaseUrl: scratch.url, queue: 'in-process' });
  });
  afterAll(async () => {
    await t.close();
    await scratch.drop();
  });

  const rowsOf = (requestId: string): Promise<Row[]> =>
    t.runtime.dataSource.query(`SELECT * FROM audit_log WHERE request_id = $1 ORDER BY seq`, [requestId]);

  it('records every kind of change: who, for which unit, what changed, from which request', async () => {
    const root = await t.rootAdmin();
    const tree = await createFixtureTree(root);
    const admin = await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'admin' }]);
    const api = await t.as(admin);

    const created = await api.post('/api/v1/units').set('X-Request-Id', `create-${uniqueCode()}`).send({
      code: uniqueCode(),
      name: 'Chi hội Thôn Đông',
      kind: 'branch',
      type: 'Chi hội',
      branchKind: 'village',
      parentId: tree.commune,
    });
    expect(created.status).toBe(201);
    const [createRow] = await rowsOf(created.headers['x-request-id']);
    expect(createRow).toMatchObject({
      actor_id: admin.id,
      actor_name: admin.username,
      unit_id: created.body.id,
      action: 'unit.create',
      entity_type: 'unit',
      entity_id: created.body.id,
      before: null,
      after: expect.objectContaining({ name: 'Chi hội Thôn Đông', parentId: tree.commune }),
      ip: expect.stringMatching(/127\.0\.0\.1/),
    });

    const renamed = await api.patch(`/api/v1/units/${created.body.id}`).send({ name: 'Chi hội Thôn Tây' });
    expect((await rowsOf(renamed.headers['x-request-id']))[0]).toMatchObject({
      action: 'unit.update',
      before: { name: 'Chi hội Thôn Đông' },
      after: { name: 'Chi hội Thôn Tây' },
    });
    // A PATCH that changes nothing records nothing.
    const same = await api.patch(`/api/v1/units/${created.body.id}`).send({ name: 'Chi hội Thôn Tây' });
    expect(await rowsOf(same.headers['x-request-id'])).toEqual([]);

    const population = () =>
      api.put(`/api/v1/units/${tree.commune}/population/2024`).send({ population: 8000, source: 'UBND xã' });
    const set = await population();
    expect((await rowsOf(set.headers['x-request-id']))[0]).toMatchObject({
      action: 'unit.population_set',
      unit_id: tree.commune,
      after: expect.objectContaining({ population: 8000 }),
    });
    const replaced = await api
      .put(`/api/v1/units/${tree.commune}/population/2024`)
      .send({ population: 8100, source: 'Cục Thống kê' });
    expect((await rowsOf(replaced.headers['x-request-id']))[0]).toMatchObject({
      action: 'unit.population_replace',
      before: { population: 8000, source: 'UBND xã' },
      after: { population: 8100, source: 'Cục Thống kê' },
    });

    const user = await api.post('/api/v1/users').send({
      username: `u${uniqueCode()}`.toLowerCase(),
      displayName: 'Đỗ Thị Lan',
      password: 'Thủ quỹ xã mới',
      unitId: tree.commune,
    });
    const grant = await api
      .post(`/api/v1/users/${user.body.id}/roles`)
      .send({ unitId: tree.commune, role: 'treasurer' });
    const revoke = await api.delete(`/api/v1/users/${user.body.id}/roles/${grant.body.roles[0].id}`);
    const rename = await api.patch(`/api/v1/users/${user.body.id}`).send({ displayName: 'Đỗ Thị Lan Anh' });
    const reset = await api
      .post(`/api/v1/users/${user.body.id}/password`)
      .send({ newPassword: 'Mật khẩu đặt lại' });
    for (const [res, action] of [
      [user, 'user.create'],
      [grant, 'role.grant'],
      [revoke, 'role.revoke'],
      [rename, 'user.update'],
      [reset, 'user.password_reset'],
    ] as const) {
      const rows = await rowsOf(res.headers['x-request-id']);
      expect(rows.map((r) => [r.action, r.actor_id, r.unit_id])).toEqual([[action, admin.id, tree.commune]]);
      expect(JSON.stringify(rows)).not.toMatch(/Mật khẩu|argon2/);
    }

    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ username: admin.username, password: admin.password });
    const failed = await t.http
      .post('/api/v1/auth/login')
      .send({ username: admin.username, password: 'sai hoàn toàn' });
    const change = await t.http
      .post('/api/v1/me/password')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({ currentPassword: admin.password, newPassword: 'Mật khẩu mới của quản trị' });
    const again = await t.http
      .post('/api/v1/auth/login')
      .send({ username: admin.username, password: 'Mật khẩu mới của quản trị' });
    const logout = await t.http.post('/api/v1/auth/logout').send({ refreshToken: again.body.refreshToken });
    for (const [res, action] of [
      [login, 'auth.login'],
      [failed, 'auth.login_failed'],
      [change, 'user.password_change'],
      [logout, 'auth.logout'],
    ] as const) {
      const rows = await rowsOf(res.headers['x-request-id']);
      expect(rows.map((r) => [r.action, r.actor_id, r.unit_id])).toEqual([[action, admin.id, tree.commune]]);
    }
  });

  it('begins with what start-up did: the reference data, then the first administrator', async () => {
    const rows = await t.runtime.dataSource.query(
      `SELECT seq, actor_name, action, after FROM audit_log WHERE seq <= 3 ORDER BY seq`,
    );
    expect(rows[0]).toMatchObject({ seq: '1', actor_name: 'reference-data', action: 'unit.reference_load' });
    expect(rows[0].after.unitsCreated).toBeGreaterThan(190);
    expect(rows[1]).toMatchObject({ actor_name: 'startup', action: 'user.create' });
    expect(rows[2]).toMatchObject({ actor_name: 'startup', action: 'role.grant' });
  });

  it('cannot be updated, deleted or truncated, even with SQL', async () => {
    const db = t.runtime.dataSource;
    await expect(db.query(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    await expect(
      db.query(`INSERT INTO audit_log (action, entity_type, seq, hash) VALUES ('x', 'y', 1, 'forged')`),
    ).resolves.toBeDefined();
    // The trigger numbered and hashed that row itself, ignoring the values given.
    expect((await t.app.get(AuditService).verify()).valid).toBe(true);
  });

  it('stays one unbroken chain under concurrent writers', async () => {
    const root = await t.rootAdmin();
    const tree = await createFixtureTree(root);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        root
          .put(`/api/v1/units/${tree.commune}/population/${2000 + i}`)
          .send({ population: 1000 + i, source: 'thử' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const verification = (await root.get('/api/v1/audit/verify')).body;
    expect(verification).toMatchObject({ valid: true, firstBroken: null, unsealed: 0 });
    expect(Number(verification.lastSeq)).toBe(verification.rows);
  });

  it('detects a row altered directly in the database, and names it', async () => {
    const root = await t.rootAdmin();
    const service = t.app.get(AuditService);
    expect((await service.verify()).valid).toBe(true);
    const [{ seq }] = await t.runtime.dataSource.query(
      `SELECT seq FROM audit_log WHERE action = 'unit.population_set' ORDER BY seq LIMIT 1`,
    );
    // Someone with the owner's rights switches the guard off and edits history.
    await adminQuery(
      scratch.url,
      `ALTER TABLE audit_log DISABLE TRIGGER audit_log_seal_only;
       UPDATE audit_log SET after = jsonb_set(after, '{population}', '1') WHERE seq = ${seq};
       ALTER TABLE audit_log ENABLE TRIGGER audit_log_seal_only;`,
    );
    const res = await root.get('/api/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: false, firstBroken: { seq: String(seq), reason: 'hash' } });
    const [{ next }] = await t.runtime.dataSource.query(
      `SELECT seq::text AS next FROM audit_log WHERE chain_seq = (SELECT chain_seq + 1 FROM audit_log WHERE seq = $1)`,
      [seq],
    );

    // Recomputing the row's own hash does not help: the next row's link gives it away.
    await adminQuery(
      scratch.url,
      `ALTER TABLE audit_log DISABLE TRIGGER audit_log_seal_only;
       UPDATE audit_log a SET hash = audit_log_hash(a) WHERE seq = ${seq};
       ALTER TABLE audit_log ENABLE TRIGGER audit_log_seal_only;`,
    );
    expect((await service.verify()).firstBroken).toMatchObject({ seq: next, reason: 'link' });
  });
});
