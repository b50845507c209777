// A round of 5,000 nominations decided over HTTP, its signature list exported, every row marked
// received and imported back (all paid in one transaction), beside the same writes done as plain
// set-based SQL on a twin round, in the same run.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { todayInVietnam } from '../../src/common/dates.js';
import { chairAtRoot, importSignedList, roundInReview, signedPaymentList } from './rounds.js';
import { benchDatabase, client, startServer, treasurerWithFunds } from './server.js';
import { writeFile } from './results.js';

const NOMINATIONS = Number(process.env.BENCH_AWARD_NOMINATIONS ?? 5_000);
const AMOUNT = 1_000_000;
const TODAY = todayInVietnam();

export async function benchAwards(serverUrl: string): Promise<Record<string, unknown>> {
  const scratch = await benchDatabase(serverUrl, 'khuyenhoc_bench_awards');
  const server = await startServer(scratch.url, { IMPORT_MAX_BYTES: String(20 * 1024 * 1024) });
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  try {
    const { token, funds } = await treasurerWithFunds(server.url, 1);
    const { fundId, unitId } = funds[0];
    const treasurer = client(server.url, token);
    const money = (path: string, body: unknown) =>
      treasurer('POST', path, body, { 'Idempotency-Key': randomUUID() });
    await money(`/api/v1/funds/${fundId}/opening-balance`, {
      amount: 4 * NOMINATIONS * AMOUNT,
      asOf: '2025-12-31',
      reference: 'Sổ quỹ',
    });

    // The committee: one chair at the root, deciding alone (one approval needed).
    const chair = await chairAtRoot(server.url);
    const chairMoney = (path: string, body: unknown) =>
      chair.call('POST', path, body, { 'Idempotency-Key': randomUUID() });
    const roundOf = () => roundInReview(chair, pool, { fundId, unitId }, NOMINATIONS, AMOUNT);

    // Through the API, end to end.
    const api = await roundOf();
    const t0 = performance.now();
    await chairMoney(`/api/v1/award-rounds/${api.id}/decision`, {
      number: '1/QĐ-HKH',
      date: TODAY,
      approved: api.nominationIds,
    });
    const t1 = performance.now();
    await chairMoney(`/api/v1/award-rounds/${api.id}/transitions`, { to: 'paying' });
    const signed = await signedPaymentList(server.url, token, api.id);
    const t2 = performance.now();
    await importSignedList(server.url, token, api.id, signed);
    const t3 = performance.now();
    // The list to print, as a PDF, for the whole round.
    const pdfUrl = `${server.url}/api/v1/award-rounds/${api.id}/payment-list?format=pdf`;
    const p0 = performance.now();
    const printed = Buffer.from(
      await (await fetch(pdfUrl, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer(),
    );
    const pdfMs = performance.now() - p0;
    if (process.env.BENCH_SAVE_PDF) writeFile(process.env.BENCH_SAVE_PDF, printed);
    const [{ n: payments }] = (
      await pool.query(
        `SELECT count(*)::int AS n FROM award_payments p JOIN awards a ON a.id = p.award_id WHERE a.round_id = $1`,
        [api.id],
      )
    ).rows;

    // Baseline: the same rows written by set-based SQL in one transaction, on a twin round.
    const twin = await roundOf();
    const c = await pool.connect();
    let sqlMs: number;
    try {
      const s0 = performance.now();
      await c.query('BEGIN');
      await c.query(
        `INSERT INTO awards (id, round_id, category_id, nomination_id, amount)
         SELECT gen_random_uuid(), round_id, category_id, id, $2 FROM nominations WHERE round_id = $1`,
        [twin.id, AMOUNT],
      );
      await c.query(
        `UPDATE award_rounds SET status = 'paying', decision_number = '2/QĐ', decision_date = $2, decided_by = $3,
                decided_at = now() WHERE id = $1`,
        [twin.id, TODAY, chair.userId],
      );
      await c.query(
        `CREATE TEMP TABLE pay ON COMMIT DROP AS
         SELECT a.id AS award_id, gen_random_uuid() AS entry_id, a.amount FROM awards a WHERE a.round_id = $1`,
        [twin.id],
      );
      await c.query(
        `INSERT INTO journal_entries (id, kind, unit_id, value_date, description, created_by)
         SELECT entry_id, 'disbursement', $1, $2, 'Chi học bổng', $3 FROM pay`,
        [unitId, TODAY, chair.userId],
      );
      await c.query(
        `INSERT INTO postings (entry_id, account_id, fund_id, unit_id, amount, value_date)
         SELECT p.entry_id, x.account_id, x.fund_id, $2, x.sign * p.amount, $3
           FROM pay p CROSS JOIN (
             SELECT id AS account_id, fund_id, -1 AS sign FROM ledger_accounts WHERE fund_id = $1 AND kind = 'fund_reserved'
             UNION ALL
             SELECT id, NULL, 1 FROM ledger_accounts WHERE unit_id = $2 AND kind = 'unit_payout' AND fund_id IS NULL) x`,
        [fundId, unitId, TODAY],
      );
      await c.query(
        `UPDATE funds SET balance = balance - t.total, reserved = reserved - t.total
           FROM (SELECT sum(amount) AS total FROM pay) t WHERE id = $1`,
        [fundId],
      );
      await c.query(
        `INSERT INTO award_payments (id, award_id, attempt, entry_id, method, paid_on, handed_over_by, signed_by,
                                     certificate_snapshot, certificate_code, created_by)
         SELECT gen_random_uuid(), award_id, 1, entry_id, 'cash', $1, 'Lê Văn Trao', 'guardian',
                jsonb_build_object('amount', amount, 'code', upper(substr(md5(award_id::text), 1, 12))),
                upper(substr(md5(award_id::text), 1, 12)), $2
           FROM pay`,
        [TODAY, chair.userId],
      );
      await c.query(
        `INSERT INTO documents (id, kind, subject_id, unit_id, status)
         SELECT gen_random_uuid(), 'certificate', award_id, $1, 'pending' FROM pay`,
        [unitId],
      );
      await c.query('COMMIT');
      sqlMs = performance.now() - s0;
    } finally {
      c.release();
    }

    const apiMs = t1 - t0 + (t3 - t2);
    const result = {
      nominations: NOMINATIONS,
      decisionMs: t1 - t0,
      paymentListImportMs: t3 - t2,
      endToEndMs: t3 - t0,
      apiMs,
      paymentsWritten: payments,
      paymentListPdfMs: pdfMs,
      paymentListPdfKiB: printed.length / 1024,
      sqlBaselineMs: sqlMs,
      ratio: apiMs / sqlMs,
    };
    console.log(`\n== award round of ${NOMINATIONS.toLocaleString('en')} nominations`);
    console.log(`decision over HTTP: ${(result.decisionMs / 1000).toFixed(2)} s`);
    console.log(
      `signed payment list imported (all ${payments} paid): ${(result.paymentListImportMs / 1000).toFixed(2)} s`,
    );
    console.log(
      `decision + payment: ${(apiMs / 1000).toFixed(2)} s; end to end with the list exported and marked: ${(result.endToEndMs / 1000).toFixed(2)} s (goal < 30 s)`,
    );
    console.log(
      `payment list as PDF (${NOMINATIONS.toLocaleString('en')} rows, ${(printed.length / 1024).toFixed(0)} KiB): ${(pdfMs / 1000).toFixed(2)} s`,
    );
    console.log(
      `baseline: the same writes as set-based SQL in one transaction: ${(sqlMs / 1000).toFixed(2)} s → the API takes ${result.ratio.toFixed(1)}×`,
    );
    return result;
  } finally {
    await pool.end();
    await server.stop();
    await scratch.drop();
  }
}
