import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { verifyLedger } from '../src/ledger/ledger-verifier.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp } from './helpers/test-app.js';

describe('funds and the ledger', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let treasurer: TestAgent; // at the district: the commune and its branch are below
  let communeTreasurer: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    tree = await createFixtureTree(await t.rootAdmin());
    treasurer = await t.as(await t.createUser(tree.district, [{ unitId: tree.district, role: 'treasurer' }]));
    communeTreasurer = await t.as(
      await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]),
    );
  });
  afterAll(async () => {
    const check = await verifyLedger(t.runtime.dataSource);
    await t.close();
    expect(check).toMatchObject({ ok: true, problem: null });
  });

  const money = (agent: TestAgent, url: string, body: object, key: string = randomUUID()) =>
    agent.post(url).set('Idempotency-Key', key).send(body);

  async function fund(unitId: string, opening = 0, agent = treasurer) {
    const res = await agent
      .post('/api/v1/funds')
      .send({ unitId, name: 'Quỹ khuyến học  Thử', kind: 'general' });
    expect(res.status).toBe(201);
    if (opening) {
      const o = await money(agent, `/api/v1/funds/${res.body.id}/opening-balance`, {
        amount: opening,
        asOf: '2025-12-31',
        reference: 'Sổ quỹ 2025, trang 12',
      });
      expect(o.status).toBe(201);
    }
    return res.body as { id: string; name: string };
  }

  const balanceOf = async (id: string) => (await treasurer.get(`/api/v1/funds/${id}`)).body;

  it('opens a fund with a balance of zero, names it NFC, and records an opening balance once', async () => {
    const created = await treasurer.post('/api/v1/funds').send({
      unitId: tree.commune,
      name: 'Quỹ khuyến tài xã'.normalize('NFD'),
      kind: 'talent',
      restriction: 'Học sinh giỏi',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Quỹ khuyến tài xã',
      kind: 'talent',
      restriction: 'Học sinh giỏi',
      balance: 0,
      reserved: 0,
      available: 0,
      status: 'open',
    });
    const opening = await money(treasurer, `/api/v1/funds/${created.body.id}/opening-balance`, {
      amount: 35_000_000,
      asOf: '2025-12-31',
      reference: 'Sổ quỹ 2025',
    });
    expect(opening.status).toBe(201);
    expect(opening.body).toMatchObject({ balance: 35_000_000, available: 35_000_000 });
    const again = await money(treasurer, `/api/v1/funds/${created.body.id}/opening-balance`, {
      amount: 1,
      asOf: '2025-12-31',
      reference: 'lần hai',
    });
    expect([again.status, again.body.code]).toEqual([409, 'OPENING_BALANCE_EXISTS']);

    // A wrong opening balance is reversed, then entered again.
    const reversed = await money(treasurer, `/api/v1/entries/${opening.body.entryId}/reverse`, {
      reason: 'Nhầm số',
    });
    expect(reversed.status).toBe(201);
    expect((await balanceOf(created.body.id)).balance).toBe(0);
    const twice = await money(treasurer, `/api/v1/entries/${opening.body.entryId}/reverse`, {
      reason: 'Lần nữa',
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'ENTRY_ALREADY_REVERSED']);
    const fixed = await money(treasurer, `/api/v1/funds/${created.body.id}/opening-balance`, {
      amount: 53_000_000,
      asOf: '2025-12-31',
      reference: 'Sổ quỹ 2025 (sửa)',
    });
    expect(fixed.body.balance).toBe(53_000_000);
  });

  it('transfers within a unit and between a unit and its parent, never elsewhere', async () => {
    const commune = await fund(tree.commune, 1_000_000);
    const commune2 = await fund(tree.commune);
    const district = await fund(tree.district);
    const sibling = await fund(tree.sibling);
    const ok = await money(communeTreasurer, '/api/v1/transfers', {
      fromFundId: commune.id,
      toFundId: district.id,
      amount: 300_000,
      occurredOn: '2026-09-05',
      note: 'Nộp quỹ huyện',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ entryId: ok.body.id, amount: 300_000, occurredOn: '2026-09-05' });
    expect(
      (
        await money(communeTreasurer, '/api/v1/transfers', {
          fromFundId: commune.id,
          toFundId: commune2.id,
          amount: 1,
          occurredOn: '2026-09-05',
        })
      ).status,
    ).toBe(201);
    expect((await balanceOf(commune.id)).balance).toBe(699_999);
    expect((await balanceOf(district.id)).balance).toBe(300_000);

    const toSibling = await money(treasurer, '/api/v1/transfers', {
      fromFundId: commune.id,
      toFundId: sibling.id,
      amount: 1,
      occurredOn: '2026-09-05',
    });
    expect([toSibling.status, toSibling.body.fields]).toEqual([
      404,
      [{ field: 'toFundId', message: 'không tìm thấy' }],
    ]);
    const same = await money(treasurer, '/api/v1/transfers', {
      fromFundId: commune.id,
      toFundId: commune.id,
      amount: 1,
      occurredOn: '2026-09-05',
    });
    expect(same.status).toBe(400);
    const tooMuch = await money(treasurer, '/api/v1/transfers', {
      fromFundId: commune.id,
      toFundId: district.id,
      amount: 700_000,
      occurredOn: '2026-09-05',
    });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([422, 'FUND_INSUFFICIENT']);
    expect(tooMuch.body.message).toContain('699.999');

    // Reversing a transfer whose money the parent has spent: refused, without naming the parent's fund.
    const spent = await fund(tree.district);
    await money(treasurer, '/api/v1/transfers', {
      fromFundId: district.id,
      toFundId: spent.id,
      amount: 300_000,
      occurredOn: '2026-09-06',
    });
    const back = await money(communeTreasurer, `/api/v1/entries/${ok.body.entryId}/reverse`, {
      reason: 'Nộp nhầm',
    });
    expect([back.status, back.body.code]).toEqual([422, 'FUND_INSUFFICIENT']);
    expect(back.body.message).toBe('Số dư khả dụng của quỹ không đủ.');
  });

  it('answers a balance as of a day from the value dates', async () => {
    const a = await fund(tree.commune, 500_000); // as of 2025-12-31
    const b = await fund(tree.commune);
    await money(treasurer, '/api/v1/transfers', {
      fromFundId: a.id,
      toFundId: b.id,
      amount: 200_000,
      occurredOn: '2026-03-01',
    });
    const at = async (asOf: string) =>
      (await treasurer.get(`/api/v1/funds/${a.id}/balance`).query({ asOf })).body.balance;
    expect([
      await at('2025-12-30'),
      await at('2025-12-31'),
      await at('2026-02-28'),
      await at('2026-03-01'),
    ]).toEqual([0, 500_000, 500_000, 300_000]);
    const entries = await treasurer.get(`/api/v1/funds/${a.id}/entries`);
    expect(entries.body.items.map((e: { kind: string; amount: number }) => [e.kind, e.amount])).toEqual([
      ['transfer', -200_000],
      ['opening_balance', 500_000],
    ]);
  });

  it('50 concurrent transfers out of a fund that can pay 10: exactly 10 succeed', async () => {
    const source = await fund(tree.commune, 100_000);
    const target = await fund(tree.commune);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        money(treasurer, '/api/v1/transfers', {
          fromFundId: source.id,
          toFundId: target.id,
          amount: 10_000,
          occurredOn: '2026-09-05',
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 422)).toHaveLength(40);
    expect(await balanceOf(source.id)).toMatchObject({ balance: 0, available: 0 });
    expect((await balanceOf(target.id)).balance).toBe(100_000);
  });

  it('runs one request per Idempotency-Key: 100 concurrent repeats, one entry, the same body', async () => {
    const source = await fund(tree.commune, 1_000_000);
    const target = await fund(tree.commune);
    const key = `chuyen-${randomUUID()}`;
    const body = {
      fromFundId: source.id,
      toFundId: target.id,
      amount: 1_000,
      occurredOn: '2026-09-05',
      note: 'Một lần thôi',
    };
    const results = await Promise.all(
      Array.from({ length: 100 }, () => money(treasurer, '/api/v1/transfers', body, key)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(99).fill(200), 201]);
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect((await balanceOf(source.id)).balance).toBe(999_000);
    const differs = await money(treasurer, '/api/v1/transfers', { ...body, amount: 2_000 }, key);
    expect([differs.status, differs.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    const missing = await treasurer.post('/api/v1/transfers').send(body);
    expect([missing.status, missing.body.fields]).toEqual([
      400,
      [{ field: 'Idempotency-Key', message: 'bắt buộc' }],
    ]);
    // A failed request keeps no key: fixed and retried with the same key, it runs.
    const failKey = randomUUID();
    expect(
      (await money(treasurer, '/api/v1/transfers', { ...body, amount: 5_000_000 }, failKey)).status,
    ).toBe(422);
    expect(
      (await money(treasurer, '/api/v1/transfers', { ...body, amount: 5_000_000 }, failKey)).status,
    ).toBe(422);
  });

  it.each([
    ['amount', 0],
    ['amount', -5],
    ['amount', 1.5],
    ['amount', '1000'],
    ['amount', 10_000_000_000_001],
    ['occurredOn', '2999-01-01'],
    ['occurredOn', '05/09/2026'],
    ['fromFundId', 'not-a-uuid'],
    ['balance', 5],
  ])('refuses %s = %j with a 4xx naming it, writing nothing', async (field, value) => {
    const source = await fund(tree.commune, 10_000);
    const target = await fund(tree.commune);
    const res = await money(treasurer, '/api/v1/transfers', {
      fromFundId: source.id,
      toFundId: target.id,
      amount: 100,
      occurredOn: '2026-09-05',
      [field]: value,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect((await balanceOf(source.id)).balance).toBe(10_000);
    expect((await treasurer.get(`/api/v1/funds/${source.id}/entries`)).body.total).toBe(1); // the opening balance only
  });

  it('closes a fund only at zero, and a closed fund takes nothing', async () => {
    const full = await fund(tree.commune, 1_000);
    const empty = await fund(tree.commune);
    const refused = await treasurer.post(`/api/v1/funds/${full.id}/close`);
    expect([refused.status, refused.body.code]).toEqual([422, 'FUND_NOT_EMPTY']);
    expect((await treasurer.post(`/api/v1/funds/${empty.id}/close`)).body.status).toBe('closed');
    const into = await money(treasurer, '/api/v1/transfers', {
      fromFundId: full.id,
      toFundId: empty.id,
      amount: 1,
      occurredOn: '2026-09-05',
    });
    expect([into.status, into.body.code]).toEqual([422, 'FUND_CLOSED']);
  });

  it('the database itself keeps the journal append-only, balanced, and no fund below zero', async () => {
    const f = await fund(tree.commune, 1_000);
    const db = t.runtime.dataSource;
    await expect(
      db.query(`UPDATE postings SET amount = amount + 1 WHERE fund_id = $1`, [f.id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM journal_entries WHERE unit_id = $1`, [tree.commune])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db.query(`UPDATE funds SET balance = -1, reserved = 0 WHERE id = $1`, [f.id]),
    ).rejects.toThrow(/ck_funds_available/);
    // An entry that does not balance cannot commit.
    const [{ id: account }] = await db.query(
      `SELECT id FROM ledger_accounts WHERE fund_id = $1 AND kind = 'fund_available'`,
      [f.id],
    );
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    const entry = randomUUID();
    await runner.query(
      `INSERT INTO journal_entries (id, kind, unit_id, value_date, description) VALUES ($1, 'transfer', $2, '2026-01-01', 'x')`,
      [entry, tree.commune],
    );
    await expect(
      runner.query(
        `INSERT INTO postings (entry_id, account_id, fund_id, unit_id, amount, value_date) VALUES ($1, $2, $3, $4, 5, '2026-01-01')`,
        [entry, account, f.id, tree.commune],
      ),
    ).rejects.toThrow(/does not balance/);
    await runner.rollbackTransaction();
    await runner.release();
    // Nor can an entry with no postings at all.
    const empty = db.createQueryRunner();
    await empty.startTransaction();
    await empty.query(
      `INSERT INTO journal_entries (id, kind, unit_id, value_date, description) VALUES ($1, 'transfer', $2, '2026-01-01', 'x')`,
      [randomUUID(), tree.commune],
    );
    await expect(empty.commitTransaction()).rejects.toThrow(/has no postings/);
    await empty.release();
  });

  it('keeps the in-kind value apart and never below zero, and the verifier recomputes it', async () => {
    const f = await fund(tree.commune, 1_000);
    const db = t.runtime.dataSource;
    await expect(db.query(`UPDATE funds SET in_kind = -1 WHERE id = $1`, [f.id])).rejects.toThrow(
      /ck_funds_in_kind/,
    );
    // Each fund has its in-kind account; goods handed out of an empty one are refused.
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM ledger_accounts WHERE fund_id = $1 AND kind = 'fund_in_kind'`,
      [f.id],
    );
    expect(n).toBe(1);
    const out = await money(treasurer, `/api/v1/funds/${f.id}/in-kind-issues`, {
      amount: 1,
      issuedOn: '2026-09-05',
      description: 'Sách',
      recipient: 'Trường Tiểu học Thử',
    });
    expect([out.status, out.body.code]).toEqual([422, 'FUND_IN_KIND_INSUFFICIENT']);
    // The cash is not goods: the opening balance stays cash, in_kind stays 0.
    expect(await balanceOf(f.id)).toMatchObject({ balance: 1_000, available: 1_000, inKind: 0 });
    // A projection that no longer matches its postings is found by ledger:verify.
    await db.query(`UPDATE funds SET in_kind = in_kind + 7 WHERE id = $1`, [f.id]);
    try {
      const check = await verifyLedger(db);
      expect(check.ok).toBe(false);
      expect(check.problem).toContain(`fund ${f.id}`);
      expect(check.problem).toContain('in kind 7');
    } finally {
      await db.query(`UPDATE funds SET in_kind = in_kind - 7 WHERE id = $1`, [f.id]);
    }
  });
});
