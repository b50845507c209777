// A round of 5,000 nominations decided over HTTP, its signature list exported, every row marked
// received and imported back (all paid in one transaction), beside the same writes done as plain
// set-based SQL on a twin round, in the same run.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { MIGRATIONS } from '../../migrations/index.js';
import { todayInVietnam } from '../../src/common/dates.js';
import { createDataSource, useMigrationClasses } from '../../src/database/data-source.js';
import { runMigrations } from '../../src/database/migrate.js';
import { createScratchDatabase } from '../../src/database/scratch-database.js';
import { loadReferenceData } from '../../src/units/reference-data/reference-data.loader.js';
import { BENCH_ADMIN_PASSWORD, client, startServer, treasurerWithFunds } from './server.js';

const NOMINATIONS = Number(process.env.BENCH_AWARD_NOMINATIONS ?? 5_000);
const AMOUNT = 1_000_000;
const TODAY = todayInVietnam();

export async function benchAwards(serverUrl: string): Promise<Record<string, unknown>> {
  const scratch = await createScratchDatabase(serverUrl, 'khuyenhoc_bench_awards');
  useMigrationClasses(MIGRATIONS);
  const ds = createDataSource(scratch.url, 2);
  await ds.initialize();
  await runMigrations(ds);
  await loadReferenceData(ds);
  await ds.destroy();
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
    const anon = client(server.url);
    const admin = client(
      server.url,
      (await anon('POST', '/api/v1/auth/login', { username: 'admin', password: BENCH_ADMIN_PASSWORD }))
        .accessToken,
    );
    const root = (await admin('GET', '/api/v1/units?kind=national')).items[0].id;
    const chairUser = await admin('POST', '/api/v1/users', {
      username: `chutich${Date.now()}`,
      displayName: 'Chủ tịch hội đồng',
      password: 'Hội đồng xét duyệt 2026',
      unitId: root,
    });
    await admin('POST', `/api/v1/users/${chairUser.id}/roles`, { unitId: root, role: 'committee' });
    const chairToken = (
      await anon('POST', '/api/v1/auth/login', {
        username: chairUser.username,
        password: 'Hội đồng xét duyệt 2026',
      })
    ).accessToken;
    const chair = client(server.url, chairToken);
    const chairMoney = (path: string, body: unknown) =>
      chair('POST', path, body, { 'Idempotency-Key': randomUUID() });

    /** A round in review with NOMINATIONS eligible nominations, each approved by the chair (seeded in SQL). */
    async function roundInReview(): Promise<{ id: string; nominationIds: string[] }> {
      const round = await chair('POST', '/api/v1/award-rounds', {
        unitId,
        fundId,
        title: 'Học bổng đo hiệu năng',
        period: '2026-2027',
        budget: NOMINATIONS * AMOUNT,
        nominationOpensOn: '2026-01-01',
        nominationClosesOn: TODAY,
        approvalsRequired: 1,
        committee: [{ userId: chairUser.id, role: 'chair' }],
        categories: [{ name: 'Học sinh giỏi', recipientType: 'student', amount: AMOUNT, quota: NOMINATIONS }],
      });
      await chairMoney(`/api/v1/award-rounds/${round.id}/transitions`, { to: 'open' });
      const { rows } = await pool.query(
        `INSERT INTO nominations (id, round_id, category_id, unit_id, full_name, search_name, birth_date, gender,
                                  school, class_name, guardian_name, consent_guardian, consent_child, created_by)
         SELECT gen_random_uuid(), $1, $2, $3, 'Nguyễn Văn ' || i, 'nguyen van ' || i, DATE '2010-01-01' + (i % 3000),
                'male', 'Trường THCS Thử', '8A', 'Nguyễn Văn Bố', true, true, $4
           FROM generate_series(1, $5) i RETURNING id`,
        [round.id, round.categories[0].id, unitId, chairUser.id, NOMINATIONS],
      );
      await pool.query(
        `INSERT INTO nomination_reviews (nomination_id, member_id, vote, score)
         SELECT n.id, $2, 'approve', 9 FROM nominations n WHERE n.round_id = $1`,
        [round.id, chairUser.id],
      );
      await chairMoney(`/api/v1/award-rounds/${round.id}/transitions`, { to: 'review' });
      return { id: round.id, nominationIds: rows.map((r: { id: string }) => r.id) };
    }

    // Through the API, end to end.
    const api = await roundInReview();
    const t0 = performance.now();
    await chairMoney(`/api/v1/award-rounds/${api.id}/decision`, {
      number: '1/QĐ-HKH',
      date: TODAY,
      approved: api.nominationIds,
    });
    const t1 = performance.now();
    await chairMoney(`/api/v1/award-rounds/${api.id}/transitions`, { to: 'paying' });
    const listed = await fetch(`${server.url}/api/v1/award-rounds/${api.id}/payment-list`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await listed.arrayBuffer());
    const sheet = book.worksheets[0];
    for (let row = 2; row <= sheet.rowCount; row++) {
      sheet.getRow(row).getCell(10).value = 'x';
      sheet.getRow(row).getCell(11).value = 'Người giám hộ';
    }
    const signed = Buffer.from(await book.xlsx.writeBuffer());
    const t2 = performance.now();
    const form = new FormData();
    form.set('paidOn', TODAY);
    form.set('handedOverBy', 'Lê Văn Trao');
    form.set('file', new Blob([signed]), 'ky-nhan.xlsx');
    const paid = await fetch(`${server.url}/api/v1/award-rounds/${api.id}/payment-list`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID() },
      body: form,
    });
    if (paid.status !== 201) throw new Error(`payment list: ${paid.status} ${await paid.text()}`);
    const t3 = performance.now();
    // The list to print, as a PDF, for the whole round.
    const pdfUrl = `${server.url}/api/v1/award-rounds/${api.id}/payment-list?format=pdf`;
    const p0 = performance.now();
    const printed = Buffer.from(
      await (await fetch(pdfUrl, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer(),
    );
    const pdfMs = performance.now() - p0;
    if (process.env.BENCH_SAVE_PDF) writeFileSync(process.env.BENCH_SAVE_PDF, printed);
    const [{ n: payments }] = (
      await pool.query(
        `SELECT count(*)::int AS n FROM award_payments p JOIN awards a ON a.id = p.award_id WHERE a.round_id = $1`,
        [api.id],
      )
    ).rows;

    // Baseline: the same rows written by set-based SQL in one transaction, on a twin round.
    const twin = await roundInReview();
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
        [twin.id, TODAY, chairUser.id],
      );
      await c.query(
        `CREATE TEMP TABLE pay ON COMMIT DROP AS
         SELECT a.id AS award_id, gen_random_uuid() AS entry_id, a.amount FROM awards a WHERE a.round_id = $1`,
        [twin.id],
      );
      await c.query(
        `INSERT INTO journal_entries (id, kind, unit_id, value_date, description, created_by)
         SELECT entry_id, 'disbursement', $1, $2, 'Chi học bổng', $3 FROM pay`,
        [unitId, TODAY, chairUser.id],
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
        [TODAY, chairUser.id],
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
