import type TestAgent from 'supertest/lib/agent.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp } from './helpers/test-app.js';

describe('users, roles and what lists reveal', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let root: TestAgent;
  let communeAdmin: TestAgent;
  let communeAdminId: string;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process' });
    root = await t.rootAdmin();
    tree = await createFixtureTree(root);
    const user = await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'admin' }]);
    communeAdminId = user.id;
    communeAdmin = await t.as(user);
  });
  afterAll(() => t.close());

  // Other test files write to the same database at the same time: count inside this file's tree.
  const SUBTREE: Record<string, string> = {
    users: `SELECT count(*)::int AS n FROM users x JOIN units u ON u.id = x.unit_id WHERE u.path LIKE $1`,
    units: `SELECT count(*)::int AS n FROM units u WHERE u.path LIKE $1`,
    role_assignments: `SELECT count(*)::int AS n FROM role_assignments x JOIN units u ON u.id = x.unit_id WHERE u.path LIKE $1`,
  };
  const count = async (table: string) => {
    const [{ path }] = await t.runtime.dataSource.query('SELECT path FROM units WHERE id = $1', [
      tree.province,
    ]);
    return (await t.runtime.dataSource.query(SUBTREE[table], [`${path}%`]))[0].n as number;
  };

  it('an admin creates a user in their subtree and grants a role there; the audit names them', async () => {
    const created = await communeAdmin.post('/api/v1/users').send({
      username: 'ThuQuy.Branch',
      displayName: '  Trần   Văn Bình ',
      password: 'Quỹ khuyến học thôn Đông',
      unitId: tree.branch,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'thuquy.branch',
      displayName: 'Trần Văn Bình',
      roles: [],
    });
    const granted = await communeAdmin
      .post(`/api/v1/users/${created.body.id}/roles`)
      .send({ unitId: tree.branch, role: 'treasurer' });
    expect(granted.status).toBe(201);
    expect(granted.body.roles).toEqual([expect.objectContaining({ unitId: tree.branch, role: 'treasurer' })]);
    const twice = await communeAdmin
      .post(`/api/v1/users/${created.body.id}/roles`)
      .send({ unitId: tree.branch, role: 'treasurer' });
    expect([twice.status, twice.body.code]).toEqual([409, 'USER_ROLE_EXISTS']);

    const found = await communeAdmin.get('/api/v1/users').query({ q: 'tran van binh' });
    expect(found.body.items.map((u: { username: string }) => u.username)).toEqual(['thuquy.branch']);

    const rows = await t.runtime.dataSource.query(
      `SELECT action, actor_id, unit_id FROM audit_log WHERE entity_id IN ($1, $2) ORDER BY seq`,
      [created.body.id, granted.body.roles[0].id],
    );
    expect(rows).toEqual([
      { action: 'user.create', actor_id: communeAdminId, unit_id: tree.branch },
      { action: 'role.grant', actor_id: communeAdminId, unit_id: tree.branch },
    ]);
  });

  it('refuses a weak password, a taken username and a username with diacritics, writing nothing', async () => {
    const before = await count('users');
    const base = { displayName: 'Lê Thị Mai', password: 'Một mật khẩu đủ dài', unitId: tree.commune };
    const cases: [object, string, string][] = [
      [{ ...base, username: 'le.thi.mai', password: 'lethimai2026' }, 'PASSWORD_WEAK', 'password'],
      [{ ...base, username: 'lê.thị.mai' }, 'VALIDATION_FAILED', 'username'],
      [{ ...base, username: 'ab' }, 'VALIDATION_FAILED', 'username'],
      [{ ...base, username: 'mai', displayName: '' }, 'VALIDATION_FAILED', 'displayName'],
    ];
    for (const [body, code, field] of cases) {
      const res = await communeAdmin.post('/api/v1/users').send(body);
      expect([res.status, res.body.code, res.body.fields[0]?.field]).toEqual([400, code, field]);
    }
    await communeAdmin.post('/api/v1/users').send({ ...base, username: 'le.thi.mai2' });
    const taken = await communeAdmin.post('/api/v1/users').send({ ...base, username: 'LE.THI.MAI2' });
    expect([taken.status, taken.body.code]).toEqual([409, 'USER_USERNAME_TAKEN']);
    expect(await count('users')).toBe(before + 1);
  });

  it.each([
    ['POST /users', { id: crypto.randomUUID() }, 'post', () => '/api/v1/users'],
    ['POST /users', { active: false }, 'post', () => '/api/v1/users'],
    ['POST /users', { passwordHash: '$argon2id$x' }, 'post', () => '/api/v1/users'],
    ['POST /users', { roles: [{ role: 'admin' }] }, 'post', () => '/api/v1/users'],
    ['POST /users', { createdAt: '2020-01-01' }, 'post', () => '/api/v1/users'],
    ['PATCH /users/:id', { username: 'other' }, 'patch', (id: string) => `/api/v1/users/${id}`],
    ['PATCH /users/:id', { unitId: crypto.randomUUID() }, 'patch', (id: string) => `/api/v1/users/${id}`],
    ['PATCH /users/:id', { passwordChangedAt: null }, 'patch', (id: string) => `/api/v1/users/${id}`],
    [
      'POST /users/:id/roles',
      { userId: crypto.randomUUID() },
      'post',
      (id: string) => `/api/v1/users/${id}/roles`,
    ],
    ['POST /users/:id/roles', { grantedBy: null }, 'post', (id: string) => `/api/v1/users/${id}/roles`],
    ['POST /units', { createdBy: crypto.randomUUID() }, 'post', () => '/api/v1/units'],
    ['POST /units', { searchName: 'x' }, 'post', () => '/api/v1/units'],
    ['PATCH /units/:id', { path: '/' }, 'patch', () => `/api/v1/units/${tree.commune}`],
    ['PATCH /units/:id', { kind: 'province' }, 'patch', () => `/api/v1/units/${tree.commune}`],
  ] as const)(
    '%s refuses a body that also sets %j (mass assignment), writing nothing',
    async (_, extra, method, url) => {
      const target = await t.createUser(tree.branch, [{ unitId: tree.branch, role: 'viewer' }]);
      const valid: Record<string, object> = {
        'POST /users': {
          username: `x${Date.now()}`,
          displayName: 'Phạm Văn Hùng',
          password: 'Mật khẩu hợp lệ 1',
          unitId: tree.commune,
        },
        'PATCH /users/:id': { displayName: 'Phạm Văn Hùng' },
        'POST /users/:id/roles': { unitId: tree.branch, role: 'viewer' },
        'POST /units': {
          code: `M${Date.now()}`,
          name: 'Xã Mới',
          kind: 'commune',
          type: 'Xã',
          parentId: tree.district,
        },
        'PATCH /units/:id': { name: 'Xã Đổi Tên' },
      };
      const users = await count('users');
      const units = await count('units');
      const roles = await count('role_assignments');
      const res = await root[method](url(target.id)).send({ ...valid[_], ...extra });
      expect(res.status).toBe(400);
      expect(res.body.fields).toContainEqual({
        field: Object.keys(extra)[0],
        message: 'trường này không được phép',
      });
      expect([await count('users'), await count('units'), await count('role_assignments')]).toEqual([
        users,
        units,
        roles,
      ]);
      const audit = await t.runtime.dataSource.query('SELECT 1 FROM audit_log WHERE request_id = $1', [
        res.headers['x-request-id'],
      ]);
      expect(audit).toEqual([]);
    },
  );

  it('a commune admin cannot take over a province administrator who lives in the commune', async () => {
    const provinceAdmin = await t.createUser(tree.commune, [{ unitId: tree.province, role: 'admin' }]);
    const reset = await communeAdmin
      .post(`/api/v1/users/${provinceAdmin.id}/password`)
      .send({ newPassword: 'Tôi chiếm quyền rồi nhé' });
    expect([reset.status, reset.body.code]).toEqual([403, 'USER_OUTRANKS_CALLER']);
    const off = await communeAdmin.patch(`/api/v1/users/${provinceAdmin.id}`).send({ active: false });
    expect(off.status).toBe(403);
    // The commune admin sees the user, but not the role held at the province above them.
    expect((await communeAdmin.get(`/api/v1/users/${provinceAdmin.id}`)).body.roles).toEqual([]);
    expect((await root.get(`/api/v1/users/${provinceAdmin.id}`)).body.roles).toEqual([
      expect.objectContaining({ unitId: tree.province, role: 'admin' }),
    ]);
    // The province's own admin can.
    const provincial = await t.as(
      await t.createUser(tree.province, [{ unitId: tree.province, role: 'admin' }]),
    );
    const ok = await provincial
      .post(`/api/v1/users/${provinceAdmin.id}/password`)
      .send({ newPassword: 'Mật khẩu mới cho tỉnh' });
    expect(ok.status).toBe(204);
  });

  it('an admin cannot lock themselves out, nor reset their own password without the current one', async () => {
    const me = await communeAdmin.get('/api/v1/me');
    expect((await communeAdmin.patch(`/api/v1/users/${communeAdminId}`).send({ active: false })).status).toBe(
      422,
    );
    // The same id in capitals is the same user.
    const upper = await communeAdmin
      .patch(`/api/v1/users/${communeAdminId.toUpperCase()}`)
      .send({ active: false });
    expect([upper.status, upper.body.code]).toEqual([422, 'USER_SELF_LOCKOUT']);
    const reset = await communeAdmin
      .post(`/api/v1/users/${communeAdminId}/password`)
      .send({ newPassword: 'Chiếm tài khoản bằng token' });
    expect([reset.status, reset.body.code]).toEqual([422, 'USER_OWN_PASSWORD_RESET']);
    const adminRole = me.body.roles.find((r: { role: string }) => r.role === 'admin');
    const revoke = await communeAdmin.delete(`/api/v1/users/${communeAdminId}/roles/${adminRole.id}`);
    expect([revoke.status, revoke.body.code]).toEqual([422, 'USER_SELF_LOCKOUT']);
  });

  it('shows a unit’s predecessors and successors only where the caller has a role', async () => {
    const [link] = await t.runtime.dataSource.query(
      `SELECT s.successor_id, s.predecessor_id, p.parent_id AS successor_parent
         FROM unit_successors s JOIN units p ON p.id = s.successor_id WHERE p.kind = 'commune' LIMIT 1`,
    );
    const viewer = await t.as(
      await t.createUser(link.successor_parent, [{ unitId: link.successor_parent, role: 'viewer' }]),
    );
    const seen = await viewer.get(`/api/v1/units/${link.successor_id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.predecessors).toEqual([]);
    const all = await root.get(`/api/v1/units/${link.successor_id}`);
    expect(all.body.predecessors.map((p: { unit: { id: string } }) => p.unit.id)).toContain(
      link.predecessor_id,
    );
  });

  it('lists, searches and totals only what lies in the caller’s subtrees', async () => {
    const viewer = await t.as(await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'viewer' }]));
    const all = await viewer.get('/api/v1/units').query({ asOf: 'all', pageSize: 500 });
    expect(all.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
      [tree.commune, tree.branch].sort(),
    );
    expect(all.body.total).toBe(2);
    // A search for a unit elsewhere finds nothing, and the total says so too.
    const sibling = (await root.get(`/api/v1/units/${tree.sibling}`)).body;
    const search = await viewer.get('/api/v1/units').query({ q: sibling.name });
    expect([search.body.items, search.body.total]).toEqual([[], 0]);
    const thaiBinh = await viewer.get('/api/v1/units').query({ q: 'Thái Bình' });
    expect(thaiBinh.body.total).toBe(0);

    // Two roles in two places: both subtrees, nothing between them.
    const both = await t.as(
      await t.createUser(tree.branch, [
        { unitId: tree.branch, role: 'viewer' },
        { unitId: tree.sibling, role: 'treasurer' },
      ]),
    );
    const listed = await both.get('/api/v1/units').query({ asOf: 'all' });
    expect(listed.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
      [tree.branch, tree.sibling].sort(),
    );

    const users = await communeAdmin.get('/api/v1/users').query({ pageSize: 500 });
    const homes = await t.runtime.dataSource.query(
      `SELECT u.id FROM users u JOIN units un ON un.id = u.unit_id
        WHERE un.path LIKE (SELECT path FROM units WHERE id = $1) || '%'`,
      [tree.commune],
    );
    expect(users.body.total).toBe(homes.length);
    expect(users.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
      homes.map((h: { id: string }) => h.id).sort(),
    );

    const audit = await communeAdmin.get('/api/v1/audit').query({ pageSize: 500 });
    expect(audit.status).toBe(200);
    const inScope = new Set([tree.commune, tree.branch]);
    expect(audit.body.items.every((row: { unitId: string }) => inScope.has(row.unitId))).toBe(true);
    expect(audit.body.total).toBe(audit.body.items.length);
  });
});
