import { DocumentsService } from '../src/documents/documents.service.js';
import JSZip from 'jszip';
import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent.js';
import { writeFileSync } from 'node:fs';
import { CertificateJob } from '../src/awards/certificate.job.js';
import { todayInVietnam } from '../src/common/dates.js';
import { verifyLedger } from '../src/ledger/ledger-verifier.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { pdfFlatText } from './helpers/pdf-text.js';
import { startTestApp, TestApp, TestUser, waitFor, rawBody } from './helpers/test-app.js';

const TODAY = todayInVietnam();
const STATUSES = ['draft', 'open', 'review', 'decided', 'paying', 'closed'] as const;
const ALLOWED: Record<string, string[]> = {
  draft: ['open', 'closed'],
  open: ['review', 'closed'],
  review: ['closed'],
  decided: ['paying'],
  paying: ['closed'],
  closed: [],
};

describe('award rounds', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let chair: TestAgent;
  let chairUser: TestUser;
  let member: TestAgent;
  let memberUser: TestUser;
  let third: TestAgent;
  let thirdUser: TestUser;
  let treasurer: TestAgent;
  let communeCommittee: TestAgent;
  let branchCommittee: TestAgent;
  let siblingCommittee: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    tree = await createFixtureTree(await t.rootAdmin());
    const committeeAt = async (unitId: string) => {
      const user = await t.createUser(unitId, [{ unitId, role: 'committee' }]);
      return [user, await t.as(user)] as const;
    };
    [chairUser, chair] = await committeeAt(tree.district);
    [memberUser, member] = await committeeAt(tree.district);
    [thirdUser, third] = await committeeAt(tree.district);
    treasurer = await t.as(await t.createUser(tree.district, [{ unitId: tree.district, role: 'treasurer' }]));
    communeCommittee = (await committeeAt(tree.commune))[1];
    branchCommittee = (await committeeAt(tree.branch))[1];
    siblingCommittee = (await committeeAt(tree.sibling))[1];
  });
  afterAll(async () => {
    const check = await verifyLedger(t.runtime.dataSource);
    await t.close();
    expect(check).toMatchObject({ ok: true, problem: null });
  });

  const money = (agent: TestAgent, url: string, body: object, key: string = randomUUID()) =>
    agent.post(url).set('Idempotency-Key', key).send(body);

  async function fundWith(amount: number, unitId = tree.district) {
    const fund = await treasurer
      .post('/api/v1/funds')
      .send({ unitId, name: 'Quỹ khuyến học huyện', kind: 'general' });
    expect(fund.status).toBe(201);
    if (amount) {
      const opening = await money(treasurer, `/api/v1/funds/${fund.body.id}/opening-balance`, {
        amount,
        asOf: '2025-12-31',
        reference: 'Sổ quỹ 2025',
      });
      expect(opening.status).toBe(201);
    }
    return fund.body.id as string;
  }

  const fund = async (id: string) => (await treasurer.get(`/api/v1/funds/${id}`)).body;

  const studentCategory = (over: object = {}) => ({
    name: 'Học sinh nghèo vượt khó',
    recipientType: 'student',
    amount: 1_000_000,
    quota: 10,
    rules: [
      { field: 'gradeAverage', op: 'gte', value: 7 },
      { field: 'householdStatus', op: 'in', value: ['poor', 'near_poor'] },
    ],
    ...over,
  });

  async function round(fundId: string, over: object = {}) {
    const res = await chair.post('/api/v1/award-rounds').send({
      unitId: tree.district,
      fundId,
      title: 'Học bổng Khuyến học năm học 2026-2027',
      period: '2026-2027',
      budget: 10_000_000,
      nominationOpensOn: '2026-11-01',
      nominationClosesOn: '2026-12-31',
      approvalsRequired: 2,
      committee: [
        { userId: chairUser.id, role: 'chair' },
        { userId: memberUser.id, role: 'member' },
        { userId: thirdUser.id, role: 'member' },
      ],
      categories: [studentCategory()],
      ...over,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; categories: { id: string }[] };
  }

  const go = async (roundId: string, to: string, expected = 201) => {
    const res = await money(chair, `/api/v1/award-rounds/${roundId}/transitions`, { to });
    expect([res.status, res.body.code]).toEqual([expected, res.body.code]);
    return res;
  };

  let seq = 0;
  const student = (categoryId: string, over: object = {}) => ({
    unitId: tree.commune,
    categoryId,
    fullName: `Nguyễn Văn ${['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Lan', 'Minh', 'Nga'][seq % 8]} ${++seq}`,
    birthDate: '2012-03-15',
    gender: 'male',
    school: 'Trường THCS Thử',
    className: '8A',
    guardianName: 'Nguyễn Văn Bố',
    householdStatus: 'poor',
    studyLevel: 'lower_secondary',
    gradeAverage: 8.5,
    consentGuardian: true,
    consentChild: true,
    ...over,
  });

  const nominate = (agent: TestAgent, roundId: string, body: object) =>
    agent.post(`/api/v1/award-rounds/${roundId}/nominations`).send(body);

  const vote = (agent: TestAgent, nominationId: string, body: object = { vote: 'approve', score: 8 }) =>
    agent.post(`/api/v1/nominations/${nominationId}/reviews`).send(body);

  it('runs a round end to end: reserve, nominate, review, decide, revoke, pay once, return, close and release', async () => {
    const fundId = await fundWith(100_000_000);
    const r = await round(fundId, {
      categories: [
        studentCategory({ subUnitQuota: 3 }),
        { name: 'Giáo viên dạy giỏi', recipientType: 'teacher', amount: 2_000_000, quota: 2, rules: [] },
      ],
    });
    const [students, teachers] = r.categories.map((c) => c.id);
    expect(await fund(fundId)).toMatchObject({ balance: 100_000_000, reserved: 0 });

    // Nothing can be nominated to a draft; opening reserves the budget.
    expect((await nominate(communeCommittee, r.id, student(students))).body.code).toBe('ROUND_STATE');
    await go(r.id, 'open');
    expect(await fund(fundId)).toMatchObject({
      balance: 100_000_000,
      reserved: 10_000_000,
      available: 90_000_000,
    });

    // Sub-units nominate; the rules are evaluated and explained.
    const an = await nominate(communeCommittee, r.id, student(students, { fullName: 'Trần Thị Ân' }));
    expect(an.status).toBe(201);
    expect(an.body).toMatchObject({ eligible: true, publishable: true, duplicateOf: null });
    const weak = await nominate(communeCommittee, r.id, student(students, { gradeAverage: 6.5 }));
    expect(weak.body.eligible).toBe(false);
    expect(weak.body.eligibility).toEqual([
      { rule: 'Điểm trung bình từ 7 trở lên', passed: false, reason: 'điểm trung bình 6,5, dưới 7' },
      { rule: 'Thuộc hộ nghèo, hộ cận nghèo', passed: true, reason: 'hộ nghèo' },
    ]);
    // The same child nominated by another commune too: flagged, pointing at the first.
    const again = await nominate(siblingCommittee, r.id, {
      ...student(students, { fullName: 'TRẦN THỊ ÂN', unitId: tree.sibling }),
    });
    expect(again.body.duplicateOf).toBe(an.body.id);
    // The commune's quota in this category is 3 for its whole subtree (Ân and the weak one so far).
    const unvoted = await nominate(communeCommittee, r.id, student(students));
    expect(unvoted.status).toBe(201);
    for (const unitId of [tree.commune, tree.branch]) {
      const over = await nominate(communeCommittee, r.id, student(students, { unitId }));
      expect([over.status, over.body.code, over.body.fields[0].field]).toEqual([
        422,
        'NOMINATION_QUOTA_EXCEEDED',
        'unitId',
      ]);
    }
    // A unit outside the round's subtree, and a minor without consent (kept off public lists).
    const farAway = await t.as(
      await t.createUser(tree.otherProvince, [{ unitId: tree.otherProvince, role: 'committee' }]),
    );
    const far = await nominate(farAway, r.id, student(students, { unitId: tree.otherProvince }));
    expect([far.status, far.body.code]).toEqual([404, 'ROUND_NOT_FOUND']);
    // A committee above the round may nominate, but only for units inside the round's subtree.
    const provinceCommittee = await t.as(
      await t.createUser(tree.province, [{ unitId: tree.province, role: 'committee' }]),
    );
    const outside = await nominate(provinceCommittee, r.id, student(students, { unitId: tree.province }));
    expect([outside.status, outside.body.fields[0].field]).toEqual([422, 'unitId']);
    const shy = await nominate(
      siblingCommittee,
      r.id,
      student(students, { unitId: tree.sibling, consentChild: false }),
    );
    expect([shy.status, shy.body.publishable]).toEqual([201, false]);
    const teacher = await nominate(communeCommittee, r.id, {
      ...student(teachers, { fullName: 'Phạm Thu Hương', birthDate: '1985-06-01' }),
      school: undefined,
      className: undefined,
      guardianName: undefined,
      workplace: 'Trường Tiểu học Thử',
    });
    expect(teacher.status).toBe(201);

    // The sibling commune sees its own nominations only; the committee sees all, ranked.
    const own = await siblingCommittee.get(`/api/v1/award-rounds/${r.id}/nominations`);
    expect(own.body.items.map((n: { id: string }) => n.id).sort()).toEqual(
      [again.body.id, shy.body.id].sort(),
    );

    // Votes only in review; a recused member's vote leaves the tally and the average.
    expect((await vote(chair, an.body.id)).body.code).toBe('ROUND_STATE');
    await go(r.id, 'review');
    expect((await nominate(communeCommittee, r.id, student(teachers))).body.code).toBe('ROUND_STATE');
    await vote(chair, an.body.id, { vote: 'approve', score: 9 });
    await vote(member, an.body.id, { vote: 'approve', score: 8 });
    await vote(third, an.body.id, { vote: 'approve', score: 2 });
    const recused = await member
      .post(`/api/v1/nominations/${an.body.id}/recusal`)
      .send({ reason: 'Là cháu ruột' });
    expect(recused.body.tally).toEqual({
      approvals: 2,
      rejections: 0,
      abstentions: 0,
      averageScore: 5.5,
      recusals: 1,
    });
    expect((await vote(member, an.body.id)).body.code).toBe('NOMINATION_RECUSED');
    const outsider = await t.as(
      await t.createUser(tree.district, [{ unitId: tree.district, role: 'committee' }]),
    );
    expect((await vote(outsider, an.body.id)).body.code).toBe('ROUND_NOT_COMMITTEE_MEMBER');
    await vote(member, shy.body.id);
    await vote(third, shy.body.id);
    for (const id of [weak.body.id, again.body.id, teacher.body.id]) {
      await vote(chair, id);
      await vote(member, id);
    }
    const ranked = await chair
      .get(`/api/v1/award-rounds/${r.id}/nominations`)
      .query({ categoryId: students });
    // Eligible first, then approvals, then the average score (Ân's 5.5 is below the others' 8).
    const ranks = new Map<string, number>(
      ranked.body.items.map((n: { id: string; rank: number }) => [n.id, n.rank]),
    );
    expect([ranks.get(an.body.id), ranks.get(unvoted.body.id), ranks.get(weak.body.id)]).toEqual([3, 4, 5]);

    // The decision: only the chair, never the ineligible, never one person twice, never short of votes.
    const decide = (agent: TestAgent, approved: string[]) =>
      money(agent, `/api/v1/award-rounds/${r.id}/decision`, { number: '25/QĐ-HKH', date: TODAY, approved });
    expect((await decide(member, [an.body.id])).body.code).toBe('ROUND_NOT_CHAIR');
    expect((await decide(chair, [an.body.id, weak.body.id])).body.code).toBe('AWARD_NOT_ELIGIBLE');
    expect((await decide(chair, [an.body.id, again.body.id])).body.code).toBe('AWARD_DUPLICATE_PERSON');
    expect((await decide(chair, [an.body.id, unvoted.body.id])).body.code).toBe('AWARD_APPROVALS_MISSING');
    const decided = await decide(chair, [an.body.id, shy.body.id, teacher.body.id]);
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({
      status: 'decided',
      allocated: 4_000_000,
      decision: { number: '25/QĐ-HKH', date: TODAY },
    });
    expect((await decide(chair, [an.body.id])).body.code).toBe('ROUND_STATE');

    const awards = (await chair.get(`/api/v1/award-rounds/${r.id}/awards`)).body.items as {
      id: string;
      nominationId: string;
    }[];
    const awardOf = (nominationId: string) => awards.find((a) => a.nominationId === nominationId)!.id;

    // Revoking gives the money back to the fund's available part at once; the chair does it.
    expect(
      (await money(member, `/api/v1/awards/${awardOf(shy.body.id)}/revocation`, { reason: 'x' })).body.code,
    ).toBe('ROUND_NOT_CHAIR');
    const revoked = await money(chair, `/api/v1/awards/${awardOf(shy.body.id)}/revocation`, {
      reason: 'Đã nhận học bổng khác',
    });
    expect(revoked.body.status).toBe('revoked');
    expect(await fund(fundId)).toMatchObject({ reserved: 9_000_000, available: 91_000_000 });

    // Paying: only in "paying", once, with what a cash ceremony must record.
    const pay = (key: string = randomUUID(), over: object = {}) =>
      money(
        treasurer,
        `/api/v1/awards/${awardOf(an.body.id)}/disbursements`,
        {
          method: 'cash',
          paidOn: TODAY,
          handedOverBy: 'Lê Văn Trao',
          signedBy: 'guardian',
          ...over,
        },
        key,
      );
    expect((await pay()).body.code).toBe('ROUND_STATE');
    await go(r.id, 'paying');
    const missing = await pay(randomUUID(), { handedOverBy: undefined, signedBy: undefined });
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['handedOverBy', 'signedBy']);
    const key = randomUUID();
    const paid = await pay(key);
    expect([paid.status, paid.body.status]).toEqual([201, 'paid']);
    const repeat = await pay(key);
    expect([repeat.status, repeat.body]).toEqual([200, paid.body]);
    expect((await pay()).body.code).toBe('AWARD_ALREADY_PAID');
    expect(await fund(fundId)).toMatchObject({ balance: 99_000_000, reserved: 8_000_000 });
    const [snapshot] = await t.runtime.dataSource.query(
      `SELECT p.certificate_snapshot AS s, d.status FROM award_payments p
         JOIN documents d ON d.kind = 'certificate' AND d.subject_id = p.award_id WHERE p.award_id = $1`,
      [awardOf(an.body.id)],
    );
    expect(snapshot.status).toBe('pending');
    expect(snapshot.s).toMatchObject({
      recipient: { fullName: 'Trần Thị Ân', publishName: true },
      amount: 1_000_000,
      decision: { number: '25/QĐ-HKH' },
      chair: { id: chairUser.id },
    });

    // A payment that comes back is reversed; the award can then be paid again (attempt 2).
    const back = await money(treasurer, `/api/v1/awards/${awardOf(an.body.id)}/return`, {
      reason: 'Sai số tài khoản',
    });
    expect(back.body.status).toBe('approved');
    expect(await fund(fundId)).toMatchObject({ balance: 100_000_000, reserved: 9_000_000 });
    expect(
      (await money(treasurer, `/api/v1/awards/${awardOf(an.body.id)}/return`, { reason: 'x' })).body.code,
    ).toBe('AWARD_NOT_PAID');
    expect(
      (await pay(randomUUID(), { method: 'bank_transfer', bankAccount: '0123456789', reference: 'FT26330' }))
        .status,
    ).toBe(201);

    // Closing with an award unpaid is refused; once paid, closing releases the rest.
    expect((await go(r.id, 'closed', 409)).body.code).toBe('ROUND_UNPAID_AWARDS');
    await money(treasurer, `/api/v1/awards/${awardOf(teacher.body.id)}/disbursements`, {
      method: 'bank_transfer',
      paidOn: TODAY,
      bankAccount: '9876543210',
      reference: 'FT26331',
    });
    const closed = await go(r.id, 'closed');
    expect(closed.body).toMatchObject({ status: 'closed', paid: 3_000_000, reserved: 0 });
    expect(await fund(fundId)).toMatchObject({ balance: 97_000_000, reserved: 0, available: 97_000_000 });
    // A closed round holds no money: a payment cannot come back into it.
    const late = await money(treasurer, `/api/v1/awards/${awardOf(an.body.id)}/return`, {
      reason: 'Trả lại',
    });
    expect([late.status, late.body.code]).toEqual([409, 'ROUND_STATE']);
    expect(await fund(fundId)).toMatchObject({ balance: 97_000_000, reserved: 0 });
  });

  it('finds the same person through chains of flags and never awards them twice; marks are numbers', async () => {
    const fundId = await fundWith(10_000_000);
    const r = await round(fundId, { approvalsRequired: 1 });
    const category = r.categories[0].id;
    await go(r.id, 'open');
    const person = { fullName: 'Đỗ Minh Khôi', birthDate: '2013-05-05' };
    const a = await nominate(communeCommittee, r.id, student(category, person));
    const b = await nominate(
      communeCommittee,
      r.id,
      student(category, { ...person, nationalId: '012345678901' }),
    );
    const c = await nominate(
      siblingCommittee,
      r.id,
      student(category, {
        ...person,
        unitId: tree.sibling,
        school: 'Trường khác',
        nationalId: '012345678901',
      }),
    );
    expect([b.body.duplicateOf, c.body.duplicateOf]).toEqual([a.body.id, a.body.id]);
    for (const [value, name] of [
      [1e-7, 'gradeAverage'],
      ['8.5', 'gradeAverage'],
      [8.125, 'gradeAverage'],
      [11, 'gradeAverage'],
    ] as const) {
      const bad = await nominate(communeCommittee, r.id, student(category, { [name]: value }));
      expect([String(value), bad.status, bad.body.fields[0].field]).toEqual([String(value), 400, name]);
    }
    const strangers = await t.as(
      await t.createUser(tree.district, [{ unitId: tree.district, role: 'committee' }]),
    );
    expect(
      (await money(strangers, `/api/v1/award-rounds/${r.id}/transitions`, { to: 'review' })).body.code,
    ).toBe('ROUND_NOT_COMMITTEE_MEMBER');
    await go(r.id, 'review');
    for (const n of [a, b, c]) await vote(chair, n.body.id);
    expect((await vote(chair, a.body.id, { vote: 'approve', score: 1e-7 })).status).toBe(400);
    const twice = await money(chair, `/api/v1/award-rounds/${r.id}/decision`, {
      number: '3/QĐ',
      date: TODAY,
      approved: [b.body.id, c.body.id],
    });
    expect([twice.status, twice.body.code]).toEqual([422, 'AWARD_DUPLICATE_PERSON']);
  });

  it('refuses every transition the state machine does not allow, and moves no money doing so', async () => {
    const fundId = await fundWith(20_000_000);
    const r = await round(fundId, { approvalsRequired: 1 });
    const tryAll = async (status: string) => {
      for (const to of STATUSES) {
        if (ALLOWED[status].includes(to)) continue;
        const res = await money(chair, `/api/v1/award-rounds/${r.id}/transitions`, { to });
        expect([status, to, res.status, res.body.code]).toEqual([
          status,
          to,
          409,
          'ROUND_TRANSITION_INVALID',
        ]);
      }
      expect((await chair.get(`/api/v1/award-rounds/${r.id}`)).body.status).toBe(status);
    };
    await tryAll('draft');
    await go(r.id, 'open');
    await tryAll('open');
    const n = await nominate(communeCommittee, r.id, student(r.categories[0].id));
    await go(r.id, 'review');
    await tryAll('review');
    await vote(chair, n.body.id);
    await money(chair, `/api/v1/award-rounds/${r.id}/decision`, {
      number: '1/QĐ',
      date: TODAY,
      approved: [n.body.id],
    });
    await tryAll('decided');
    await go(r.id, 'paying');
    await tryAll('paying');
    await money(
      chair,
      `/api/v1/awards/${(await chair.get(`/api/v1/award-rounds/${r.id}/awards`)).body.items[0].id}/revocation`,
      {
        reason: 'Chuyển trường',
      },
    );
    await go(r.id, 'closed');
    await tryAll('closed');
    expect(await fund(fundId)).toMatchObject({ balance: 20_000_000, reserved: 0 });
  });

  it('cannot open a round the fund cannot cover, nor transfer away money a round holds', async () => {
    const fundId = await fundWith(12_000_000);
    const other = await fundWith(0);
    const big = await round(fundId, { budget: 13_000_000 });
    const refused = await money(chair, `/api/v1/award-rounds/${big.id}/transitions`, { to: 'open' });
    expect([refused.status, refused.body.code]).toEqual([422, 'FUND_INSUFFICIENT']);
    expect((await chair.get(`/api/v1/award-rounds/${big.id}`)).body.status).toBe('draft');
    const r = await round(fundId, { budget: 10_000_000 });
    await go(r.id, 'open');
    const transfer = (amount: number) =>
      money(treasurer, '/api/v1/transfers', {
        fromFundId: fundId,
        toFundId: other,
        amount,
        occurredOn: TODAY,
      });
    expect((await transfer(2_000_001)).body.code).toBe('FUND_INSUFFICIENT');
    expect((await transfer(2_000_000)).status).toBe(201);
    expect(await fund(fundId)).toMatchObject({ balance: 10_000_000, reserved: 10_000_000, available: 0 });
  });

  it('50 concurrent decisions on a round whose budget fits 10 awards: one decides, none overspends', async () => {
    const fundId = await fundWith(50_000_000);
    const r = await round(fundId, {
      budget: 10_000_000,
      approvalsRequired: 1,
      categories: [studentCategory({ quota: 50 })],
    });
    await go(r.id, 'open');
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push((await nominate(communeCommittee, r.id, student(r.categories[0].id))).body.id);
    await go(r.id, 'review');
    for (const id of ids) await vote(chair, id);
    const attempts = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        // Some pick 10 (fits), some 11 (over budget), all different.
        const size = i % 3 === 0 ? 11 : 10;
        const start = i % (ids.length - size);
        return money(chair, `/api/v1/award-rounds/${r.id}/decision`, {
          number: `${i}/QĐ`,
          date: TODAY,
          approved: ids.slice(start, start + size),
        });
      }),
    );
    const statuses = attempts.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    // 409: decided already; 422: over budget; 503 BUSY: waited over 5 s for the round's lock.
    expect(statuses.filter((s) => ![201, 409, 422, 503].includes(s))).toEqual([]);
    const view = (await chair.get(`/api/v1/award-rounds/${r.id}`)).body;
    expect(view.allocated).toBeLessThanOrEqual(10_000_000);
    expect(view.awards).toBe(10);
  });

  it('20 concurrent payments of one award: paid once', async () => {
    const fundId = await fundWith(5_000_000);
    const r = await round(fundId, { budget: 1_000_000, approvalsRequired: 1 });
    await go(r.id, 'open');
    const n = await nominate(communeCommittee, r.id, student(r.categories[0].id));
    await go(r.id, 'review');
    await vote(chair, n.body.id);
    await money(chair, `/api/v1/award-rounds/${r.id}/decision`, {
      number: '9/QĐ',
      date: TODAY,
      approved: [n.body.id],
    });
    await go(r.id, 'paying');
    const awardId = (await chair.get(`/api/v1/award-rounds/${r.id}/awards`)).body.items[0].id;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        money(treasurer, `/api/v1/awards/${awardId}/disbursements`, {
          method: 'bank_transfer',
          paidOn: TODAY,
          bankAccount: '0123456789',
          reference: 'FT1',
        }),
      ),
    );
    expect(results.filter((x) => x.status === 201)).toHaveLength(1);
    expect(results.filter((x) => x.status === 409).every((x) => x.body.code === 'AWARD_ALREADY_PAID')).toBe(
      true,
    );
    expect(await fund(fundId)).toMatchObject({ balance: 4_000_000, reserved: 0 });
    const [{ n: payments }] = await t.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM award_payments WHERE award_id = $1`,
      [awardId],
    );
    expect(payments).toBe(1);
  });

  it('pays from the signed payment list in one go, all rows or none', async () => {
    const fundId = await fundWith(10_000_000);
    const r = await round(fundId, { budget: 5_000_000, approvalsRequired: 1 });
    await go(r.id, 'open');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await nominate(communeCommittee, r.id, student(r.categories[0].id))).body.id);
    await go(r.id, 'review');
    for (const id of ids) await vote(chair, id);
    await money(chair, `/api/v1/award-rounds/${r.id}/decision`, {
      number: '7/QĐ',
      date: TODAY,
      approved: ids,
    });
    await go(r.id, 'paying');
    const awards = (await chair.get(`/api/v1/award-rounds/${r.id}/awards`)).body.items as { id: string }[];
    await money(chair, `/api/v1/awards/${awards[3].id}/revocation`, { reason: 'Chuyển đi nơi khác' });

    // The list: one row per award still standing, with the columns a ceremony needs.
    const listed = await treasurer
      .get(`/api/v1/award-rounds/${r.id}/payment-list`)
      .buffer(true)
      .parse(rawBody);
    expect(listed.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(listed.body);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(4); // the heading and three awards
    // The same list to print: a PDF, the same bytes each time (dated by the decision).
    const pdf = async () =>
      (
        await treasurer
          .get(`/api/v1/award-rounds/${r.id}/payment-list`)
          .query({ format: 'pdf' })
          .buffer(true)
          .parse(rawBody)
      ).body as Buffer;
    const printed = await pdf();
    expect(printed.subarray(0, 5).toString()).toBe('%PDF-');
    expect(printed.equals(await pdf())).toBe(true);
    if (process.env.SAVE_PDF) (await import('node:fs')).writeFileSync(process.env.SAVE_PDF, printed);
    // Every category printed whole (it was cut to "Học sinh nghèo vượt…"); the title not followed
    // by a period it already names.
    const printedText = await pdfFlatText(printed);
    expect(printedText.match(/Học sinh nghèo vượt khó/g)).toHaveLength(3);
    expect(printedText).not.toContain('…');
    expect(printedText).toContain('DANH SÁCH KÝ NHẬN Học bổng Khuyến học năm học 2026-2027 Kèm theo');
    const sign = async (rows: [number, string, string][]) => {
      for (const [row, mark, signer] of rows) {
        sheet.getRow(row).getCell(10).value = mark;
        sheet.getRow(row).getCell(11).value = signer;
      }
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const upload = (file: Buffer, key: string = randomUUID()) =>
      treasurer
        .post(`/api/v1/award-rounds/${r.id}/payment-list`)
        .set('Idempotency-Key', key)
        .field('paidOn', TODAY)
        .field('handedOverBy', 'Lê Văn Trao')
        .attach('file', file, 'ky-nhan.xlsx');

    // Not a spreadsheet (a scan of the signed list, the old .xls): named, nothing paid.
    for (const [scan, label] of [
      [Buffer.from('%PDF-1.7\n1 0 obj'), 'PDF'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'tệp Office đời cũ'],
    ] as const) {
      const refused = await upload(scan);
      expect([refused.status, refused.body.code, refused.body.fields]).toEqual([
        400,
        'IMPORT_FILE_INVALID',
        [
          {
            field: 'file',
            message: expect.stringMatching(
              new RegExp(`^tệp nhận được là ${label}.*; chỉ nhận bảng tính \\.xlsx hoặc \\.csv \\(UTF-8\\)`),
            ),
          },
        ],
      ]);
    }

    // A row without who signed: nothing is paid.
    const incomplete = await upload(
      await sign([
        [2, 'x', 'Người nhận'],
        [3, 'x', ''],
      ]),
    );
    expect([incomplete.status, incomplete.body.code]).toEqual([422, 'AWARD_PAYMENT_LIST_INVALID']);
    expect(incomplete.body.fields[0].message).toMatch(/^dòng 3:/);
    expect(await fund(fundId)).toMatchObject({ balance: 10_000_000, reserved: 4_000_000 });

    const file = await sign([
      [2, 'x', 'Người nhận'],
      [3, 'X', 'người giám hộ'],
    ]);
    const key = randomUUID();
    const paid = await upload(file, key);
    expect([paid.status, paid.body]).toEqual([201, { paid: 2, total: 2_000_000 }]);
    expect((await upload(file, key)).status).toBe(200);
    expect(await fund(fundId)).toMatchObject({ balance: 8_000_000, reserved: 2_000_000 });
    // The same list again under a new key: those two are paid already, so nothing is.
    const twice = await upload(file);
    expect([twice.status, twice.body.fields[0].message]).toEqual([
      422,
      expect.stringContaining('đã được chi trả'),
    ]);
    const statuses = (await chair.get(`/api/v1/award-rounds/${r.id}/awards`)).body.items.map(
      (a: { status: string }) => a.status,
    );
    expect(statuses.sort()).toEqual(['approved', 'paid', 'paid', 'revoked']);
    const [{ n }] = await t.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM documents WHERE kind = 'certificate' AND subject_id = ANY($1::uuid[])`,
      [awards.map((a) => a.id)],
    );
    expect(n).toBe(2);
  });

  it('imports nominations from the template: a report first, then all rows or none', async () => {
    const fundId = await fundWith(5_000_000);
    const r = await round(fundId, { budget: 5_000_000 });
    await go(r.id, 'open');
    const template = await communeCommittee
      .get(`/api/v1/award-rounds/${r.id}/nomination-template`)
      .buffer(true)
      .parse(rawBody);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.body);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Hạng mục']);
    const row = (name: string, birth: string, category = 'Học sinh nghèo vượt khó') => [
      name,
      birth,
      'Nữ',
      category,
      'Trường THCS Thử',
      '7B',
      '',
      'Vũ Văn Cha',
      'Cận nghèo',
      'Trung học cơ sở',
      '8,25',
      'Cấp huyện',
      '',
      'Chăm ngoan',
      'Có',
      'Có',
    ];
    const file = async (rows: unknown[][]) => {
      const out = new ExcelJS.Workbook();
      const s = out.addWorksheet('Đề cử');
      s.addRow(header);
      for (const r2 of rows) s.addRow(r2);
      return Buffer.from(await out.xlsx.writeBuffer());
    };
    const upload = (buffer: Buffer, commit: boolean) =>
      communeCommittee
        .post(`/api/v1/award-rounds/${r.id}/nomination-imports`)
        .field('unitId', tree.commune)
        .field('commit', String(commit))
        .attach('file', buffer, 'de-cu.xlsx');
    const count = async () =>
      (await chair.get(`/api/v1/award-rounds/${r.id}/nominations`)).body.total as number;

    // A photo of the paper list is named as what it is, not read as a CSV.
    const photo = await upload(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), true);
    expect([photo.status, photo.body.fields]).toEqual([
      400,
      [{ field: 'file', message: 'tệp nhận được là ảnh JPEG; chỉ nhận bảng tính .xlsx hoặc .csv (UTF-8)' }],
    ]);

    const bad = await upload(
      await file([row('Vũ Thị Mai', '01/02/2012'), row('Vũ Thị Lan', '31/02/2012', 'Không có')]),
      true,
    );
    expect(bad.status).toBe(201);
    expect(bad.body).toMatchObject({ rows: 2, committed: false, nominationIds: [] });
    expect(bad.body.problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [3, 'Ngày sinh'],
      [3, 'Hạng mục'],
    ]);
    expect(await count()).toBe(0);

    const good = await file([row('Vũ Thị Mai', '01/02/2012'), row('Vũ Thị Lan', '2012-02-28')]);
    const checked = await upload(good, false);
    expect(checked.body).toMatchObject({ rows: 2, problems: [], committed: false });
    expect(await count()).toBe(0);
    const done = await upload(good, true);
    expect(done.body).toMatchObject({ rows: 2, problems: [], committed: true });
    expect(done.body.nominationIds).toHaveLength(2);
    const list = (await chair.get(`/api/v1/award-rounds/${r.id}/nominations`)).body.items;
    expect(
      list.map((n: { gradeAverage: number; householdStatus: string }) => [n.gradeAverage, n.householdStatus]),
    ).toEqual([
      [8.25, 'near_poor'],
      [8.25, 'near_poor'],
    ]);
    // The same file again: those people are nominated already, so nothing is added.
    const again = await upload(good, true);
    expect([again.body.committed, again.body.problems.length]).toEqual([false, 2]);
    expect(await count()).toBe(2);
  });

  it("makes a round's certificates as one ZIP, with progress; each certificate once, the same file as the award's own", async () => {
    const fundId = await fundWith(10_000_000);
    const r = await round(fundId, { budget: 5_000_000, approvalsRequired: 1 });
    await go(r.id, 'open');
    const nominations = [];
    for (let i = 0; i < 5; i++)
      nominations.push(
        (await nominate(communeCommittee, r.id, student(r.categories[0].id))).body.id as string,
      );
    await go(r.id, 'review');
    for (const id of nominations) await vote(chair, id);
    await money(chair, `/api/v1/award-rounds/${r.id}/decision`, {
      number: '30/QĐ-HKH',
      date: TODAY,
      approved: nominations,
    });
    await go(r.id, 'paying');
    const start = () => chair.post(`/api/v1/award-rounds/${r.id}/certificates`);
    expect([(await start()).status, (await start()).body.code]).toEqual([409, 'ROUND_NOTHING_TO_CERTIFY']);

    const awards = (await chair.get(`/api/v1/award-rounds/${r.id}/awards`)).body.items as { id: string }[];
    // Four of five paid; one of them already has its certificate (asked for on its own).
    for (const a of awards.slice(0, 4))
      expect(
        (
          await money(treasurer, `/api/v1/awards/${a.id}/disbursements`, {
            method: 'cash',
            paidOn: TODAY,
            handedOverBy: 'Lê Văn Trao',
            signedBy: 'guardian',
          })
        ).status,
      ).toBe(201);
    const single = await t.app.get(CertificateJob).render(awards[0].id);
    await t.app.get(DocumentsService).store('certificate', awards[0].id, single!);

    const started = await start();
    expect(started.status).toBe(202);
    expect(started.headers.location).toBe(`/api/v1/jobs/${started.body.id}`);
    expect(started.body).toMatchObject({ kind: 'certificates', result: null });
    const job = await waitFor(async () => {
      const res = await chair.get(`/api/v1/jobs/${started.body.id}`);
      return res.body.status === 'done' && res.body;
    });
    expect(job).toMatchObject({ total: 4, done: 4, failed: 0, percent: 100, etaSeconds: 0, error: null });
    expect(job.result).toMatchObject({
      url: `/api/v1/jobs/${job.id}/result`,
      name: 'giay-chung-nhan-hoc-bong-khuyen-hoc-nam-hoc-2026-2027.zip',
    });
    const zipped = await chair.get(job.result.url).buffer(true).parse(rawBody);
    expect([zipped.status, zipped.headers['content-type']]).toEqual([200, 'application/zip']);
    expect(
      createHash('sha256')
        .update(zipped.body as Buffer)
        .digest('hex'),
    ).toBe(job.result.sha256);
    const zip = await JSZip.loadAsync(zipped.body as Buffer);
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(4);
    expect(names.every((n, i) => n.startsWith(`000${i + 1}-nguyen-van-`) && n.endsWith('.pdf'))).toBe(true);
    // Each file is the award's own certificate, made once: the download gives the same bytes.
    const inZip = await Promise.all(names.map((n) => zip.file(n)!.async('nodebuffer')));
    for (const a of awards.slice(0, 4)) {
      const own = await t.app.get(DocumentsService).read('certificate', a.id);
      expect(inZip.some((b) => b.equals(own!))).toBe(true);
    }
    expect(inZip.some((b) => b.equals(single!))).toBe(true);
    const [{ n }] = await t.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM documents WHERE kind = 'certificate' AND status = 'ready' AND subject_id = ANY($1::uuid[])`,
      [awards.map((a) => a.id)],
    );
    expect(n).toBe(4);
    // Outside the round's unit the job does not exist.
    expect((await siblingCommittee.get(`/api/v1/jobs/${job.id}`)).status).toBe(404);
  });

  it('makes the certificate of a paid award after the commit; a returned payment has none until paid again', async () => {
    const fundId = await fundWith(5_000_000);
    const r2 = await round(fundId, { budget: 1_000_000, approvalsRequired: 1 });
    await go(r2.id, 'open');
    const n = await nominate(
      communeCommittee,
      r2.id,
      student(r2.categories[0].id, { fullName: 'Lê Minh Châu' }),
    );
    await go(r2.id, 'review');
    await vote(chair, n.body.id);
    await money(chair, `/api/v1/award-rounds/${r2.id}/decision`, {
      number: '12/QĐ-HKH',
      date: TODAY,
      approved: [n.body.id],
    });
    await go(r2.id, 'paying');
    const awardId = (await chair.get(`/api/v1/award-rounds/${r2.id}/awards`)).body.items[0].id as string;

    // An app of its own that renders documents (the shared one leaves them pending).
    const app = await startTestApp({ queue: 'in-process', env: { RENDER_DOCUMENTS: 'true' } });
    try {
      const cashier = await app.as(
        await app.createUser(tree.district, [{ unitId: tree.district, role: 'treasurer' }]),
      );
      const pay = () =>
        cashier.post(`/api/v1/awards/${awardId}/disbursements`).set('Idempotency-Key', randomUUID()).send({
          method: 'cash',
          paidOn: TODAY,
          handedOverBy: 'Lê Văn Trao',
          signedBy: 'guardian',
        });
      const download = () => cashier.get(`/api/v1/awards/${awardId}/certificate`).buffer(true).parse(rawBody);
      const ready = async () => {
        for (let i = 0; i < 100; i++) {
          const res = await download();
          if (res.status === 200) return res.body as Buffer;
          expect([res.status, res.headers['retry-after']]).toEqual([202, '2']);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error('the certificate was never made');
      };
      expect((await download()).status).toBe(409); // not paid yet
      expect((await pay()).status).toBe(201);
      const first = await ready();
      expect(first.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await app.app.get(CertificateJob).render(awardId))!.equals(first)).toBe(true);
      if (process.env.SAVE_PDF) writeFileSync(process.env.SAVE_PDF, first);
      // Under the district's association the province's; the pupil by level and class, then the school.
      const names = await t.runtime.dataSource.query(`SELECT id, name FROM units WHERE id = ANY($1)`, [
        [tree.province, tree.district],
      ]);
      const name = (id: string) => names.find((u: { id: string }) => u.id === id).name as string;
      const printed = await pdfFlatText(first);
      expect(printed).toContain(
        `HỘI KHUYẾN HỌC ${name(tree.province).toUpperCase()} HỘI KHUYẾN HỌC ${name(tree.district).toUpperCase()}`,
      );
      expect(printed).toContain('Lê Minh Châu Học sinh lớp 8A, Trường THCS Thử');
      expect(printed).not.toContain('sinh viên');
      // The title names its school year already: printed once.
      expect(printed).toContain('của Học bổng Khuyến học năm học 2026-2027, số tiền');
      // A reprint is marked "BẢN SAO"; the issued file stays as it was.
      const copy = await cashier.get(`/api/v1/awards/${awardId}/certificate?copy=true`).buffer(true);
      expect([copy.status, copy.headers['content-disposition']]).toEqual([
        200,
        'inline; filename="giay-chung-nhan-le-minh-chau-ban-sao.pdf"',
      ]);
      expect((await ready()).equals(first)).toBe(true);

      // Its QR code's page: genuine and valid; after the money came back, void.
      const codeOf = async () =>
        (
          await t.runtime.dataSource.query(
            `SELECT certificate_code AS code FROM award_payments WHERE award_id = $1 ORDER BY attempt DESC`,
            [awardId],
          )
        )[0].code as string;
      const firstCode = await codeOf();
      const check = (code: string) => app.http.get(`/verify/${code}`).set('Accept', 'application/json');
      const sha256 = createHash('sha256').update(first).digest('hex');
      expect((await check(firstCode)).body).toMatchObject({
        status: 'valid',
        kind: 'certificate',
        amount: 1_000_000,
        number: 'Quyết định số 12/QĐ-HKH',
        sha256,
      });

      const back = await cashier
        .post(`/api/v1/awards/${awardId}/return`)
        .set('Idempotency-Key', randomUUID())
        .send({ reason: 'Sai người nhận' });
      expect(back.status).toBe(201);
      const unpaid = await download();
      expect([unpaid.status, JSON.parse((unpaid.body as Buffer).toString()).code]).toEqual([
        409,
        'AWARD_NOT_PAID',
      ]);
      expect((await check(firstCode)).body).toMatchObject({ valid: false, status: 'void', sha256: null });
      expect((await pay()).status).toBe(201);
      // The new payment has its own verification code: another certificate.
      expect((await ready()).equals(first)).toBe(false);
      expect(await codeOf()).not.toBe(firstCode);
      expect((await check(await codeOf())).body.status).toBe('valid');
    } finally {
      await app.close();
    }
  });

  it('refuses bad rounds, naming the field, and writes nothing', async () => {
    const fundId = await fundWith(1_000_000);
    const base = {
      unitId: tree.district,
      fundId,
      title: 'Đợt thử',
      period: '2026',
      budget: 1_000_000,
      nominationOpensOn: '2026-11-01',
      nominationClosesOn: '2026-12-31',
      approvalsRequired: 1,
      committee: [{ userId: chairUser.id, role: 'chair' }],
      categories: [studentCategory()],
    };
    const cases: [object, number, string][] = [
      [{ budget: 0 }, 400, 'budget'],
      [{ budget: '1000000' }, 400, 'budget'],
      [{ period: '26' }, 400, 'period'],
      [{ nominationClosesOn: '2026-10-01' }, 422, 'nominationClosesOn'],
      [{ committee: [{ userId: chairUser.id, role: 'member' }] }, 422, 'committee'],
      [
        { committee: [{ userId: (await t.createUser(tree.district, [])).id, role: 'chair' }] },
        422,
        'committee.0.userId',
      ],
      [{ approvalsRequired: 2 }, 422, 'approvalsRequired'],
      [
        { categories: [studentCategory({ rules: [{ field: 'gradeAverage', op: 'gte', value: 11 }] })] },
        400,
        'categories.0.rules.0',
      ],
      [{ categories: [studentCategory({ amount: 2_000_000 })] }, 422, 'budget'],
      [{ fundId: await fundWith(0, tree.commune) }, 422, 'fundId'],
      [{ extra: 1 }, 400, 'extra'],
    ];
    const before = (await chair.get('/api/v1/award-rounds').query({ unitId: tree.district })).body.total;
    for (const [over, status, name] of cases) {
      const res = await chair.post('/api/v1/award-rounds').send({ ...base, ...over });
      expect([JSON.stringify(over), res.status, res.body.fields?.[0]?.field]).toEqual([
        JSON.stringify(over),
        status,
        name,
      ]);
    }
    expect((await chair.get('/api/v1/award-rounds').query({ unitId: tree.district })).body.total).toBe(
      before,
    );
  });

  it('lets sub-units find the rounds above them that they can nominate into', async () => {
    const fundId = await fundWith(2_000_000);
    const r = await round(fundId, { budget: 1_000_000 });
    const list = await branchCommittee.get('/api/v1/award-rounds');
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect((await branchCommittee.get(`/api/v1/award-rounds/${r.id}`)).status).toBe(200);
    expect((await siblingCommittee.get(`/api/v1/award-rounds/${r.id}`)).status).toBe(200);
    const otherProvince = await t.as(
      await t.createUser(tree.otherProvince, [{ unitId: tree.otherProvince, role: 'committee' }]),
    );
    expect((await otherProvince.get(`/api/v1/award-rounds/${r.id}`)).status).toBe(404);
    expect(
      (await otherProvince.get('/api/v1/award-rounds')).body.items.map((x: { id: string }) => x.id),
    ).not.toContain(r.id);
  });
});
