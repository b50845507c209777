import { MigrationInterface, QueryRunner } from 'typeorm';

// Per unit and year from a statement's new postings; the same definition as ReportTotals.
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

// Every ancestor of a unit, itself included, with its depth (its path names them root first).
const ANCESTORS = `CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[])
  WITH ORDINALITY AS anc(id, depth)`;

/**
 * Money of whole subtrees, so a report on a province or the nation reads one row per child rather
 * than every unit below it: each unit-year of unit_year_totals is added to every ancestor by the
 * same trigger, in the money's transaction. The national row would make every gift in the country
 * wait on every other, so rows are split into 32 shards (one per transaction, so its statements
 * take their locks ancestors first, in one order); a report sums the shards. A unit moved under
 * another parent carries its subtree's totals from the old ancestors to the new ones.
 */
export class SubtreeTotals1795700000004 implements MigrationInterface {
  name = 'SubtreeTotals1795700000004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "unit_subtree_totals" ("unit_id" uuid NOT NULL, "year" smallint NOT NULL, "shard" smallint NOT NULL,
        "raised" bigint NOT NULL DEFAULT 0, "flow" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "PK_unit_subtree_totals" PRIMARY KEY ("unit_id", "year", "shard"),
        CONSTRAINT "fk_unit_subtree_totals_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT)`,
    );
    await queryRunner.query(`CREATE OR REPLACE FUNCTION postings_add_to_unit_year_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        part smallint := (txid_current() % 32)::smallint;
      BEGIN
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
    await queryRunner.query(
      `INSERT INTO unit_subtree_totals (unit_id, year, shard, raised, flow)
       SELECT anc.id, t.year, 0, sum(t.raised), sum(t.flow)
         FROM unit_year_totals t JOIN units u ON u.id = t.unit_id ${ANCESTORS}
        GROUP BY anc.id, t.year`,
    );
    // A move rewrites the paths of the whole moved subtree in one statement; its top is the
    // changed unit nearest the root. Its subtree's totals leave the ancestors it no longer has
    // and join the new ones.
    await queryRunner.query(`CREATE FUNCTION units_move_subtree_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        WITH top AS (
          SELECT n.id, o.path AS old_path, n.path AS new_path FROM new_units n JOIN old_units o ON o.id = n.id
           WHERE o.path <> n.path ORDER BY n.depth LIMIT 1),
        moved AS (
          SELECT s.year, sum(s.raised) AS raised, sum(s.flow) AS flow
            FROM unit_subtree_totals s JOIN top ON s.unit_id = top.id GROUP BY s.year),
        sides AS (
          SELECT a.id, -1 AS sign FROM top, unnest(string_to_array(trim(both '/' from top.old_path), '/')::uuid[]) a(id)
          UNION ALL
          SELECT a.id, 1 FROM top, unnest(string_to_array(trim(both '/' from top.new_path), '/')::uuid[]) a(id)),
        change AS (
          SELECT id FROM sides WHERE id <> (SELECT id FROM top) GROUP BY id HAVING sum(sign) <> 0)
        INSERT INTO unit_subtree_totals (unit_id, year, shard, raised, flow)
        SELECT c.id, m.year, 0, s.sign * m.raised, s.sign * m.flow
          FROM change c JOIN (SELECT id, sum(sign) AS sign FROM sides GROUP BY id) s ON s.id = c.id CROSS JOIN moved m
         ORDER BY c.id, m.year
        ON CONFLICT (unit_id, year, shard) DO UPDATE
          SET raised = unit_subtree_totals.raised + EXCLUDED.raised, flow = unit_subtree_totals.flow + EXCLUDED.flow;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER units_move_subtree_totals AFTER UPDATE ON units
        REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units
        FOR EACH STATEMENT EXECUTE FUNCTION units_move_subtree_totals()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER units_move_subtree_totals ON units`);
    await queryRunner.query(`DROP FUNCTION units_move_subtree_totals()`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION postings_add_to_unit_year_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO unit_year_totals (unit_id, year, raised, flow)
        SELECT unit_id, year, raised, flow FROM (${AGGREGATE}) s ORDER BY unit_id, year
        ON CONFLICT (unit_id, year) DO UPDATE
          SET raised = unit_year_totals.raised + EXCLUDED.raised, flow = unit_year_totals.flow + EXCLUDED.flow;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(`DROP TABLE "unit_subtree_totals"`);
  }
}
