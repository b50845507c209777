import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import type { AccessRule } from '../src/identity/access/access.decorator.js';
import { Action, PERMISSIONS } from '../src/identity/access/actions.js';
import { RouteCatalogue, RouteInfo } from '../src/identity/access/route-catalogue.js';
import { ROLE_NAMES, RoleName } from '../src/identity/roles.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp, TestUser } from './helpers/test-app.js';

/** Where a caller holds their role, relative to the target commune C. */
const POSITIONS = ['root', 'parent', 'own', 'child', 'sibling', 'otherProvince'] as const;
type Position = (typeof POSITIONS)[number];

/** Public routes, on purpose. Adding one means adding it here, in review. */
const PUBLIC = [
  'GET /health',
  'GET /health/ready',
  'GET /verify/:code',
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/logout',
  // The admin pages' sign-in and sign-out (HTML, outside the API prefix); they check credentials
  // themselves. The queue dashboard behind them is mounted on Express, outside Nest's router.
  'GET /admin/login',
  'POST /admin/login',
  'GET /admin/logout',
  'POST /admin/logout',
  // The workspace's sign-in (the dashboard's too), the same way.
  'GET /login',
  'POST /login',
];

/**
 * Pages for browsers (the workspace, the dashboard), outside the API prefix, checked by the same
 * guard: without a sign-in they send the browser to the sign-in form (303) instead of answering
 * 401; otherwise the same statuses, the error's code in the page's `data-error-code`.
 */
const isPage = (route: RouteInfo) => route.isPage;
const codeOf = (res: { body?: { code?: string }; text?: string }) =>
  res.body?.code ?? /data-error-code="([^"]+)"/.exec(res.text ?? '')?.[1];

/** Routes that end the caller's session: the caller signs in again after each. */
const ENDS_SESSIONS = ['POST /logout'];

/** Values for path parameters that are not ids. */
const SAMPLE_PARAMS: Record<string, string> = { year: '2024', format: 'csv' };

