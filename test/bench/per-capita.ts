// The per-capita report on a national dataset — 34 provinces, 3,321 communes, 35,000 branches,
// BENCH_DONATIONS (default 5,000,000) donations over three years — at national and province
// level through the API, beside the same figures computed by scanning the journal, in one run.
import pg from 'pg';
import { MIGRATIONS } from '../../migrations/index.js';
import { createDataSource, useMigrationClasses } from '../../src/database/data-source.js';
import { runMigrations } from '../../src/database/migrate.js';
import { createScratchDatabase } from '../../src/database/scratch-database.js';
import { generateNationalTree } from './national-tree.js';
import { BENCH_ADMIN_PASSWORD, client, startServer } from './server.js';

const DONATIONS = Number(process.env.BENCH_DONATIONS ?? 5_000_000);
const REQUESTS = Number(process.env.BENCH_REPORT_REQUESTS ?? 200);
const YEAR = 2026;
const BATCH = 500_000;

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)];

/** Funds, populations and donation entries written in SQL, as the ledger would have them. */
async function generateMoney(pool: pg.Pool): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query(`INSERT INTO unit_populations (unit_id, year, population, source)
      SELECT u.id, y, CASE u.kind WHEN 'national' THEN 100000000 WHEN 'province' THEN 2000000 + (random() * 2000000)::int
                               WHEN 'commune' THEN 20000 + (random() * 30000)::int ELSE 500 + (random() * 2500)::int END,
             'Số liệu sinh ra cho đo hiệu năng'
        FROM units u CROSS JOIN generate_series(${YEAR - 2}, ${YEAR}) y`);
    await c.query(`INSERT INTO funds (id, unit_id, name, search_name, kind)
      SELECT gen_random_uuid(), id, 'Quỹ khuyến học', 'quy khuyen hoc', 'general' FROM units`);
    await c.query(`INSERT INTO ledger_accounts (id, kind, unit_id, fund_id)
      SELECT gen_random_uuid(), k, unit_id, id FROM funds CROSS JOIN (VALUES ('fund_available'), ('fund_reserved'), ('fund_in_kind')) v(k)`);
    await c.query(`INSERT INTO ledger_accounts (id, kind, unit_id, fund_id)
      SELECT gen_random_uuid(), k, id, NULL FROM units CROSS JOIN (VALUES ('unit_income'), ('unit_payout'), ('unit_opening')) v(k)`);
    // Where gifts land: every unit but the national one, by a dense number for random picks.
    await c.query(`CREATE TABLE bench_targets AS
      SELECT row_number() OVER (ORDER BY u.id) AS n, u.id AS unit_id, f.id AS fund_id, fa.id AS fund_account, ia.id AS income_account
        FROM units u JOIN funds f ON f.unit_id = u.id
        JOIN ledger_accounts fa ON fa.fund_id = f.id AND fa.kind = 'fund_available'
        JOIN ledger_accounts ia ON ia.unit_id = u.id AND ia.kind = 'unit_income' WHERE u.kind <> 'national'`);
    await c.query(`CREATE UNIQUE INDEX ON bench_targets (n)`);
    const [{ targets }] = (await c.query(`SELECT count(*)::int AS targets FROM bench_targets`)).rows;
    // Loaded in bulk with the ledger's triggers off, then the projections and the report totals
    // rebuilt from what was written (as ledger:verify and reports:verify would recompute them).
    await c.query(`ALTER TABLE postings DISABLE TRIGGER USER`);
    await c.query(`ALTER TABLE journal_entries DISABLE TRIGGER USER`);
    for (let done = 0; done < DONATIONS; done += BATCH) {
      const n = Math.min(BATCH, DONATIONS - done);
      await c.query('BEGIN');
      await c.query(`CREATE TEMP TABLE gifts ON COMMIT DROP AS
        WITH picks AS MATERIALIZED (
          SELECT gen_random_uuid() AS id, 1 + floor(random() * ${targets})::bigint AS pick,
                 (10000 * (1 + floor(random() * 200)))::bigint AS amount,
                 DATE '${YEAR - 2}-01-01' + floor(random() * (DATE '${YEAR}-11-25' - DATE '${YEAR - 2}-01-01'))::int AS day
            FROM generate_series(1, ${n}))
        SELECT p.id, t.unit_id, t.fund_id, t.fund_account, t.income_account, p.amount, p.day
          FROM picks p JOIN bench_targets t ON t.n = p.pick`);
      await c.query(`INSERT INTO journal_entries (id, kind, unit_id, value_date, description)
        SELECT id, 'donation', unit_id, day, 'Ủng hộ quỹ khuyến học' FROM gifts`);
      await c.query(`INSERT INTO postings (entry_id, account_id, fund_id, unit_id, amount, value_date)
        SELECT id, fund_account, fund_id, unit_id, amount, day FROM gifts
        UNION ALL SELECT id, income_account, NULL, unit_id, -amount, day FROM gifts`);
      await c.query('COMMIT');
      console.log(`  ${(done + n).toLocaleString('en')} donations written`);
    }
    await c.query(`ALTER TABLE postings ENABLE TRIGGER USER`);
    await c.query(`ALTER TABLE journal_entries ENABLE TRIGGER USER`);
    await c.query(`UPDATE funds f SET balance = s.total
      FROM (SELECT fund_id, sum(amount) AS total FROM postings WHERE fund_id IS NOT NULL GROUP BY 1) s WHERE s.fund_id = f.id`);
    await c.query(`INSERT INTO unit_year_totals (unit_id, year, raised, flow)
      SELECT unit_id, extract(year FROM value_date)::smallint, sum(-amount) FILTER (WHERE fund_id IS NULL),
             sum(amount) FILTER (WHERE fund_id IS NOT NULL)
        FROM postings GROUP BY 1, 2`);
    await c.query(`INSERT INTO unit_subtree_totals (unit_id, year, shard, raised, flow)
      SELECT anc.id, t.year, 0, sum(t.raised), sum(t.flow)
        FROM unit_year_totals t JOIN units u ON u.id = t.unit_id
       CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[]) AS anc(id)
       GROUP BY anc.id, t.year`);
    await c.query(`DROP TABLE bench_targets`);
    await c.query('VACUUM ANALYZE');
  } finally {
    c.release();
  }
}

