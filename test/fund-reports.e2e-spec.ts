import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent.js';
import { todayInVietnam } from '../src/common/dates.js';
import { verifyLedger } from '../src/ledger/ledger-verifier.js';
import { verifyReports } from '../src/reports/reports-verifier.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { pdfFlatText } from './helpers/pdf-text.js';
import { prng } from './helpers/prng.js';
import { startTestApp, TestApp, rawBody } from './helpers/test-app.js';

const TODAY = todayInVietnam();
const YEAR = Number(TODAY.slice(0, 4));
const JAN1 = `${YEAR}-01-01`;
const LAST_YEAR_END = `${YEAR - 1}-12-31`;

const binary = (req: ReturnType<TestAgent['get']>) => req.buffer(true).parse(rawBody);

const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('fund reports', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let admin: TestAgent;
  let treasurer: TestAgent;
  let committee: TestAgent;
  let committeeId: string;

  const money = (agent: TestAgent, url: string, body: object) =>
    agent.post(url).set('Idempotency-Key', randomUUID()).send(body);
  const newFund = async (unitId: string, name: string) => {
    const res = await treasurer.post('/api/v1/funds').send({ unitId, name, kind: 'general' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const donate = async (fundId: string, amount: number, receivedOn: string, kind: string) => {
    const res = await money(treasurer, '/api/v1/donations', {
      fundId,
      amount,
      method: 'cash',
      receivedOn,
      donor: kind === 'anonymous' ? { kind } : { kind, name: `Ông Bí Mật ${kind}` },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const transfer = (fromFundId: string, toFundId: string, amount: number, occurredOn: string) =>
    money(treasurer, '/api/v1/transfers', { fromFundId, toFundId, amount, occurredOn });
  const summary = (query: Record<string, string>) =>
    treasurer.get('/api/v1/reports/fund-summary').query(query);

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    admin = await t.rootAdmin();
    tree = await createFixtureTree(admin);
    treasurer = await t.as(await t.createUser(tree.province, [{ unitId: tree.province, role: 'treasurer' }]));
    const user = await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'committee' }]);
    committeeId = user.id;
    committee = await t.as(user);
  });
  afterAll(async () => {
    const ledger = await verifyLedger(t.runtime.dataSource);
    const reports = await verifyReports(t.runtime.dataSource);
    await t.close();
    expect(ledger).toMatchObject({ ok: true });
    expect(reports).toMatchObject({ ok: true, problem: null });
  });

  /** A round on the fund: two students (one a minor without consent) and a teacher, all paid today. */
  async function paidRound(fundId: string) {
    const round = await committee.post('/api/v1/award-rounds').send({
      unitId: tree.commune,
      fundId,
      title: 'Học bổng cuối năm',
      period: String(YEAR),
      budget: 1_800_000,
      nominationOpensOn: JAN1,
      nominationClosesOn: TODAY,
      approvalsRequired: 1,
      committee: [{ userId: committeeId, role: 'chair' }],
      categories: [
        { name: 'Học sinh nghèo vượt khó', recipientType: 'student', amount: 500_000, quota: 5 },
        { name: 'Giáo viên dạy giỏi', recipientType: 'teacher', amount: 800_000, quota: 5 },
      ],
    });
    expect(round.status).toBe(201);
    const [student, teacher] = round.body.categories.map((c: { id: string }) => c.id);
    expect(
      (await money(committee, `/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'open' })).status,
    ).toBe(201);
    const nominate = async (
      category: string,
      name: string,
      birth: string,
      guardian: boolean,
      child: boolean,
    ) => {
      const [row] = await t.runtime.dataSource.query(
        `INSERT INTO nominations (id, round_id, category_id, unit_id, full_name, search_name, birth_date, gender,
                                  school, class_name, guardian_name, consent_guardian, consent_child, created_by)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, lower($4), $5, 'female', 'Trường THCS Thử', '8A', 'Phụ huynh',
                 $6, $7, $8) RETURNING id`,
        [round.body.id, category, tree.commune, name, birth, guardian, child, committeeId],
      );
      await t.runtime.dataSource.query(
        `INSERT INTO nomination_reviews (nomination_id, member_id, vote, score) VALUES ($1, $2, 'approve', 9)`,
        [row.id, committeeId],
      );
      return row.id as string;
    };
    const hidden = await nominate(student, 'Phạm Thị Kín', `${YEAR - 12}-03-01`, true, false);
    const shown = await nominate(student, 'Lê Thị Công', `${YEAR - 12}-04-01`, true, true);
    const adult = await nominate(teacher, 'Đỗ Văn Giảng', '1985-05-05', false, false);
    await money(committee, `/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'review' });
    const decided = await money(committee, `/api/v1/award-rounds/${round.body.id}/decision`, {
      number: '12/QĐ-HKH',
      date: TODAY,
      approved: [hidden, shown, adult],
    });
    expect(decided.status).toBe(201);
    await money(committee, `/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'paying' });
    const awards = (await committee.get(`/api/v1/award-rounds/${round.body.id}/awards`)).body.items as {
      id: string;
      nominationId: string;
    }[];
    for (const a of awards) {
      const paid = await money(treasurer, `/api/v1/awards/${a.id}/disbursements`, {
        method: 'cash',
        paidOn: TODAY,
        handedOverBy: 'Lê Văn Trao',
        signedBy: 'recipient',
      });
      expect(paid.status).toBe(201);
    }
    return {
      roundId: round.body.id as string,
      teacherAward: awards.find((a) => a.nominationId === adult)!.id,
    };
  }

  describe('a commune with every kind of movement', () => {
    const funds: Record<string, string> = {};
    beforeAll(async () => {
      funds.general = await newFund(tree.commune, '=HYPERLINK("http://x.test","Quỹ khuyến học")');
      funds.awards = await newFund(tree.commune, 'Quỹ học bổng xã');
      funds.sibling = await newFund(tree.sibling, 'Quỹ khuyến học xã bên');
      funds.district = await newFund(tree.district, 'Quỹ khuyến học huyện');
      funds.branch = await newFund(tree.branch, 'Quỹ chi hội');

      expect(
        (
          await money(treasurer, `/api/v1/funds/${funds.general}/opening-balance`, {
            amount: 10_000_000,
            asOf: LAST_YEAR_END,
            reference: 'Sổ quỹ trang 12',
          })
        ).status,
      ).toBe(201);
      await money(treasurer, `/api/v1/funds/${funds.awards}/opening-balance`, {
        amount: 3_000_000,
        asOf: LAST_YEAR_END,
        reference: 'Sổ quỹ trang 13',
      });
      await donate(funds.general, 300_000, `${YEAR - 1}-12-15`, 'person'); // before the period
      await donate(funds.general, 1_000_000, JAN1, 'person');
      await donate(funds.general, 2_000_000, JAN1, 'family');
      await donate(funds.general, 3_000_000, TODAY, 'clan');
      await donate(funds.general, 4_000_000, TODAY, 'enterprise');
      await donate(funds.general, 5_000_000, TODAY, 'organisation');
      await donate(funds.general, 600_000, TODAY, 'anonymous');
      const mistaken = await donate(funds.general, 700_000, JAN1, 'person');
      expect(
        (await money(treasurer, `/api/v1/donations/${mistaken}/void`, { reason: 'Ghi nhầm' })).status,
      ).toBe(201);
      await donate(funds.district, 5_000_000, JAN1, 'enterprise');
      // Up to the parent, down from it, to a branch inside the commune, and the district to the sibling.
      expect((await transfer(funds.general, funds.district, 1_500_000, TODAY)).status).toBe(201);
      expect((await transfer(funds.district, funds.general, 2_500_000, TODAY)).status).toBe(201);
      expect((await transfer(funds.general, funds.branch, 400_000, TODAY)).status).toBe(201);
      expect((await transfer(funds.district, funds.sibling, 1_000_000, TODAY)).status).toBe(201);

      const { teacherAward } = await paidRound(funds.awards);
      expect(
        (await money(treasurer, `/api/v1/awards/${teacherAward}/return`, { reason: 'Sai người nhận' }))
          .status,
      ).toBe(201);
    });

    it('gives every line to the đồng, per fund and for the commune, and the identity holds', async () => {
      const res = await summary({ unitId: tree.commune, from: JAN1, to: TODAY });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ unit: { id: tree.commune }, from: JAN1, to: TODAY });
      expect(res.body.funds.map((f: { fundId: string }) => f.fundId)).toEqual(
        expect.arrayContaining([funds.general, funds.awards, funds.branch]),
      );
      expect(res.body.funds).toHaveLength(3);
      const byId = Object.fromEntries(res.body.funds.map((f: { fundId: string }) => [f.fundId, f]));
      expect(byId[funds.general]).toMatchObject({
        opening: 10_300_000,
        raised: {
          individuals: 1_700_000,
          familiesAndClans: 5_000_000,
          enterprises: 4_000_000,
          organisations: 5_000_000,
          anonymous: 600_000,
          total: 16_300_000,
        },
        voided: { individuals: 700_000, total: 700_000 },
        raisedNet: 15_600_000,
        broughtIn: 0,
        transfersIn: { internal: 0, external: 2_500_000, total: 2_500_000 },
        transfersOut: { internal: 400_000, external: 1_500_000, total: 1_900_000 },
        paidOut: { total: 0 },
        paidOutNet: 0,
        otherAdjustments: 0,
        moneyIn: 18_100_000,
        moneyOut: 1_900_000,
        closing: 26_500_000,
        reserved: { atStart: 0, atEnd: 0 },
        identity: { holds: true, difference: 0 },
      });
      expect(byId[funds.awards]).toMatchObject({
        opening: 3_000_000,
        raised: { total: 0 },
        paidOut: { students: 1_000_000, teachers: 800_000, workers: 0, workersChildren: 0, total: 1_800_000 },
        returned: { teachers: 800_000, total: 800_000 },
        paidOutNet: 1_000_000,
        moneyIn: 0,
        moneyOut: 1_000_000,
        closing: 2_000_000,
        reserved: { atStart: 0, atEnd: 800_000, change: 800_000 },
        available: 1_200_000,
        identity: { holds: true, difference: 0 },
      });
      expect(byId[funds.branch]).toMatchObject({
        opening: 0,
        transfersIn: { internal: 400_000, external: 0, total: 400_000 },
        moneyIn: 400_000,
        closing: 400_000,
      });
      expect(res.body.total).toMatchObject({
        transfersIn: { internal: 400_000, external: 2_500_000, total: 2_900_000 },
        transfersOut: { internal: 400_000, external: 1_500_000, total: 1_900_000 },
        opening: 13_300_000,
        raisedNet: 15_600_000,
        moneyIn: 18_100_000,
        moneyOut: 2_500_000,
        closing: 28_900_000,
        identity: { holds: true, difference: 0 },
      });
      // The closing balances are the ledger's as of the last day; the opening ones as of the day before.
      for (const id of [funds.general, funds.awards, funds.branch]) {
        const at = (await treasurer.get(`/api/v1/funds/${id}/balance`).query({ asOf: TODAY })).body;
        expect(byId[id].closing).toBe(at.balance);
        expect(byId[id].reserved.atEnd).toBe(at.reserved);
        const before = (await treasurer.get(`/api/v1/funds/${id}/balance`).query({ asOf: LAST_YEAR_END }))
          .body;
        expect(byId[id].opening).toBe(before.balance);
      }
    });

    it('cancels transfers between units of the subtree in the total, and shows them', async () => {
      const res = await summary({ unitId: tree.district, from: JAN1, to: TODAY });
      expect(res.status).toBe(200);
      const total = res.body.total;
      expect(total.transfersIn).toEqual({ internal: 5_400_000, external: 0, total: 5_400_000 });
      expect(total.transfersOut).toEqual({ internal: 5_400_000, external: 0, total: 5_400_000 });
      expect(total).toMatchObject({
        opening: 13_300_000,
        raisedNet: 20_600_000,
        moneyIn: 20_600_000,
        moneyOut: 1_000_000,
        closing: 32_900_000,
        identity: { holds: true, difference: 0 },
      });
      const district = res.body.funds.find((f: { fundId: string }) => f.fundId === funds.district);
      expect(district).toMatchObject({
        transfersIn: { internal: 1_500_000, external: 0 },
        transfersOut: { internal: 3_500_000, external: 0 },
        moneyIn: 6_500_000,
        moneyOut: 3_500_000,
        closing: 3_000_000,
        identity: { holds: true },
      });
    });

    it('defaults to the current calendar year and refuses bad dates naming the field', async () => {
      const res = await summary({ unitId: tree.commune });
      expect(res.body).toMatchObject({ from: JAN1, to: `${YEAR}-12-31` });
      const bad = await summary({ unitId: tree.commune, from: `${YEAR}-02-30` });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'from' }] });
      const reversed = await summary({ unitId: tree.commune, from: TODAY, to: JAN1 });
      expect(reversed.status).toBe(400);
      expect(reversed.body.fields).toEqual([{ field: 'to', message: expect.any(String) }]);
      expect(reversed.body.requestId).toEqual(expect.any(String));
      expect((await summary({ unitId: tree.commune, format: 'doc' })).body.fields[0].field).toBe('format');
      const year = await treasurer
        .get('/api/v1/reports/disclosure')
        .query({ unitId: tree.commune, year: 'x' });
      expect([year.status, year.body.fields[0].field]).toEqual([400, 'year']);
    });

    it('answers 404 outside the caller’s units', async () => {
      const outsider = await t.as(
        await t.createUser(tree.sibling, [{ unitId: tree.sibling, role: 'viewer' }]),
      );
      const res = await outsider.get('/api/v1/reports/fund-summary').query({ unitId: tree.commune });
      expect(res.status).toBe(404);
      const own = await outsider
        .get('/api/v1/reports/disclosure')
        .query({ unitId: tree.sibling, year: YEAR });
      expect(own.status).toBe(200);
    });

    it('exports CSV and XLSX with formula-looking names escaped, and a PDF with the table and identity', async () => {
      const csv = await binary(summary({ unitId: tree.commune, from: JAN1, to: TODAY, format: 'csv' }));
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const text = (csv.body as Buffer).toString('utf8');
      expect(text).toContain(`"'=HYPERLINK(""http://x.test"",""Quỹ khuyến học"")"`);
      expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
      expect(text).toContain('26500000');
      const totalLine = text.split('\r\n').find((l) => l.startsWith('Tổng cộng'))!;
      expect(totalLine).toContain('28900000');

      const xlsx = await binary(summary({ unitId: tree.commune, from: JAN1, to: TODAY, format: 'xlsx' }));
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body);
      const sheet = book.worksheets[0];
      const names = [2, 3, 4].map((r) => sheet.getRow(r).getCell(3).value);
      expect(names).toContain(`'=HYPERLINK("http://x.test","Quỹ khuyến học")`);
      for (let r = 1; r <= sheet.rowCount; r++)
        sheet.getRow(r).eachCell((cell) => expect(cell.formula ?? null).toBeNull());
      const header = sheet.getRow(1).values as unknown[];
      const closing = header.indexOf('Số dư cuối kỳ');
      expect(sheet.getRow(sheet.rowCount).getCell(closing).value).toBe(28_900_000);

      const pdf = await binary(summary({ unitId: tree.commune, from: JAN1, to: TODAY, format: 'pdf' }));
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const flat = await pdfFlatText(pdf.body as Buffer);
      expect(flat).toContain('BÁO CÁO TỔNG HỢP QUỸ KHUYẾN HỌC');
      expect(flat).toContain(`Từ ngày 01/01/${YEAR} đến ngày ${TODAY.split('-').reverse().join('/')}`);
      expect(flat).toContain('Kiểm tra cân đối');
      expect(flat).toContain('28.900.000');
      expect(flat).toContain('(khớp)');
      expect(flat).toContain('Quỹ học bổng xã');
      // A line with nothing to deduct reads 0, never "-0" (the sibling commune voided nothing).
      const quiet = await pdfFlatText(
        (await binary(summary({ unitId: tree.sibling, from: JAN1, to: TODAY, format: 'pdf' })))
          .body as Buffer,
      );
      expect(quiet).toContain('Trừ: hủy phiếu thu 0 ');
      expect(quiet).toContain('Trừ: tiền chi bị trả lại 0 ');
      expect(`${flat} ${quiet}`).not.toMatch(/(^|\s)-0(\s|$)/);
      // The same figures give the same bytes.
      const again = await binary(summary({ unitId: tree.commune, from: JAN1, to: TODAY, format: 'pdf' }));
      expect(Buffer.compare(again.body as Buffer, pdf.body as Buffer)).toBe(0);
    });

    it('discloses the year: funds, donors by kind only, payments with names only where permitted', async () => {
      const res = await treasurer
        .get('/api/v1/reports/disclosure')
        .query({ unitId: tree.commune, year: YEAR });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ year: YEAR, from: JAN1, to: `${YEAR}-12-31` });
      expect(res.body.total).toMatchObject({
        opening: 13_300_000,
        received: 15_600_000,
        transfersIn: 2_500_000,
        transfersOut: 1_500_000,
        used: 1_000_000,
        closing: 28_900_000,
        balanced: true,
      });
      expect(res.body.donors).toEqual([
        { kind: 'individuals', label: 'Cá nhân', amount: 1_000_000 },
        { kind: 'familiesAndClans', label: 'Gia đình, dòng họ', amount: 5_000_000 },
        { kind: 'enterprises', label: 'Doanh nghiệp', amount: 4_000_000 },
        { kind: 'organisations', label: 'Cơ quan, tổ chức', amount: 5_000_000 },
        { kind: 'anonymous', label: 'Ẩn danh', amount: 600_000 },
      ]);
      const recipients = res.body.payments.map((p: { recipient: string }) => p.recipient).sort();
      expect(recipients).toEqual(['(không công bố)', 'Lê Thị Công', 'Đỗ Văn Giảng'].sort());
      expect(JSON.stringify(res.body)).not.toContain('Phạm Thị Kín');
      expect(JSON.stringify(res.body)).not.toContain('Bí Mật');
      expect(
        res.body.payments.find((p: { recipient: string }) => p.recipient === 'Đỗ Văn Giảng'),
      ).toMatchObject({
        returned: true,
        amount: 800_000,
        category: 'Giáo viên dạy giỏi',
        paidOn: TODAY,
      });
      expect(res.body.paymentsTotal).toBe(1_000_000);

      for (const format of ['csv', 'xlsx', 'pdf']) {
        const file = await binary(
          treasurer.get('/api/v1/reports/disclosure').query({ unitId: tree.commune, year: YEAR, format }),
        );
        expect(file.status).toBe(200);
        const body = file.body as Buffer;
        let text: string;
        if (format === 'pdf') text = await pdfFlatText(body);
        else if (format === 'csv') text = body.toString('utf8');
        else {
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(file.body);
          text = '';
          book.worksheets[0].eachRow((row) => (text += `${JSON.stringify(row.values)}\n`));
        }
        expect(text).not.toContain('Phạm Thị Kín');
        expect(text).not.toContain('Bí Mật');
        expect(text).toContain('(không công bố)');
        expect(text).toContain('Lê Thị Công');
        if (format === 'pdf') {
          expect(text).toContain(`CÔNG KHAI THU, CHI QUỸ KHUYẾN HỌC NĂM ${YEAR}`);
          expect(text).toContain('15.600.000');
          // Names and categories whole, wrapped within their column rather than cut with "…".
          expect(text).not.toContain('…');
          expect(text).toContain('Học sinh nghèo vượt khó');
        } else {
          expect(text).toContain("'=HYPERLINK");
          expect(text).not.toMatch(/(^|[,"[])=HYPERLINK/m);
        }
      }
    });
  });

  it('on random activity the identity holds for random periods, and closings are the ledger’s balances', async () => {
    const random = prng(20261126);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const start = Date.parse(`${YEAR - 1}-01-01T00:00:00Z`);
    const span = Math.floor((Date.parse(`${TODAY}T00:00:00Z`) - start) / 86_400_000);
    const randomDay = () =>
      new Date(start + Math.floor(random() * (span + 1)) * 86_400_000).toISOString().slice(0, 10);
    const units = [tree.branch, tree.commune, tree.district, tree.sibling];
    const ids: string[] = [];
    for (const [i, unit] of units.entries()) ids.push(await newFund(unit, `Quỹ ngẫu nhiên ${'abcd'[i]}`));
    const donations: string[] = [];
    for (let i = 0; i < 60; i++) {
      const r = random();
      if (r < 0.55) {
        donations.push(
          await donate(
            pick(ids),
            1_000 * (1 + Math.floor(random() * 5_000)),
            randomDay(),
            pick(['person', 'family', 'clan', 'enterprise', 'organisation', 'anonymous']),
          ),
        );
      } else if (r < 0.7 && donations.length) {
        const id = donations.splice(Math.floor(random() * donations.length), 1)[0];
        await money(treasurer, `/api/v1/donations/${id}/void`, { reason: 'Thử' }); // may be refused: funds spent
      } else if (r < 0.95) {
        const [from, to] = [pick(ids), pick(ids)];
        if (from !== to) await transfer(from, to, 1_000 * (1 + Math.floor(random() * 2_000)), randomDay());
      } else {
        await money(treasurer, `/api/v1/funds/${pick(ids)}/opening-balance`, {
          amount: 1_000 * (1 + Math.floor(random() * 9_000)),
          asOf: randomDay(),
          reference: 'Sổ cũ',
        });
      }
    }
    for (let i = 0; i < 6; i++) {
      const [a, b] = [randomDay(), randomDay()].sort();
      const unit = pick([tree.commune, tree.district]);
      const res = await summary({ unitId: unit, from: a, to: b });
      expect(res.status).toBe(200);
      expect(res.body.total.identity).toMatchObject({ holds: true, difference: 0 });
      for (const f of res.body.funds) {
        expect(f.identity).toMatchObject({ holds: true, difference: 0 });
        if (!ids.includes(f.fundId)) continue;
        const close = (await treasurer.get(`/api/v1/funds/${f.fundId}/balance`).query({ asOf: b })).body;
        const open = (await treasurer.get(`/api/v1/funds/${f.fundId}/balance`).query({ asOf: dayBefore(a) }))
          .body;
        expect([f.fundId, f.closing, f.reserved.atEnd, f.opening]).toEqual([
          f.fundId,
          close.balance,
          close.reserved,
          open.balance,
        ]);
      }
      expect(res.body.total.closing).toBe(
        res.body.funds.reduce((s: number, f: { closing: number }) => s + f.closing, 0),
      );
    }
    expect(await verifyReports(t.runtime.dataSource)).toMatchObject({ ok: true, problem: null });
  });
});