describe('scope guard: every route registered in the Nest router, against every caller', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let routes: RouteInfo[];
  const callers = new Map<string, TestAgent>();
  const users = new Map<string, TestUser>();
  let rootAdmin: TestAgent;
  let rootTreasurer: TestAgent;
  let rootCommittee: TestAgent;
  let rootCommitteeId: string;

  const unitAt = (p: Position) =>
    ({
      root: tree.rootId,
      parent: tree.district,
      own: tree.commune,
      child: tree.branch,
      sibling: tree.sibling,
      otherProvince: tree.otherProvince,
    })[p];

  beforeAll(async () => {
    // Fixtures are made afresh for every request: far more writes than a person makes.
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    rootAdmin = await t.rootAdmin();
    tree = await createFixtureTree(rootAdmin);
    rootTreasurer = await t.as(await t.createUser(tree.rootId, [{ unitId: tree.rootId, role: 'treasurer' }]));
    const committee = await t.createUser(tree.rootId, [{ unitId: tree.rootId, role: 'committee' }]);
    rootCommitteeId = committee.id;
    rootCommittee = await t.as(committee);
    routes = t.app.get(RouteCatalogue).routes();
    for (const role of ROLE_NAMES) {
      for (const position of POSITIONS) {
        const unitId = unitAt(position);
        const user = await t.createUser(unitId, [{ unitId, role }]);
        users.set(`${role}@${position}`, user);
        callers.set(`${role}@${position}`, await t.as(user));
      }
    }
  });
  afterAll(() => t.close());

  it('knows the same routes as Express, and each is declared', () => {
    const express = t.app.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    const registered = express.router.stack
      // Nest adds an every-method placeholder for each path excluded from the global prefix
      // (health, verify); it has no handler behind it.
      .filter((layer) => layer.route && Object.keys(layer.route.methods).length < 30)
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map(
          (m) => `${m.toUpperCase()} ${layer.route!.path.replace(/^\/api\/v1(?=\/)/, '')}`,
        ),
      )
      .filter((r) => !/ \/docs/.test(r)); // Swagger UI's own routes
    const catalogued = routes.map((r) => `${r.method} ${r.path}`);
    expect([...new Set(registered)].sort()).toEqual([...new Set(catalogued)].sort());
    expect(t.app.get(RouteCatalogue).problems()).toEqual([]);
    expect(
      routes
        .filter((r) => r.isPublic)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual([...PUBLIC].sort());
  });

  /** Fresh entities at the target commune, for one request (a DELETE consumes its target). */
  async function targetIds(rule: AccessRule): Promise<Record<string, string>> {
    const ids: Record<string, string> = {};
    let user: { id: string } | undefined;
    for (const target of rule.targets) {
      if (target.entity === 'unit') ids[target.name] = tree.commune;
      else if (target.entity === 'root') ids[target.name] = tree.rootId;
      else if (target.entity === 'user' || target.entity === 'role-assignment') {
        user ??= await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'viewer' }]);
        const [assignment] = await t.runtime.dataSource.query(
          'SELECT id FROM role_assignments WHERE user_id = $1',
          [user.id],
        );
        ids[target.name] = target.entity === 'user' ? user.id : assignment.id;
      } else if (target.entity === 'fund' || target.entity === 'entry') {
        const fund = await rootTreasurer
          .post('/api/v1/funds')
          .send({ unitId: tree.commune, name: 'Quỹ thử', kind: 'general' });
        ids[target.name] = fund.body.id;
        if (target.entity === 'entry') {
          const opening = await rootTreasurer
            .post(`/api/v1/funds/${fund.body.id}/opening-balance`)
            .set('Idempotency-Key', randomUUID())
            .send({ amount: 1000, asOf: '2025-12-31', reference: 'Sổ quỹ' });
          ids[target.name] = opening.body.entryId;
        }
      } else if (target.entity === 'donor' || target.entity === 'donation') {
        const donor = await rootTreasurer
          .post('/api/v1/donors')
          .send({ unitId: tree.commune, kind: 'person', name: 'Trần Thị Mai' });
        ids[target.name] = donor.body.id;
        if (target.entity === 'donation') {
          const fund = await rootTreasurer
            .post('/api/v1/funds')
            .send({ unitId: tree.commune, name: 'Quỹ thử', kind: 'general' });
          const donation = await rootTreasurer
            .post('/api/v1/donations')
            .set('Idempotency-Key', randomUUID())
            .send({
              fundId: fund.body.id,
              donorId: donor.body.id,
              amount: 50000,
              method: 'cash',
              receivedOn: '2026-09-05',
            });
          ids[target.name] = donation.body.id;
        }
      } else if (target.entity === 'donation-import') {
        const fund = await rootTreasurer
          .post('/api/v1/funds')
          .send({ unitId: tree.commune, name: 'Quỹ thử', kind: 'general' });
        const upload = await rootTreasurer
          .post('/api/v1/donation-imports')
          .field('fundId', fund.body.id)
          .field('expectedCount', '1')
          .field('expectedTotal', '1000')
          .attach(
            'file',
            Buffer.from('Họ tên nhà hảo tâm,Số tiền (đồng),Ngày nhận\r\nAn,1000,01/01/2026\r\n'),
            'a.csv',
          );
        ids[target.name] = upload.body.id;
      } else if (['award-round', 'nomination', 'award'].includes(target.entity)) {
        ids[target.name] = await awardFixture(target.entity);
      } else if (target.entity === 'job') {
        // The certificates of a round with one paid award.
        const awardId = await awardFixture('award');
        const [{ round_id }] = await t.runtime.dataSource.query('SELECT round_id FROM awards WHERE id = $1', [
          awardId,
        ]);
        ids[target.name] = (
          await rootCommittee.post(`/api/v1/award-rounds/${round_id}/certificates`)
        ).body.id;
      } else {
        throw new Error(`no fixture for entity "${target.entity}": add one to this test`);
      }
    }
    return ids;
  }

  /** A round at the commune (draft), a nomination in it (round in review), or a paid award (round paying). */
  async function awardFixture(entity: string): Promise<string> {
    const money = (url: string, body: object) =>
      rootCommittee.post(url).set('Idempotency-Key', randomUUID()).send(body);
    const fund = await rootTreasurer
      .post('/api/v1/funds')
      .send({ unitId: tree.commune, name: 'Quỹ thử', kind: 'general' });
    await rootTreasurer
      .post(`/api/v1/funds/${fund.body.id}/opening-balance`)
      .set('Idempotency-Key', randomUUID())
      .send({ amount: 1_000_000, asOf: '2025-12-31', reference: 'Sổ quỹ' });
    const round = await rootCommittee.post('/api/v1/award-rounds').send({
      unitId: tree.commune,
      fundId: fund.body.id,
      title: 'Đợt thử',
      period: '2026',
      budget: 1_000_000,
      nominationOpensOn: '2026-01-01',
      nominationClosesOn: '2200-12-31',
      approvalsRequired: 1,
      committee: [{ userId: rootCommitteeId, role: 'chair' }],
      categories: [{ name: 'Học sinh giỏi', recipientType: 'student', amount: 500_000, quota: 2 }],
    });
    if (entity === 'award-round') return round.body.id;
    await money(`/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'open' });
    const nomination = await rootCommittee.post(`/api/v1/award-rounds/${round.body.id}/nominations`).send({
      unitId: tree.commune,
      categoryId: round.body.categories[0].id,
      fullName: 'Lê Thị Hoa',
      birthDate: '2000-01-01',
      gender: 'female',
      school: 'Trường Thử',
      consentGuardian: false,
      consentChild: false,
    });
    await money(`/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'review' });
    if (entity === 'nomination') return nomination.body.id;
    await rootCommittee.post(`/api/v1/nominations/${nomination.body.id}/reviews`).send({ vote: 'approve' });
    await money(`/api/v1/award-rounds/${round.body.id}/decision`, {
      number: '1/QĐ',
      date: '2026-01-02',
      approved: [nomination.body.id],
    });
    await money(`/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'paying' });
    const awards = await rootCommittee.get(`/api/v1/award-rounds/${round.body.id}/awards`);
    if (awards.status !== 200 || awards.body.items.length !== 1)
      throw new Error(`award fixture: ${awards.status} ${JSON.stringify(awards.body)}`);
    // Paid, so it has a certificate to ask for.
    const awardId = awards.body.items[0].id as string;
    await rootTreasurer
      .post(`/api/v1/awards/${awardId}/disbursements`)
      .set('Idempotency-Key', randomUUID())
      .send({ method: 'bank_transfer', paidOn: '2026-01-03', bankAccount: '0123456789', reference: 'FT1' });
    return awardId;
  }

  function send(agent: TestAgent, route: RouteInfo, ids: Record<string, string>) {
    const rule = route.rule!;
    const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
      const value = ids[name] ?? SAMPLE_PARAMS[name];
      if (!value) throw new Error(`no sample value for :${name} in ${route.method} ${route.path}`);
      return value;
    });
    const query = Object.fromEntries(
      rule.targets.filter((x) => x.source === 'query').map((x) => [x.name, ids[x.name]]),
    );
    const body = Object.fromEntries(
      rule.targets.filter((x) => x.source === 'body').map((x) => [x.name, ids[x.name]]),
    );
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const req = agent[method](isPage(route) ? path : `/api/v1${path}`).query(query);
    return method === 'get' || method === 'delete' ? req : req.send(body);
  }

  function expected(rule: AccessRule, role: RoleName, position: Position): number | 'allowed' {
    const toRoot = rule.targets.some((x) => x.entity === 'root');
    // Targets reachable from below (a parent's award round) are visible from the child unit too.
    const fromBelow = rule.targets.every((x) => x.fromBelow);
    const visible = toRoot
      ? position === 'root'
      : ['root', 'parent', 'own'].includes(position) || (fromBelow && position === 'child');
    const permitted = PERMISSIONS[rule.action].includes(role);
    if (rule.targets.length === 0) return permitted ? 'allowed' : 403;
    if (!visible) return 404;
    return permitted ? 'allowed' : 403;
  }

  // Thousands of requests: every route, as every caller, each with fresh fixtures.
  it('allows exactly what the roles × actions table says, and hides what lies outside (404)', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const rule = route.rule!;
      const label = `${route.method} ${route.path}`;

      // A GET consumes nothing: its fixtures serve every caller; other methods get fresh ones each.
      const shared = route.method === 'GET' ? await targetIds(rule) : undefined;
      const fixtures = async () => shared ?? (await targetIds(rule));
      const anonymous = await send(t.http, route, await fixtures());
      const signIn = isPage(route) ? 303 : 401;
      if (anonymous.status !== signIn)
        failures.push(`${label} anonymous → ${anonymous.status}, expected ${signIn}`);

      // What "does not exist" looks like for each target of this route, to compare with "outside
      // your units": that target's id unknown, the others real.
      const missing = new Map<string, { body?: { code?: string }; text?: string }>();
      for (const target of rule.targets.filter((x) => x.entity !== 'root')) {
        const ids = { ...(await targetIds(rule)), [target.name]: randomUUID() };
        missing.set(target.name, await send(rootAdmin, route, ids));
      }
      for (const role of ROLE_NAMES) {
        for (const position of POSITIONS) {
          const res = await send(callers.get(`${role}@${position}`)!, route, await fixtures());
          if (ENDS_SESSIONS.includes(label))
            callers.set(`${role}@${position}`, await t.as(users.get(`${role}@${position}`)!));
          const want = expected(rule, role, position);
          const who = `${label} as ${role}@${position}`;
          const code = codeOf(res);
          if (res.status >= 500) failures.push(`${who} → ${res.status}`);
          else if (want === 'allowed') {
            if ([401, 403, 404].includes(res.status))
              failures.push(`${who} → ${res.status} ${code}, expected allowed`);
            // 202: a document still being made (its download route says so with Retry-After); a
            // page sends the browser back to the page it belongs to instead (303, not to sign in).
            const later = isPage(route)
              ? res.status === 303 && !/^\/login/.test(res.headers.location)
              : res.status === 202;
            if (route.method === 'GET' && res.status !== 200 && !later)
              failures.push(`${who} → ${res.status}, expected 200 (or 202)`);
          } else if (res.status !== want) {
            failures.push(`${who} → ${res.status} ${code}, expected ${want}`);
          } else if (want === 404) {
            // The first target this caller cannot see answers, as if its id did not exist.
            const hidden = rule.targets.find((x) => !(x.fromBelow && position === 'child'));
            const same = hidden && missing.get(hidden.name);
            if (same && code !== codeOf(same))
              failures.push(
                `${who} → ${code}, but a missing ${hidden.name} gives ${codeOf(same)}: existence leaks`,
              );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('covers every action some route uses', () => {
    const used = new Set(routes.flatMap((r) => (r.rule ? [r.rule.action] : [])));
    expect([...used].sort()).toEqual(Object.values(Action).sort());
  });
});
