import { DataSource } from 'typeorm';

export interface LedgerCheck {
  ok: boolean;
  entries: number;
  funds: number;
  receipts: number;
  /** The first discrepancy found, in words, or null. */
  problem: string | null;
}

/**
 * Recomputes everything the ledger stores from its postings: every entry balances, every
 * fund's projection (cash balance, reserved, in-kind value) equals the sum of its postings and is not negative, every reversal mirrors
 * its original, and every unit's receipt numbers for a year run 1…n without a gap.
 */
export async function verifyLedger(dataSource: DataSource): Promise<LedgerCheck> {
  const count = async (sql: string) => Number((await dataSource.query(sql))[0].n);
  const result = {
    entries: await count('SELECT count(*) AS n FROM journal_entries'),
    funds: await count('SELECT count(*) AS n FROM funds'),
    receipts: await count('SELECT count(*) AS n FROM donations'),
  };
  const checks: [string, (row: Record<string, string>) => string][] = [
    [
      `SELECT e.id, count(p.id) AS lines, coalesce(sum(p.amount), 0)::text AS total
         FROM journal_entries e LEFT JOIN postings p ON p.entry_id = e.id
        GROUP BY e.id HAVING count(p.id) < 2 OR coalesce(sum(p.amount), 0) <> 0 ORDER BY e.id LIMIT 1`,
      (r) => `entry ${r.id} does not balance: ${r.lines} postings summing to ${r.total}`,
    ],
    [
      `SELECT f.id, f.name, f.balance::text AS stored, coalesce(s.balance, 0)::text AS computed,
              f.reserved::text AS stored_reserved, coalesce(s.reserved, 0)::text AS computed_reserved,
              f.in_kind::text AS stored_in_kind, coalesce(s.in_kind, 0)::text AS computed_in_kind
         FROM funds f LEFT JOIN (
           SELECT p.fund_id, sum(p.amount) FILTER (WHERE a.kind <> 'fund_in_kind') AS balance,
                  sum(p.amount) FILTER (WHERE a.kind = 'fund_reserved') AS reserved,
                  sum(p.amount) FILTER (WHERE a.kind = 'fund_in_kind') AS in_kind
             FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.fund_id IS NOT NULL GROUP BY p.fund_id
         ) s ON s.fund_id = f.id
        WHERE f.balance <> coalesce(s.balance, 0) OR f.reserved <> coalesce(s.reserved, 0)
           OR f.in_kind <> coalesce(s.in_kind, 0)
        ORDER BY f.id LIMIT 1`,
      (r) =>
        `fund ${r.id} (${r.name}): stored balance ${r.stored} / reserved ${r.stored_reserved} / in kind ${r.stored_in_kind}, ` +
        `postings say ${r.computed} / ${r.computed_reserved} / ${r.computed_in_kind}`,
    ],
    [
      `SELECT id, name, balance::text, reserved::text, in_kind::text FROM funds
        WHERE balance < 0 OR reserved < 0 OR balance < reserved OR in_kind < 0 ORDER BY id LIMIT 1`,
      (r) =>
        `fund ${r.id} (${r.name}) is below zero: balance ${r.balance}, reserved ${r.reserved}, in kind ${r.in_kind}`,
    ],
    [
      `SELECT r.id, r.reverses_entry_id AS original
         FROM journal_entries r
        WHERE r.reverses_entry_id IS NOT NULL AND EXISTS (
          SELECT p.account_id, sum(p.amount) FROM postings p WHERE p.entry_id IN (r.id, r.reverses_entry_id)
           GROUP BY p.account_id HAVING sum(p.amount) <> 0)
        ORDER BY r.id LIMIT 1`,
      (r) => `reversal ${r.id} does not mirror entry ${r.original}`,
    ],
    [
      `SELECT d.unit_id, d.receipt_year, count(*) AS n, min(d.receipt_number) AS first, max(d.receipt_number) AS last,
              c.last_number AS counter
         FROM donations d LEFT JOIN receipt_counters c ON c.unit_id = d.unit_id AND c.year = d.receipt_year
        -- Transcribed paper receipts are a series of their own, outside the counter.
        WHERE d.receipt_number IS NOT NULL
        GROUP BY d.unit_id, d.receipt_year, c.last_number
       HAVING min(d.receipt_number) <> 1 OR max(d.receipt_number) <> count(*) OR c.last_number IS DISTINCT FROM max(d.receipt_number)
        ORDER BY d.unit_id, d.receipt_year LIMIT 1`,
      (r) =>
        `receipts of unit ${r.unit_id} in ${r.receipt_year} are not 1…n: ${r.n} receipts numbered ${r.first}…${r.last}, counter at ${r.counter}`,
    ],
  ];
  for (const [sql, describe] of checks) {
    const [row] = await dataSource.query(sql);
    if (row) return { ok: false, ...result, problem: describe(row) };
  }
  return { ok: true, ...result, problem: null };
}
