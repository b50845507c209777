import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source.js';
import { runMigrations } from '../src/database/migrate.js';
import { createScratchDatabase } from '../src/database/scratch-database.js';
import { verifyLedger } from '../src/ledger/ledger-verifier.js';
import { loadReferenceData } from '../src/units/reference-data/reference-data.loader.js';
import { startTestApp } from './helpers/test-app.js';

/**
 * Migration InKindFunds on a database holding in-kind gifts posted the old way (to the fund's
 * available cash): their value is moved by a balanced reclassification entry per fund, never
 * more than the fund's available cash, and the ledger still verifies.
 */
describe('migration InKindFunds', () => {
  it('moves live in-kind gifts already recorded to fund_in_kind by reclassification entries', async () => {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'khuyenhoc_test_inkind');
    const ds = createDataSource(scratch.url, 2);
    try {
      await ds.initialize();
      await runMigrations(ds);
      await loadReferenceData(ds);
      // Back to the schema before in-kind accounts (the migrations after it undone too).
      const names = ds.migrations.map((m) => m.name);
      const after = names.length - names.indexOf('InKindFunds1795700000021');
      for (let i = 0; i < after; i++) await ds.undoLastMigration();

      const [{ id: unit }] = await ds.query(`SELECT id FROM units WHERE kind = 'province' LIMIT 1`);
      const legacy = await legacyBooks(ds, unit);
      await runMigrations(ds);

      const funds = await ds.query(
        `SELECT id, balance::int, reserved::int, in_kind::int AS "inKind" FROM funds ORDER BY name`,
      );
      expect(funds).toEqual([
        // A: 1,000,000 cash, 3,050,000 of notebooks held, 1,500,000 cash transferred in; a 200,000 gift voided.
        { id: legacy.a, balance: 2_500_000, reserved: 0, inKind: 3_050_000 },
        // B: 2,000,000 of goods of which 1,500,000 left as cash: only 500,000 can still be goods.
        { id: legacy.b, balance: 0, reserved: 0, inKind: 500_000 },
      ]);
      const entries = await ds.query(
        `SELECT e.kind, p.amount::int, a.kind AS account FROM journal_entries e
           JOIN postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id
          WHERE e.kind = 'reclassification' AND p.fund_id = $1 ORDER BY p.amount`,
        [legacy.a],
      );
      expect(entries).toEqual([
        { kind: 'reclassification', amount: -3_050_000, account: 'fund_available' },
        { kind: 'reclassification', amount: 3_050_000, account: 'fund_in_kind' },
      ]);
      expect(await verifyLedger(ds)).toMatchObject({ ok: true, problem: null });

      // Voiding such a gift takes its value back from fund_in_kind (a reclassification back to the
      // cash account, then the reversal that mirrors the gift's own entry): the cash is untouched.
      const app = await startTestApp({ queue: 'in-process', databaseUrl: scratch.url });
      try {
        const treasurer = await app.as(await app.createUser(unit, [{ unitId: unit, role: 'treasurer' }]));
        const voided = await treasurer
          .post(`/api/v1/donations/${legacy.notebooks}/void`)
          .set('Idempotency-Key', randomUUID())
          .send({ reason: 'Ghi nhầm' });
        expect(voided.status).toBe(201);
        expect((await treasurer.get(`/api/v1/funds/${legacy.a}`)).body).toMatchObject({
          balance: 2_500_000,
          inKind: 0,
        });
      } finally {
        await app.close();
      }
      expect(await verifyLedger(ds)).toMatchObject({ ok: true, problem: null });
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await scratch.drop();
    }
  });
});

