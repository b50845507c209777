import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { todayInVietnam } from '../src/common/dates.js';
import { COLUMNS } from '../src/donations/import/import-rows.js';
import { ReceiptJob } from '../src/donations/receipt.job.js';
import { verifyLedger } from '../src/ledger/ledger-verifier.js';
import { verifyReports } from '../src/reports/reports-verifier.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { pdfFlatText } from './helpers/pdf-text.js';
import { rawBody, startTestApp, TestApp, TestUser } from './helpers/test-app.js';
import ExcelJS from 'exceljs';

const TODAY = todayInVietnam();

/** Gifts of goods: recorded and receipted at their value, kept apart from the cash. */
describe('in-kind gifts', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let treasurer: TestAgent;
  let chairUser: TestUser;
  let chair: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    tree = await createFixtureTree(await t.rootAdmin());
    treasurer = await t.as(await t.createUser(tree.district, [{ unitId: tree.district, role: 'treasurer' }]));
    chairUser = await t.createUser(tree.district, [{ unitId: tree.district, role: 'committee' }]);
    chair = await t.as(chairUser);
  });
  afterAll(async () => {
    const check = await verifyLedger(t.runtime.dataSource);
    const reports = await verifyReports(t.runtime.dataSource);
    await t.close();
    expect(check).toMatchObject({ ok: true, problem: null });
    expect(reports).toMatchObject({ ok: true, problem: null });
  });

  const money = (agent: TestAgent, url: string, body: object, key: string = randomUUID()) =>
    agent.post(url).set('Idempotency-Key', key).send(body);

  async function fund(cash = 0) {
    const res = await treasurer
      .post('/api/v1/funds')
      .send({ unitId: tree.district, name: 'Quỹ khuyến học huyện', kind: 'general' });
    expect(res.status).toBe(201);
    if (cash)
      expect(
        (
          await money(treasurer, `/api/v1/funds/${res.body.id}/opening-balance`, {
            amount: cash,
            asOf: '2025-12-31',
            reference: 'Sổ quỹ 2025',
          })
        ).status,
      ).toBe(201);
    return res.body.id as string;
  }

  const notebooks = (fundId: string, amount = 3_050_000) =>
    money(treasurer, '/api/v1/donations', {
      fundId,
      amount,
      method: 'in_kind',
      inKindDescription: '500 quyển vở ô li',
      receivedOn: '2026-09-05',
      donor: { kind: 'enterprise', name: 'Công ty TNHH Giấy Hải Tiến' },
    });

  const issue = (fundId: string, amount: number, over: object = {}) =>
    money(treasurer, `/api/v1/funds/${fundId}/in-kind-issues`, {
      amount,
      issuedOn: TODAY,
      description: '250 quyển vở ô li',
      recipient: 'Trường THCS Vũ Thư',
      ...over,
    });

  const view = async (fundId: string) => (await treasurer.get(`/api/v1/funds/${fundId}`)).body;

  it('keeps an in-kind gift apart from the cash: the fund shows it as inKind, and its receipt prints the goods and their value', async () => {
    const fundId = await fund(1_000_000);
    const gift = await notebooks(fundId);
    expect(gift.status).toBe(201);
    expect(await view(fundId)).toMatchObject({
      balance: 1_000_000,
      reserved: 0,
      available: 1_000_000,
      inKind: 3_050_000,
    });
    const listed = await treasurer.get('/api/v1/funds').query({ unitId: tree.district, pageSize: 100 });
    expect(listed.body.items.find((f: { id: string }) => f.id === fundId)).toMatchObject({
      balance: 1_000_000,
      inKind: 3_050_000,
    });
    expect(
      (await treasurer.get(`/api/v1/funds/${fundId}/balance`).query({ asOf: TODAY })).body,
    ).toMatchObject({
      balance: 1_000_000,
      available: 1_000_000,
      inKind: 3_050_000,
    });
    const entries = (await treasurer.get(`/api/v1/funds/${fundId}/entries`)).body.items;
    expect(entries.find((e: { kind: string }) => e.kind === 'donation')).toMatchObject({
      amount: 3_050_000,
      inKindPart: 3_050_000,
    });
    const printed = await pdfFlatText((await t.app.get(ReceiptJob).render(gift.body.id))!);
    expect(printed).toContain('500 quyển vở ô li');
    expect(printed).toContain('3.050.000');

    // Cash cannot be taken out of goods: a transfer of more than the cash is refused.
    const other = await fund();
    const transfer = await money(treasurer, '/api/v1/transfers', {
      fromFundId: fundId,
      toFundId: other,
      amount: 1_000_001,
      occurredOn: TODAY,
    });
    expect([transfer.status, transfer.body.code]).toEqual([422, 'FUND_INSUFFICIENT']);
  });

  it('hands goods out, never more than held; a void after the hand-out is refused with 409; the fund closes only when cash and goods are both zero', async () => {
    const fundId = await fund();
    const gift = await notebooks(fundId);
    const key = randomUUID();
    const handed = await issue(fundId, 2_000_000, {});
    expect(handed.status).toBe(201);
    expect(handed.body).toMatchObject({
      amount: 2_000_000,
      recipient: 'Trường THCS Vũ Thư',
      inKind: 1_050_000,
    });
    // Replays give the same answer and move nothing twice.
    const first = await money(
      treasurer,
      `/api/v1/funds/${fundId}/in-kind-issues`,
      {
        amount: 50_000,
        issuedOn: TODAY,
        description: '10 quyển vở',
        recipient: 'Em Nguyễn Văn An, lớp 6A',
      },
      key,
    );
    const again = await money(
      treasurer,
      `/api/v1/funds/${fundId}/in-kind-issues`,
      {
        amount: 50_000,
        issuedOn: TODAY,
        description: '10 quyển vở',
        recipient: 'Em Nguyễn Văn An, lớp 6A',
      },
      key,
    );
    expect([first.status, again.status, again.body.id]).toEqual([201, 200, first.body.id]);
    expect((await view(fundId)).inKind).toBe(1_000_000);

    const tooMuch = await issue(fundId, 1_000_001);
    expect([tooMuch.status, tooMuch.body.code]).toEqual([422, 'FUND_IN_KIND_INSUFFICIENT']);
    expect(tooMuch.body.message).toContain('1.000.000 đ');
    const bad = await issue(fundId, 0, { recipient: '', issuedOn: '2199-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['amount', 'recipient']);
    const future = await issue(fundId, 1, { issuedOn: '2199-01-01' });
    expect([future.status, future.body.fields[0].field]).toEqual([400, 'issuedOn']);

    const voided = await money(treasurer, `/api/v1/donations/${gift.body.id}/void`, { reason: 'Ghi nhầm' });
    expect([voided.status, voided.body.code]).toEqual([409, 'DONATION_GOODS_HANDED_OUT']);
    expect(voided.body.message).toContain('hiện vật đã được xuất');
    expect((await view(fundId)).inKind).toBe(1_000_000);

    const closing = await treasurer.post(`/api/v1/funds/${fundId}/close`);
    expect([closing.status, closing.body.code]).toEqual([422, 'FUND_NOT_EMPTY']);
    expect((await issue(fundId, 1_000_000)).status).toBe(201);
    expect(await view(fundId)).toMatchObject({ balance: 0, inKind: 0 });
    expect((await treasurer.post(`/api/v1/funds/${fundId}/close`)).body.status).toBe('closed');
  });

  it('voids a gift of goods still held from the in-kind value, and a mistaken hand-out can be reversed', async () => {
    const fundId = await fund(500_000);
    const gift = await notebooks(fundId, 1_200_000);
    const handed = await issue(fundId, 1_200_000);
    const reversed = await money(treasurer, `/api/v1/entries/${handed.body.entryId}/reverse`, {
      reason: 'Xuất nhầm',
    });
    expect(reversed.status).toBe(201);
    expect((await view(fundId)).inKind).toBe(1_200_000);
    const voided = await money(treasurer, `/api/v1/donations/${gift.body.id}/void`, { reason: 'Ghi nhầm' });
    expect(voided.status).toBe(201);
    expect(await view(fundId)).toMatchObject({ balance: 500_000, available: 500_000, inKind: 0 });
  });

  it('an in-kind-only fund cannot fund an award round: the reservation is refused as insufficient', async () => {
    const fundId = await fund();
    expect((await notebooks(fundId, 20_000_000)).status).toBe(201);
    const round = await chair.post('/api/v1/award-rounds').send({
      unitId: tree.district,
      fundId,
      title: 'Học bổng năm học 2026-2027',
      period: '2026-2027',
      budget: 1_000_000,
      nominationOpensOn: '2026-11-01',
      nominationClosesOn: '2026-12-31',
      approvalsRequired: 1,
      committee: [{ userId: chairUser.id, role: 'chair' }],
      categories: [
        {
          name: 'Học sinh nghèo vượt khó',
          recipientType: 'student',
          amount: 500_000,
          quota: 2,
          rules: [{ field: 'gradeAverage', op: 'gte', value: 7 }],
        },
      ],
    });
    expect(round.status).toBe(201);
    const open = await money(chair, `/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'open' });
    expect([open.status, open.body.code]).toEqual([422, 'FUND_INSUFFICIENT']);
    expect(await view(fundId)).toMatchObject({ balance: 0, reserved: 0, inKind: 20_000_000 });
  });

  it('the fund summary shows cash and in-kind value apart, goods handed out as money out, and still balances', async () => {
    const fundId = await fund(1_000_000);
    expect((await notebooks(fundId)).status).toBe(201);
    expect((await issue(fundId, 1_050_000)).status).toBe(201);
    const query = { unitId: tree.district, from: '2026-01-01', to: TODAY };
    const res = await treasurer.get('/api/v1/reports/fund-summary').query(query);
    expect(res.status).toBe(200);
    const line = res.body.funds.find((f: { fundId: string }) => f.fundId === fundId);
    expect(line).toMatchObject({
      opening: 1_000_000,
      raisedNet: 3_050_000,
      inKindReceived: 3_050_000,
      handedOut: 1_050_000,
      closing: 3_000_000,
      cash: 1_000_000,
      inKind: { atStart: 0, atEnd: 2_000_000, change: 2_000_000 },
      reserved: { atEnd: 0 },
      available: 1_000_000,
      identity: { holds: true, difference: 0 },
    });
    expect(res.body.total.identity.holds).toBe(true);
    expect(res.body.notes.join(' ')).toContain('Hiện vật được ghi thu theo giá trị quy đổi');

    const xlsx = await treasurer
      .get('/api/v1/reports/fund-summary')
      .query({ ...query, format: 'xlsx' })
      .buffer(true)
      .parse(rawBody);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const sheet = book.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((r) => (r.values as unknown[]).includes(3_000_000))!;
    const cell = (header: string) => (row.values as unknown[])[headers.indexOf(header) + 1];
    expect([cell('Trong đó: tiền'), cell('Trong đó: hiện vật còn giữ'), cell('Xuất hiện vật')]).toEqual([
      1_000_000, 2_000_000, 1_050_000,
    ]);

    const pdf = await treasurer
      .get('/api/v1/reports/fund-summary')
      .query({ ...query, format: 'pdf' })
      .buffer(true)
      .parse(rawBody);
    const text = await pdfFlatText(pdf.body as Buffer);
    expect(text).toContain('Trong đó: hiện vật còn giữ (giá trị quy đổi)');
    expect(text).toContain('Xuất hiện vật (giá trị quy đổi)');

    // The yearly disclosure counts goods handed out as used, and names the goods still held.
    const disclosure = await treasurer
      .get('/api/v1/reports/disclosure')
      .query({ unitId: tree.district, year: 2026 });
    expect(disclosure.body.funds.find((f: { fundId: string }) => f.fundId === fundId)).toMatchObject({
      received: 3_050_000,
      used: 1_050_000,
      handedOut: 1_050_000,
      closing: 3_000_000,
      inKind: 2_000_000,
      balanced: true,
    });
  });

  it('per-capita counts cash and in-kind value received, and gives the cash part apart in the JSON and the exports', async () => {
    const res = await treasurer
      .post('/api/v1/funds')
      .send({ unitId: tree.commune, name: 'Quỹ khuyến học xã', kind: 'general' });
    const fundId = res.body.id as string;
    const cash = await money(treasurer, '/api/v1/donations', {
      fundId,
      amount: 1_000_000,
      method: 'cash',
      receivedOn: '2026-09-05',
      donor: { kind: 'person', name: 'Nguyễn Thị Hằng' },
    });
    expect(cash.status).toBe(201);
    expect((await notebooks(fundId)).status).toBe(201);
    expect((await issue(fundId, 1_000_000)).status).toBe(201);

    const perCapita = (basis: string, format?: string) =>
      treasurer
        .get('/api/v1/reports/per-capita')
        .query({ unitId: tree.commune, year: 2026, basis, ...(format ? { format } : {}) });
    // Raised: all gifts of the year; balance: the cash and the goods still held at its end.
    for (const [basis, numerator, numeratorInKind, words] of [
      ['raised', 4_050_000, 3_050_000, 'hiện vật theo giá trị quy đổi'],
      ['balance', 3_050_000, 2_050_000, 'giá trị hiện vật còn giữ'],
    ] as const) {
      const body = (await perCapita(basis)).body;
      expect(body).toMatchObject({ numerator, numeratorCash: 1_000_000, numeratorInKind });
      expect(body.definition).toContain(words);
    }

    const csv = (await perCapita('raised', 'csv')).text;
    expect(csv).toContain('Trong đó: tiền (đồng)');
    expect(csv).toContain('Trong đó: hiện vật (đồng)');
    expect(csv).toContain('hiện vật theo giá trị quy đổi 3.050.000 đ');
  });

  it('an imported gift of goods posts to the in-kind value, a gift of money to the cash', async () => {
    const fundId = await fund();
    // The template's own headings, by key (a file made as a treasurer would fill the template).
    const headers = ['name', 'kind', 'amount', 'receivedOn', 'method', 'inKindDescription'].map(
      (key) => COLUMNS.find((c) => c.key === key)!.header,
    );
    const rows = [
      headers,
      ['Nguyễn Văn An', 'Cá nhân', '500000', '05/09/2026', 'Tiền mặt', ''],
      ['Công ty Giấy Hải Tiến', 'Doanh nghiệp', '3050000', '06/09/2026', 'Hiện vật', '500 quyển vở ô li'],
    ];
    const file = Buffer.from(rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n'));
    const report = await treasurer
      .post('/api/v1/donation-imports')
      .field('fundId', fundId)
      .field('expectedCount', '2')
      .field('expectedTotal', '3550000')
      .attach('file', file, 'bang-ke.csv');
    expect(report.body.status).toBe('valid');
    const commit = await treasurer
      .post(`/api/v1/donation-imports/${report.body.id}/commit`)
      .set('Idempotency-Key', randomUUID());
    expect(commit.status).toBe(201);
    expect(await view(fundId)).toMatchObject({ balance: 500_000, available: 500_000, inKind: 3_050_000 });
  });
});
