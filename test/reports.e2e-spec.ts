import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { verifyLedger } from '../src/ledger/ledger-verifier.js';
import { verifyReports } from '../src/reports/reports-verifier.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { pdfFlatText } from './helpers/pdf-text.js';
import { prng } from './helpers/prng.js';
import { startTestApp, TestApp, rawBody } from './helpers/test-app.js';

describe('per-capita report', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let admin: TestAgent;
  let treasurer: TestAgent;
  const funds: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    admin = await t.rootAdmin();
    tree = await createFixtureTree(admin);
    treasurer = await t.as(await t.createUser(tree.province, [{ unitId: tree.province, role: 'treasurer' }]));
    for (const unit of ['province', 'district', 'commune', 'sibling', 'branch'] as const) {
      const res = await treasurer
        .post('/api/v1/funds')
        .send({ unitId: tree[unit], name: 'Quỹ khuyến học', kind: 'general' });
      funds[unit] = res.body.id;
    }
    const population = (unit: string, year: number, value: number) =>
      admin
        .put(`/api/v1/units/${unit}/population/${year}`)
        .send({ population: value, source: 'Cục Thống kê (thử)' });
    await population(tree.province, 2026, 1_000);
    await population(tree.province, 2025, 900);
    await population(tree.district, 2026, 800);
    await population(tree.district, 2025, 700);
    await population(tree.commune, 2025, 300); // 2026 not yet published: the 2025 figure, flagged
    await population(tree.branch, 2026, 100);
    // The sibling commune has no population at all.
  });
  afterAll(async () => {
    const ledger = await verifyLedger(t.runtime.dataSource);
    const reports = await verifyReports(t.runtime.dataSource);
    await t.close();
    expect(ledger).toMatchObject({ ok: true });
    expect(reports).toMatchObject({ ok: true, problem: null });
  });

  const donate = async (unit: string, amount: number, receivedOn: string, method = 'cash') => {
    const res = await treasurer
      .post('/api/v1/donations')
      .set('Idempotency-Key', randomUUID())
      .send({
        fundId: funds[unit],
        amount,
        method,
        receivedOn,
        donor: { kind: 'person', name: 'Nguyễn Văn Hảo' },
        ...(method === 'in_kind' ? { inKindDescription: '10 bộ sách giáo khoa' } : {}),
      });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const report = (unitId: string, year: number, basis = 'raised') =>
    treasurer.get('/api/v1/reports/per-capita').query({ unitId, year, basis });

  it('divides money raised in the year by the population, for the unit and each child, against the target', async () => {
    await donate('province', 10_000_000, '2026-03-01');
    await donate('commune', 20_000_000, '2026-04-01');
    await donate('commune', 3_000_000, '2026-04-02', 'in_kind'); // at its valuation
    await donate('branch', 5_000_000, '2026-05-01');
    await donate('sibling', 7_000_000, '2026-06-01');
    await donate('district', 9_000_000, '2025-12-31'); // another year
    const voided = await donate('commune', 1_000_000, '2026-07-01');
    await treasurer
      .post(`/api/v1/donations/${voided}/void`)
      .set('Idempotency-Key', randomUUID())
      .send({ reason: 'Ghi nhầm' });
    // Money moved between units, and a balance brought in from paper books: never money raised.
    const moved = await treasurer.post('/api/v1/transfers').set('Idempotency-Key', randomUUID()).send({
      fromFundId: funds.commune,
      toFundId: funds.district,
      amount: 2_000_000,
      occurredOn: '2026-08-01',
    });
    expect(moved.status).toBe(201);
    await treasurer
      .post(`/api/v1/funds/${funds.province}/opening-balance`)
      .set('Idempotency-Key', randomUUID())
      .send({ amount: 50_000_000, asOf: '2025-12-31', reference: 'Sổ quỹ 2025' });

    const province = await report(tree.province, 2026);
    expect(province.status).toBe(200);
    expect(province.body).toMatchObject({
      unitId: tree.province,
      year: 2026,
      basis: 'raised',
      population: 1_000,
      populationYear: 2026,
      populationEstimated: false,
      numerator: 45_000_000,
      perCapita: 45_000,
      // The province's 2025 target still stands in 2026 (the latest one set).
      target: 80_000,
      targetYear: 2025,
      percentOfTarget: 56.2,
      previousPerCapita: 10_000, // 9,000,000 ÷ 900
      change: 35_000,
      ownFunds: 10_000_000,
      otherUnits: 0,
      nationalReference: { min: 32_000, max: 35_000 },
    });
    expect(province.body.definition).toContain('không tính tiền điều chuyển giữa các đơn vị');
    // Where the target comes from, for machines and in words: the level's (every province's).
    const provinceName = province.body.name as string;
    const inProvince = provinceName.replace(/^Tỉnh /, 'tỉnh ');
    expect(province.body.targetSource).toEqual({
      kind: 'level',
      unitId: tree.province,
      unitName: provinceName,
      level: 'province',
      year: 2025,
      citation: expect.stringContaining('Thái Bình'),
      text: 'chỉ tiêu chung cho cấp tỉnh, năm 2025 (năm gần nhất có chỉ tiêu)',
    });
    // The district and its communes have no target of their own: they are held to the province's,
    // and say so, as the dashboard does.
    const inherited = {
      kind: 'inherited',
      unitId: tree.province,
      unitName: provinceName,
      level: 'province',
      year: 2025,
      citation: province.body.targetSource.citation,
      text: `theo chỉ tiêu chung cấp tỉnh của ${inProvince}, năm 2025 (năm gần nhất có chỉ tiêu)`,
    };
    expect(province.body.children).toEqual([
      expect.objectContaining({
        unitId: tree.district,
        numerator: 35_000_000,
        perCapita: 43_750,
        rank: 1,
        target: 80_000,
        targetYear: 2025,
        percentOfTarget: 54.6,
        targetSource: inherited,
      }),
    ]);

    const district = (await report(tree.district, 2026)).body;
    expect(district).toMatchObject({
      numerator: 35_000_000,
      ownFunds: 0,
      target: 80_000,
      percentOfTarget: 54.6,
      targetSource: inherited,
    });
    const byUnit = Object.fromEntries(district.children.map((c: { unitId: string }) => [c.unitId, c]));
    expect(byUnit[tree.commune]).toMatchObject({
      numerator: 28_000_000, // 20 + 3 in kind + 5 at its branch; the void and the transfer do not count
      population: 300,
      populationYear: 2025,
      populationEstimated: true,
      perCapita: 93_333,
      rank: 1,
      target: 80_000,
      percentOfTarget: 116.6,
      targetSource: inherited,
    });
    expect(byUnit[tree.sibling]).toMatchObject({
      numerator: 7_000_000,
      population: null,
      perCapita: null,
      rank: null,
    });
    expect(district.missingPopulation).toEqual([expect.objectContaining({ unitId: tree.sibling })]);

    // On the balance basis: what the funds hold at the year's end, the opening balance and the
    // transfers included (a transfer inside the province moves money, it does not make it).
    const balance = (await report(tree.province, 2026, 'balance')).body;
    expect(balance.numerator).toBe(45_000_000 + 9_000_000 + 50_000_000);
    expect(balance.definition).toContain('số dư các quỹ');
    expect((await report(tree.province, 2025, 'balance')).body.numerator).toBe(59_000_000);
  });

  it('adds up the same whichever way: a unit is its children plus its own funds, on random activity', async () => {
    const random = prng(20261126);
    const units = ['province', 'district', 'commune', 'sibling', 'branch'] as const;
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const unit = units[Math.floor(random() * units.length)];
      const year = random() < 0.5 ? 2025 : 2026;
      // Months up to October: no date in the future.
      const day = `${year}-${String(1 + Math.floor(random() * 10)).padStart(2, '0')}-15`;
      ids.push(await donate(unit, 1_000 * (1 + Math.floor(random() * 5_000)), day));
      if (random() < 0.15) {
        await treasurer
          .post(`/api/v1/donations/${ids[Math.floor(random() * ids.length)]}/void`)
          .set('Idempotency-Key', randomUUID())
          .send({ reason: 'Thử ngẫu nhiên' });
      }
    }
    for (const basis of ['raised', 'balance']) {
      for (const year of [2025, 2026]) {
        for (const unit of ['province', 'district', 'commune'] as const) {
          const r = (await report(tree[unit], year, basis)).body;
          const children = r.children.reduce((s: number, c: { numerator: number }) => s + c.numerator, 0);
          expect(r.numerator).toBe(children + r.ownFunds + r.otherUnits);
          expect(r.otherUnits).toBe(0);
          if (basis === 'raised') {
            // The same figure straight from the donations of the subtree, voided ones left out.
            const [{ total }] = await t.runtime.dataSource.query(
              `SELECT coalesce(sum(d.amount), 0)::bigint::text AS total FROM donations d
                 JOIN units u ON u.id = d.unit_id
                WHERE u.path LIKE (SELECT path FROM units WHERE id = $1) || '%'
                  AND extract(year FROM d.received_on) = $2
                  AND NOT EXISTS (SELECT 1 FROM donation_voids v WHERE v.donation_id = d.id)`,
              [tree[unit], year],
            );
            expect(r.numerator).toBe(Number(total));
          }
        }
      }
    }
    expect(await verifyReports(t.runtime.dataSource)).toMatchObject({ ok: true });
  });

  it('keeps its totals under concurrent gifts and voids on one fund: every request succeeds, no deadlock', async () => {
    const earlier: string[] = [];
    for (let i = 0; i < 10; i++) earlier.push(await donate('branch', 10_000 * (i + 1), '2026-09-01'));
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        treasurer
          .post('/api/v1/donations')
          .set('Idempotency-Key', randomUUID())
          .send({
            fundId: funds.branch,
            amount: 1_000 + i,
            method: 'cash',
            receivedOn: '2026-09-02',
            donor: { kind: 'anonymous' },
          }),
      ),
      ...earlier.map((id) =>
        treasurer
          .post(`/api/v1/donations/${id}/void`)
          .set('Idempotency-Key', randomUUID())
          .send({ reason: 'Thử song song' }),
      ),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(await verifyReports(t.runtime.dataSource)).toMatchObject({ ok: true });
  });

  it("moves a unit's money with it when it moves under another parent", async () => {
    // The administrator sees both provinces.
    const before = async (unitId: string) =>
      (await admin.get('/api/v1/reports/per-capita').query({ unitId, year: 2026, basis: 'balance' })).body
        .numerator as number;
    const province = await before(tree.province);
    const other = await before(tree.otherProvince);
    const sibling = await before(tree.sibling);
    expect(sibling).toBeGreaterThan(0);
    const moved = await admin.patch(`/api/v1/units/${tree.sibling}`).send({ parentId: tree.otherProvince });
    expect(moved.status).toBe(200);
    expect(await before(tree.province)).toBe(province - sibling);
    expect(await before(tree.otherProvince)).toBe(other + sibling);
    expect(await verifyReports(t.runtime.dataSource)).toMatchObject({ ok: true });
    // And back, for the tests after this one.
    expect(
      (await admin.patch(`/api/v1/units/${tree.sibling}`).send({ parentId: tree.district })).status,
    ).toBe(200);
    expect(await before(tree.province)).toBe(province);
  });

  it('never loses a gift to a move made while the gift was being written', async () => {
    // Money into the sibling commune's fund, written but not committed, by hand as the ledger would
    // (a balance brought in: its flow is what the subtree totals carry).
    const gift = await t.runtime.dataSource.createQueryRunner();
    await gift.connect();
    await gift.startTransaction();
    const [accounts] = await gift.query(
      `SELECT (SELECT id FROM ledger_accounts WHERE fund_id = $1 AND kind = 'fund_available') AS fund,
              (SELECT id FROM ledger_accounts WHERE unit_id = $2 AND kind = 'unit_opening' AND fund_id IS NULL) AS income`,
      [funds.sibling, tree.sibling],
    );
    const entry = randomUUID();
    await gift.query(
      `INSERT INTO journal_entries (id, kind, unit_id, value_date, description) VALUES ($1, 'opening_balance', $2, '2026-10-01', 'thử')`,
      [entry, tree.sibling],
    );
    await gift.query(
      `INSERT INTO postings (entry_id, account_id, fund_id, unit_id, amount, value_date)
       VALUES ($1, $2, $3, $5, 777, '2026-10-01'), ($1, $4, NULL, $5, -777, '2026-10-01')`,
      [entry, accounts.fund, funds.sibling, accounts.income, tree.sibling],
    );
    await gift.query(`UPDATE funds SET balance = balance + 777 WHERE id = $1`, [funds.sibling]);
    // Meanwhile the commune moves to the other province: it waits for the gift.
    let moved = false;
    const move = admin
      .patch(`/api/v1/units/${tree.sibling}`)
      .send({ parentId: tree.otherProvince })
      .then((r) => ((moved = true), r));
    await new Promise((r) => setTimeout(r, 500));
    expect(moved).toBe(false);
    await gift.commitTransaction();
    await gift.release();
    expect((await move).status).toBe(200);
    expect(await verifyReports(t.runtime.dataSource)).toMatchObject({ ok: true, problem: null });
    expect(
      (await admin.patch(`/api/v1/units/${tree.sibling}`).send({ parentId: tree.district })).status,
    ).toBe(200);
  });

  it('exports the report as CSV, XLSX and PDF with the same figures and the definition', async () => {
    const json = (await report(tree.district, 2026)).body;
    const get = (format: string) =>
      treasurer
        .get('/api/v1/reports/per-capita')
        .query({ unitId: tree.district, year: 2026, format })
        .buffer(true)
        .parse(rawBody);
    const csv = await get('csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = (csv.body as Buffer).toString('utf8');
    expect(text).toContain('Bình quân (đồng/người)');
    expect(text).toContain(String(json.numerator));
    expect(text).toContain('Cách tính: ');
    // The target that applies to each line, where it comes from, and the population's source.
    const lines = text.split('\r\n');
    const districtLine = lines.find((l) => l.startsWith(json.code))!;
    expect(districtLine).toContain(`,80000,"${json.targetSource.text}",${json.percentOfTarget},`);
    expect(districtLine).toContain(',Cục Thống kê (thử),');
    const communeLine = lines.find((l) => l.includes(json.children[0].name))!;
    expect(communeLine).toContain(`,80000,"${json.children[0].targetSource.text}",`);
    expect(text).toContain(
      'Chỉ tiêu 80.000 đ/người: chỉ tiêu chung cho cấp tỉnh năm 2025, áp dụng cho mọi đơn vị trong báo cáo. Căn cứ: Chương trình hành động',
    );
    const xlsx = await get('xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const header = book.worksheets[0].getRow(1).values as unknown[];
    expect(book.worksheets[0].getRow(2).getCell(header.indexOf('Tử số (đồng)')).value).toBe(json.numerator);
    expect(book.worksheets[0].getRow(2).getCell(header.indexOf('Nguồn chỉ tiêu')).value).toBe(
      json.targetSource.text,
    );
    const pdf = await get('pdf');
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    if (process.env.SAVE_PDF) writeFileSync(process.env.SAVE_PDF, pdf.body as Buffer);
    const printed = await pdfFlatText(pdf.body as Buffer);
    expect(printed).toContain('BÁO CÁO BÌNH QUÂN QUỸ KHUYẾN HỌC TRÊN ĐẦU NGƯỜI');
    expect(printed).toContain(json.numerator.toLocaleString('vi-VN'));
    expect(printed).toContain('Cách tính');
    // Every line measured against the target that applies to it, the source said once.
    expect(printed).toContain(
      `${json.name} ${json.population.toLocaleString('vi-VN')} ${json.numerator.toLocaleString('vi-VN')} ${json.perCapita.toLocaleString('vi-VN')} ${json.percentOfTarget.toLocaleString('vi-VN')}`,
    );
    expect(printed).toContain('Chỉ tiêu 80.000 đ/người: chỉ tiêu chung cho cấp tỉnh năm 2025');
    // And whose population comes from where.
    expect(printed).toContain(`Số dân của ${json.name.replace(/^Huyện /, 'huyện ')}`);
    expect(printed).toContain(': Cục Thống kê (thử).');
  });

  it("takes a unit's own target, set with its source, over its level's", async () => {
    const put = (body: object, agent = admin) =>
      agent.put(`/api/v1/units/${tree.province}/per-capita-targets/2026`).send(body);
    const body = { amount: 90_000, source: 'Nghị quyết Đại hội Hội Khuyến học tỉnh (thử)' };
    expect((await put(body, treasurer)).status).toBe(403);
    const bad = await put({ amount: 0, source: 'x' });
    expect([bad.status, bad.body.fields?.[0]?.field]).toEqual([400, 'amount']);
    expect((await put(body)).status).toBe(201);
    expect((await put({ ...body, amount: 85_000 })).status).toBe(200);
    const own = (await report(tree.province, 2026)).body;
    expect(own).toMatchObject({
      target: 85_000,
      targetYear: 2026,
      targetSource: {
        kind: 'own',
        unitId: tree.province,
        level: null,
        year: 2026,
        citation: body.source,
        text: `chỉ tiêu riêng của ${own.name.replace(/^Tỉnh /, 'tỉnh ')}, năm 2026`,
      },
    });
    // Below it, the province's own target now applies.
    expect((await report(tree.district, 2026)).body).toMatchObject({
      target: 85_000,
      targetSource: {
        kind: 'inherited',
        unitId: tree.province,
        level: null,
        citation: body.source,
        text: `theo chỉ tiêu của ${own.name.replace(/^Tỉnh /, 'tỉnh ')}, năm 2026`,
      },
    });
    // The level's 2025 target still applies to 2025.
    expect((await report(tree.province, 2025)).body).toMatchObject({ target: 80_000, targetYear: 2025 });
    const list = await treasurer.get(`/api/v1/units/${tree.province}/per-capita-targets`);
    expect(list.body).toEqual([
      { year: 2026, amount: 85_000, source: body.source, scope: 'unit' },
      expect.objectContaining({ year: 2025, amount: 80_000, scope: 'level' }),
    ]);
  });

  it('refuses bad input naming the field, and callers outside the unit', async () => {
    for (const [query, field] of [
      [{ unitId: 'x', year: 2026 }, 'unitId'],
      [{ unitId: tree.province, year: 'abc' }, 'year'],
      [{ unitId: tree.province, year: 1800 }, 'year'],
      [{ unitId: tree.province, basis: 'held' }, 'basis'],
    ] as const) {
      const res = await treasurer.get('/api/v1/reports/per-capita').query(query);
      expect([res.status, res.body.fields?.[0]?.field]).toEqual([400, field]);
    }
    const outsider = await t.as(await t.createUser(tree.sibling, [{ unitId: tree.sibling, role: 'viewer' }]));
    expect((await outsider.get('/api/v1/reports/per-capita').query({ unitId: tree.commune })).status).toBe(
      404,
    );
    expect((await outsider.get('/api/v1/reports/per-capita').query({ unitId: tree.sibling })).status).toBe(
      200,
    );
  });
});