/** The figure the report gives, the slow way: every donation posting of the year, grouped by child. */
async function scan(pool: pg.Pool, unitId: string): Promise<Map<string, number>> {
  const { rows } = await pool.query(
    `SELECT c.id, coalesce(sum(-p.amount), 0)::bigint::text AS raised
       FROM units c
       JOIN units d ON d.path LIKE c.path || '%'
       JOIN postings p ON p.unit_id = d.id
       JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'unit_income'
       JOIN journal_entries e ON e.id = p.entry_id AND e.kind = 'donation'
      WHERE c.parent_id = $1 AND p.value_date BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31)
      GROUP BY c.id`,
    [unitId, YEAR],
  );
  return new Map(rows.map((r: { id: string; raised: string }) => [r.id, Number(r.raised)]));
}

export async function benchPerCapita(serverUrl: string): Promise<Record<string, unknown>> {
  const scratch = await createScratchDatabase(serverUrl, 'khuyenhoc_bench_per_capita');
  useMigrationClasses(MIGRATIONS);
  const ds = createDataSource(scratch.url, 2);
  await ds.initialize();
  await runMigrations(ds);
  const g0 = performance.now();
  const tree = await generateNationalTree(ds);
  await ds.destroy();
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  await generateMoney(pool);
  const generatorSeconds = (performance.now() - g0) / 1000;
  const [sizes] = (
    await pool.query(`SELECT (SELECT count(*) FROM journal_entries)::int AS entries,
                             (SELECT count(*) FROM postings)::int AS postings,
                             (SELECT sum(raised) FROM unit_year_totals WHERE year = ${YEAR})::text AS raised`)
  ).rows;
  console.log(
    `journal: ${sizes.entries} entries, ${sizes.postings} postings; raised in ${YEAR}: ${sizes.raised} đ`,
  );
  console.log(
    `\n== per-capita on ${tree.units.toLocaleString('en')} units and ${DONATIONS.toLocaleString('en')} donations ` +
      `(generated in ${generatorSeconds.toFixed(0)} s)`,
  );
  // The generated tree stands alone: no bundled reference units attached to its root.
  const server = await startServer(scratch.url, { REFERENCE_DATA_LOAD: 'false' });
  try {
    const anon = client(server.url);
    const admin = client(
      server.url,
      (await anon('POST', '/api/v1/auth/login', { username: 'admin', password: BENCH_ADMIN_PASSWORD }))
        .accessToken,
    );
    const [{ national }] = (await pool.query(`SELECT id AS national FROM units WHERE kind = 'national'`))
      .rows;
    const [{ province }] = (await pool.query(`SELECT id AS province FROM units WHERE code = 'P1'`)).rows;
    const result: Record<string, unknown> = { units: tree.units, donations: DONATIONS, generatorSeconds };
    // The floor: a signed-in request that reads one row (guard, token, scope, JSON).
    const floor: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      await admin('GET', `/api/v1/units/${national}`);
      floor.push(performance.now() - t0);
    }
    console.log(
      `floor (GET /units/:id): p50 ${percentile(floor, 0.5).toFixed(1)} ms, p95 ${percentile(floor, 0.95).toFixed(1)} ms`,
    );
    result.floor = { p50: percentile(floor, 0.5), p95: percentile(floor, 0.95) };
    for (const [level, unitId] of [
      ['national', national],
      ['province', province],
    ] as const) {
      const path = `/api/v1/reports/per-capita?unitId=${unitId}&year=${YEAR}&basis=raised`;
      const report = await admin('GET', path);
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        await admin('GET', path);
        times.push(performance.now() - t0);
      }
      const scans: number[] = [];
      let scanned = new Map<string, number>();
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        scanned = await scan(pool, unitId);
        scans.push(performance.now() - t0);
      }
      // The two ways must agree to the đồng.
      for (const child of report.children as { unitId: string; numerator: number }[]) {
        if ((scanned.get(child.unitId) ?? 0) !== child.numerator)
          throw new Error(
            `${level}: child ${child.unitId} ${child.numerator} ≠ scan ${scanned.get(child.unitId)}`,
          );
      }
      const p50 = percentile(times, 0.5);
      const p95 = percentile(times, 0.95);
      const scanMs = percentile(scans, 0.5);
      console.log(
        `${level} (${report.children.length} children): API p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ` +
          `(goal < 20 ms); scanning the journal ${scanMs.toFixed(0)} ms → ${(scanMs / p95).toFixed(0)}× at p95 (goal ≥ 100×)`,
      );
      result[level] = { children: report.children.length, p50, p95, scanMs, ratioAtP95: scanMs / p95 };
    }
    return result;
  } finally {
    await server.stop();
    await pool.end();
    await scratch.drop();
  }
}
