import { MigrationInterface, QueryRunner } from 'typeorm';

// As in SubtreeTotals: per unit and year from a statement's new postings.
const AGGREGATE = `
  SELECT unit_id, year, sum(raised)::bigint AS raised, sum(flow)::bigint AS flow FROM (
    SELECT p.unit_id, extract(year FROM coalesce(o.value_date, e.value_date))::smallint AS year,
           -p.amount AS raised, 0 AS flow
      FROM new_postings p
      JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'unit_income'
      JOIN journal_entries e ON e.id = p.entry_id
      LEFT JOIN journal_entries o ON o.id = e.reverses_entry_id
     WHERE e.kind = 'donation' OR (e.kind = 'reversal' AND o.kind = 'donation')
    UNION ALL
    SELECT p.unit_id, extract(year FROM p.value_date)::smallint, 0, p.amount
      FROM new_postings p WHERE p.fund_id IS NOT NULL
  ) t GROUP BY unit_id, year HAVING sum(raised) <> 0 OR sum(flow) <> 0`;

const ANCESTORS = `CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[])
  WITH ORDINALITY AS anc(id, depth)`;

/**
 * Two races in the report totals, found in review:
 * - a gift written while its unit was being moved could add to the ancestors the unit was leaving,
 *   after the move had carried the subtree's totals away: the postings trigger now holds its
 *   units' rows in share mode (a move rewrites their paths, so one waits for the other) and then
 *   reads the ancestors;
 * - a transaction writing postings in several statements (an import in batches) took the totals'
 *   rows in one order per statement, not per transaction, and could deadlock with a void of
 *   another fund of the same unit: `lock_report_totals(unit, years)` takes them all first, in the
 *   trigger's order (ancestors' subtree rows by depth, then the unit's own rows). The move's
 *   adjustment takes its rows in that order too.
 */
export class TotalsLocking1795700000011 implements MigrationInterface {
  name = 'TotalsLocking1795700000011';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION postings_add_to_unit_year_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        part smallint := (txid_current() % 32)::smallint;
      BEGIN
        PERFORM 1 FROM units WHERE id IN (SELECT DISTINCT unit_id FROM new_postings) ORDER BY id FOR SHARE;
        WITH agg AS MATERIALIZED (${AGGREGATE}),
        own AS (
          INSERT INTO unit_year_totals (unit_id, year, raised, flow)
          SELECT unit_id, year, raised, flow FROM agg ORDER BY unit_id, year
          ON CONFLICT (unit_id, year) DO UPDATE
            SET raised = unit_year_totals.raised + EXCLUDED.raised, flow = unit_year_totals.flow + EXCLUDED.flow)
        INSERT INTO unit_subtree_totals (unit_id, year, shard, raised, flow)
        SELECT anc.id, agg.year, part, sum(agg.raised), sum(agg.flow)
          FROM agg JOIN units u ON u.id = agg.unit_id ${ANCESTORS}
         GROUP BY anc.depth, anc.id, agg.year ORDER BY anc.depth, anc.id, agg.year
        ON CONFLICT (unit_id, year, shard) DO UPDATE
          SET raised = unit_subtree_totals.raised + EXCLUDED.raised, flow = unit_subtree_totals.flow + EXCLUDED.flow;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(`CREATE FUNCTION lock_report_totals(p_unit uuid, p_years smallint[]) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        part smallint := (txid_current() % 32)::smallint;
      BEGIN
        PERFORM 1 FROM units WHERE id = p_unit FOR SHARE;
        INSERT INTO unit_subtree_totals (unit_id, year, shard)
        SELECT anc.id, y, part FROM units u ${ANCESTORS} CROSS JOIN unnest(p_years) AS y
         WHERE u.id = p_unit ORDER BY anc.depth, anc.id, y
        ON CONFLICT (unit_id, year, shard) DO UPDATE SET raised = unit_subtree_totals.raised;
        INSERT INTO unit_year_totals (unit_id, year)
        SELECT p_unit, y FROM unnest(p_years) AS y ORDER BY y
        ON CONFLICT (unit_id, year) DO UPDATE SET raised = unit_year_totals.raised;
      END
    $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION units_move_subtree_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        WITH top AS (
          SELECT n.id, o.path AS old_path, n.path AS new_path FROM new_units n JOIN old_units o ON o.id = n.id
           WHERE o.path <> n.path ORDER BY n.depth LIMIT 1),
        moved AS (
          SELECT s.year, sum(s.raised) AS raised, sum(s.flow) AS flow
            FROM unit_subtree_totals s JOIN top ON s.unit_id = top.id GROUP BY s.year),
        sides AS (
          SELECT a.id, a.depth, -1 AS sign
            FROM top, unnest(string_to_array(trim(both '/' from top.old_path), '/')::uuid[]) WITH ORDINALITY a(id, depth)
          UNION ALL
          SELECT a.id, a.depth, 1
            FROM top, unnest(string_to_array(trim(both '/' from top.new_path), '/')::uuid[]) WITH ORDINALITY a(id, depth)),
        change AS (
          SELECT id, min(depth) AS depth, sum(sign) AS sign FROM sides
           WHERE id <> (SELECT id FROM top) GROUP BY id HAVING sum(sign) <> 0)
        INSERT INTO unit_subtree_totals (unit_id, year, shard, raised, flow)
        SELECT c.id, m.year, 0, c.sign * m.raised, c.sign * m.flow
          FROM change c CROSS JOIN moved m
         ORDER BY c.depth, c.id, m.year
        ON CONFLICT (unit_id, year, shard) DO UPDATE
          SET raised = unit_subtree_totals.raised + EXCLUDED.raised, flow = unit_subtree_totals.flow + EXCLUDED.flow;
        RETURN NULL;
      END
    $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION lock_report_totals(uuid, smallint[])`);
    // The trigger functions keep their bodies: they suit the tables as SubtreeTotals left them.
  }
}