/** Two funds as the books stood before in-kind accounts: gifts of goods on the available account. */
async function legacyBooks(
  ds: DataSource,
  unit: string,
): Promise<{ a: string; b: string; notebooks: string }> {
  const user = randomUUID();
  const account = async (kind: string, fund: string | null) => {
    const id = randomUUID();
    await ds.query(`INSERT INTO ledger_accounts (id, kind, unit_id, fund_id) VALUES ($1, $2, $3, $4)`, [
      id,
      kind,
      unit,
      fund,
    ]);
    return id;
  };
  const fund = async (name: string) => {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO funds (id, unit_id, name, search_name, kind) VALUES ($1, $2, $3, $3, 'general')`,
      [id, unit, name],
    );
    return {
      id,
      available: await account('fund_available', id),
      reserved: await account('fund_reserved', id),
    };
  };
  const income = await account('unit_income', null);
  const opening = await account('unit_opening', null);
  const a = await fund('A');
  const b = await fund('B');
  const entry = async (
    kind: string,
    lines: [string, string | null, number][],
    reverses: string | null = null,
  ) => {
    const id = randomUUID();
    await ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO journal_entries (id, kind, unit_id, value_date, description, reverses_entry_id)
         VALUES ($1, $2, $3, '2026-09-05', 'cũ', $4)`,
        [id, kind, unit, reverses],
      );
      // One statement: the balance check runs per statement.
      const params: unknown[] = [id, unit];
      const rows = lines.map(([accountId, fundId, amount]) => {
        const n = params.push(accountId, fundId, amount);
        return `($1, $${n - 2}::uuid, $${n - 1}::uuid, $2, $${n}::bigint, '2026-09-05')`;
      });
      await m.query(
        `INSERT INTO postings (entry_id, account_id, fund_id, unit_id, amount, value_date) VALUES ${rows.join(', ')}`,
        params,
      );
      for (const [, fundId, amount] of lines)
        if (fundId) await m.query(`UPDATE funds SET balance = balance + $2 WHERE id = $1`, [fundId, amount]);
    });
    return id;
  };
  const donor = randomUUID();
  await ds.query(
    `INSERT INTO donors (id, unit_id, kind, name, search_name) VALUES ($1, $2, 'enterprise', 'Công ty Giấy', 'cong ty giay')`,
    [donor, unit],
  );
  let number = 0;
  const gift = async (f: { id: string; available: string }, amount: number, method: string) => {
    const entryId = await entry('donation', [
      [f.available, f.id, amount],
      [income, null, -amount],
    ]);
    const id = randomUUID();
    await ds.query(
      `INSERT INTO donations (id, unit_id, fund_id, donor_id, amount, method, in_kind_description, received_on,
                              entry_id, receipt_year, receipt_number, receipt_code, receipt_snapshot, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-09-05', $8, 2026, $9, $10, '{}', $11)`,
      [
        id,
        unit,
        f.id,
        donor,
        amount,
        method,
        method === 'in_kind' ? 'Vở ô li' : null,
        entryId,
        ++number,
        `C${number}`,
        user,
      ],
    );
    return { id, entryId, amount, f };
  };
  await entry('opening_balance', [
    [a.available, a.id, 1_000_000],
    [opening, null, -1_000_000],
  ]);
  const notebooks = await gift(a, 3_050_000, 'in_kind');
  const voided = await gift(a, 200_000, 'in_kind');
  const reversal = await entry(
    'reversal',
    [
      [a.available, a.id, -200_000],
      [income, null, 200_000],
    ],
    voided.entryId,
  );
  await ds.query(
    `INSERT INTO donation_voids (donation_id, entry_id, reason, voided_by) VALUES ($1, $2, 'x', $3)`,
    [voided.id, reversal, user],
  );
  await gift(b, 2_000_000, 'in_kind');
  await entry('transfer', [
    [b.available, b.id, -1_500_000],
    [a.available, a.id, 1_500_000],
  ]);
  await ds.query(`INSERT INTO receipt_counters (unit_id, year, last_number) VALUES ($1, 2026, $2)`, [
    unit,
    number,
  ]);
  return { a: a.id, b: b.id, notebooks: notebooks.id };
}
