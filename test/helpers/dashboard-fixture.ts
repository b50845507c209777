import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { createFixtureTree, FixtureTree } from './fixture-tree.js';
import type { TestApp } from './test-app.js';

/** A unit name that must come out of every page escaped. */
export const TRICKY_NAME = 'Xã <b>Thử</b> & "Nháy"';

export interface DashboardFixture {
  tree: FixtureTree;
  /** A commune beside C and S whose name carries HTML. */
  tricky: string;
}

/**
 * The fixture tree with populations, gifts in 2025 and 2026, and one award of 500,000 đ paid
 * out of the province's fund in 2026:
 *   province P: 1,000 people (2026), 900 (2025); gifts 2026: 10 M at P, 20 M at C, 5 M at B, 7 M at S
 *   district D: 800 (2026), 700 (2025); gift 2025: 9 M
 *   commune C: 300 (2025 only: estimated in 2026); S: no population; the tricky commune: 200 (2026)
 * so P raised 42 M in 2026 (42,000 đ/person), 9 M in 2025 (10,000 đ/person).
 */
export async function createDashboardFixture(t: TestApp, admin: TestAgent): Promise<DashboardFixture> {
  const tree = await createFixtureTree(admin);
  const tricky = await admin.post('/api/v1/units').send({
    code: `T${randomUUID().slice(0, 8)}`,
    name: TRICKY_NAME,
    kind: 'commune',
    type: 'Xã',
    parentId: tree.district,
  });
  if (tricky.status !== 201) throw new Error(`tricky unit: ${tricky.status} ${JSON.stringify(tricky.body)}`);
  const treasurerUser = await t.createUser(tree.province, [{ unitId: tree.province, role: 'treasurer' }]);
  const committeeUser = await t.createUser(tree.province, [{ unitId: tree.province, role: 'committee' }]);
  const treasurer = await t.as(treasurerUser);
  const committee = await t.as(committeeUser);
  const funds: Record<string, string> = {};
  for (const unit of ['province', 'district', 'commune', 'sibling', 'branch'] as const) {
    const res = await treasurer
      .post('/api/v1/funds')
      .send({ unitId: tree[unit], name: 'Quỹ khuyến học', kind: 'general' });
    funds[unit] = res.body.id;
  }
  const population = async (unit: string, year: number, value: number) => {
    const res = await admin
      .put(`/api/v1/units/${unit}/population/${year}`)
      .send({ population: value, source: 'Cục Thống kê (thử)' });
    if (res.status >= 300) throw new Error(`population: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await population(tree.province, 2026, 1_000);
  await population(tree.province, 2025, 900);
  await population(tree.district, 2026, 800);
  await population(tree.district, 2025, 700);
  await population(tree.commune, 2025, 300);
  await population(tricky.body.id, 2026, 200);
  const donate = async (unit: string, amount: number, receivedOn: string) => {
    const res = await treasurer
      .post('/api/v1/donations')
      .set('Idempotency-Key', randomUUID())
      .send({
        fundId: funds[unit],
        amount,
        method: 'cash',
        receivedOn,
        donor: { kind: 'person', name: 'Nguyễn Văn Hảo' },
      });
    if (res.status !== 201) throw new Error(`donation: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await donate('province', 10_000_000, '2026-03-01');
  await donate('commune', 20_000_000, '2026-04-01');
  await donate('branch', 5_000_000, '2026-05-01');
  await donate('sibling', 7_000_000, '2026-06-01');
  await donate('district', 9_000_000, '2025-12-31');

  // One award paid out of the province's fund: a round, a nomination, the decision, the payment.
  const must = async (res: Promise<{ status: number; body: unknown }>, what: string) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const money = (url: string, body: object) =>
    must(committee.post(url).set('Idempotency-Key', randomUUID()).send(body), url);
  const round = await committee.post('/api/v1/award-rounds').send({
    unitId: tree.province,
    fundId: funds.province,
    title: 'Học bổng thử',
    period: '2026',
    budget: 500_000,
    nominationOpensOn: '2026-01-01',
    nominationClosesOn: '2200-12-31',
    approvalsRequired: 1,
    committee: [{ userId: committeeUser.id, role: 'chair' }],
    categories: [{ name: 'Học sinh giỏi', recipientType: 'student', amount: 500_000, quota: 1 }],
  });
  if (round.status !== 201) throw new Error(`round: ${round.status} ${JSON.stringify(round.body)}`);
  await money(`/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'open' });
  const nomination = (await must(
    committee.post(`/api/v1/award-rounds/${round.body.id}/nominations`).send({
      unitId: tree.province,
      categoryId: round.body.categories[0].id,
      fullName: 'Lê Thị Hoa',
      birthDate: '2000-01-01',
      gender: 'female',
      school: 'Trường Thử',
      consentGuardian: false,
      consentChild: false,
    }),
    'nomination',
  )) as { body: { id: string } };
  await money(`/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'review' });
  await must(
    committee.post(`/api/v1/nominations/${nomination.body.id}/reviews`).send({ vote: 'approve' }),
    'review',
  );
  await money(`/api/v1/award-rounds/${round.body.id}/decision`, {
    number: '1/QĐ',
    date: '2026-03-02',
    approved: [nomination.body.id],
  });
  await money(`/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'paying' });
  const awards = await committee.get(`/api/v1/award-rounds/${round.body.id}/awards`);
  const paid = await treasurer
    .post(`/api/v1/awards/${awards.body.items[0].id}/disbursements`)
    .set('Idempotency-Key', randomUUID())
    .send({ method: 'bank_transfer', paidOn: '2026-03-03', bankAccount: '0123456789', reference: 'FT1' });
  if (paid.status !== 201) throw new Error(`disbursement: ${paid.status} ${JSON.stringify(paid.body)}`);
  return { tree, tricky: tricky.body.id };
}
