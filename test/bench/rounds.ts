// The award round the awards and documents benches share: a chair at the root, a round of N
// nominations seeded in SQL (each approved), and the signature list marked as received.
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { todayInVietnam } from '../../src/common/dates.js';
import { BENCH_ADMIN_PASSWORD, client } from './server.js';

const TODAY = todayInVietnam();
const CHAIR_PASSWORD = 'Hội đồng xét duyệt 2026';

/** A committee member at the root, to chair rounds alone (one approval needed). */
export async function chairAtRoot(url: string) {
  const anon = client(url);
  const admin = client(
    url,
    (await anon('POST', '/api/v1/auth/login', { username: 'admin', password: BENCH_ADMIN_PASSWORD }))
      .accessToken,
  );
  const root = (await admin('GET', '/api/v1/units?kind=national')).items[0].id;
  const user = await admin('POST', '/api/v1/users', {
    username: `chutich${Date.now()}`,
    displayName: 'Chủ tịch hội đồng',
    password: CHAIR_PASSWORD,
    unitId: root,
  });
  await admin('POST', `/api/v1/users/${user.id}/roles`, { unitId: root, role: 'committee' });
  const token = (
    await anon('POST', '/api/v1/auth/login', { username: user.username, password: CHAIR_PASSWORD })
  ).accessToken as string;
  return { userId: user.id as string, token, call: client(url, token) };
}

/** A round in review with `count` eligible nominations, each approved by the chair (seeded in SQL). */
export async function roundInReview(
  chair: Awaited<ReturnType<typeof chairAtRoot>>,
  pool: pg.Pool,
  fund: { fundId: string; unitId: string },
  count: number,
  amount: number,
): Promise<{ id: string; nominationIds: string[] }> {
  const money = (path: string, body: unknown) =>
    chair.call('POST', path, body, { 'Idempotency-Key': crypto.randomUUID() });
  const round = await chair.call('POST', '/api/v1/award-rounds', {
    unitId: fund.unitId,
    fundId: fund.fundId,
    title: 'Học bổng đo hiệu năng',
    period: '2026-2027',
    budget: count * amount,
    nominationOpensOn: '2026-01-01',
    nominationClosesOn: TODAY,
    approvalsRequired: 1,
    committee: [{ userId: chair.userId, role: 'chair' }],
    categories: [{ name: 'Học sinh giỏi', recipientType: 'student', amount, quota: count }],
  });
  await money(`/api/v1/award-rounds/${round.id}/transitions`, { to: 'open' });
  const { rows } = await pool.query(
    `INSERT INTO nominations (id, round_id, category_id, unit_id, full_name, search_name, birth_date, gender,
                              school, class_name, guardian_name, consent_guardian, consent_child, created_by)
     SELECT gen_random_uuid(), $1, $2, $3, 'Nguyễn Văn ' || i, 'nguyen van ' || i, DATE '2010-01-01' + (i % 3000),
            'male', 'Trường THCS Thử', '8A', 'Nguyễn Văn Bố', true, true, $4
       FROM generate_series(1, $5) i RETURNING id`,
    [round.id, round.categories[0].id, fund.unitId, chair.userId, count],
  );
  await pool.query(
    `INSERT INTO nomination_reviews (nomination_id, member_id, vote, score)
     SELECT n.id, $2, 'approve', 9 FROM nominations n WHERE n.round_id = $1`,
    [round.id, chair.userId],
  );
  await money(`/api/v1/award-rounds/${round.id}/transitions`, { to: 'review' });
  return { id: round.id, nominationIds: rows.map((r: { id: string }) => r.id) };
}

/** The round's signature list as a treasurer downloads it, every row marked received. */
export async function signedPaymentList(url: string, token: string, roundId: string): Promise<Buffer> {
  const listed = await fetch(`${url}/api/v1/award-rounds/${roundId}/payment-list`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await listed.arrayBuffer());
  const sheet = book.worksheets[0];
  for (let row = 2; row <= sheet.rowCount; row++) {
    sheet.getRow(row).getCell(10).value = 'x';
    sheet.getRow(row).getCell(11).value = 'Người giám hộ';
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Pays every row of a signed list (one transaction on the server). */
export async function importSignedList(url: string, token: string, roundId: string, signed: Buffer) {
  const form = new FormData();
  form.set('paidOn', TODAY);
  form.set('handedOverBy', 'Lê Văn Trao');
  form.set('file', new Blob([signed]), 'ky-nhan.xlsx');
  const paid = await fetch(`${url}/api/v1/award-rounds/${roundId}/payment-list`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': crypto.randomUUID() },
    body: form,
  });
  if (paid.status !== 201) throw new Error(`payment list: ${paid.status} ${await paid.text()}`);
}
