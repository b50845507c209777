import { MigrationInterface, QueryRunner } from 'typeorm';

// Per unit and calendar year, from each statement's new postings:
// - raised: gifts received into the unit's funds (the donor counterpart, unit_income, of donation
//   entries), less voided ones counted back in the year of the gift, not of the void;
// - flow: the change of the unit's fund balances in the year (so a year-end balance is the sum of
//   flows up to it). Transfers move flow between units and never touch raised.
const AGGREGATE = (postings: string) => `
  SELECT unit_id, year, sum(raised)::bigint AS raised, sum(flow)::bigint AS flow FROM (
    SELECT p.unit_id, extract(year FROM coalesce(o.value_date, e.value_date))::smallint AS year,
           -p.amount AS raised, 0 AS flow
      FROM ${postings} p
      JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'unit_income'
      JOIN journal_entries e ON e.id = p.entry_id
      LEFT JOIN journal_entries o ON o.id = e.reverses_entry_id
     WHERE e.kind = 'donation' OR (e.kind = 'reversal' AND o.kind = 'donation')
    UNION ALL
    SELECT p.unit_id, extract(year FROM p.value_date)::smallint, 0, p.amount
      FROM ${postings} p WHERE p.fund_id IS NOT NULL
  ) t GROUP BY unit_id, year`;

/**
 * The summary the per-capita and fund reports read instead of the journal, kept by a trigger on
 * postings in the same transaction as the money (so no path can forget it); `npm run cli --
 * reports:verify` recomputes it from the journal. Targets are data, with their source.
 */
export class ReportTotals1795700000003 implements MigrationInterface {
  name = 'ReportTotals1795700000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "unit_year_totals" ("unit_id" uuid NOT NULL, "year" smallint NOT NULL,
        "raised" bigint NOT NULL DEFAULT 0, "flow" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "PK_unit_year_totals" PRIMARY KEY ("unit_id", "year"),
        CONSTRAINT "fk_unit_year_totals_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_unit_year_totals_year" ON "unit_year_totals" ("year", "unit_id")`,
    );
    await queryRunner.query(`CREATE FUNCTION postings_add_to_unit_year_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- In (unit, year) order, so concurrent statements lock the rows in one order.
        INSERT INTO unit_year_totals (unit_id, year, raised, flow)
        SELECT unit_id, year, raised, flow FROM (${AGGREGATE('new_postings')}) s ORDER BY unit_id, year
        ON CONFLICT (unit_id, year) DO UPDATE
          SET raised = unit_year_totals.raised + EXCLUDED.raised, flow = unit_year_totals.flow + EXCLUDED.flow;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER postings_unit_year_totals AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings
        FOR EACH STATEMENT EXECUTE FUNCTION postings_add_to_unit_year_totals()`,
    );
    await queryRunner.query(
      `INSERT INTO unit_year_totals (unit_id, year, raised, flow) ${AGGREGATE('postings')}`,
    );
    await queryRunner.query(
      `CREATE TABLE "per_capita_targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "unit_id" uuid,
        "unit_kind" character varying(16), "year" smallint NOT NULL, "amount" bigint NOT NULL, "source" text NOT NULL,
        CONSTRAINT "PK_per_capita_targets" PRIMARY KEY ("id"),
        CONSTRAINT "ck_per_capita_targets_scope" CHECK ((unit_id IS NULL) <> (unit_kind IS NULL)),
        CONSTRAINT "ck_per_capita_targets_amount" CHECK (amount > 0),
        CONSTRAINT "fk_per_capita_targets_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_per_capita_targets_unit" ON "per_capita_targets" ("unit_id", "year") WHERE unit_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_per_capita_targets_kind" ON "per_capita_targets" ("unit_kind", "year") WHERE unit_kind IS NOT NULL`,
    );
    // The seed: Thái Bình's action programme, section II, for 2025.
    await queryRunner.query(
      `INSERT INTO per_capita_targets (unit_kind, year, amount, source) VALUES ('province', 2025, 80000,
        'Chương trình hành động của Hội Khuyến học tỉnh Thái Bình, mục II: bình quân quỹ khuyến học đạt 80.000 đồng/người vào năm 2025 (cả nước 32.000–35.000 đồng/người)')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "per_capita_targets"`);
    await queryRunner.query(`DROP TRIGGER postings_unit_year_totals ON postings`);
    await queryRunner.query(`DROP FUNCTION postings_add_to_unit_year_totals()`);
    await queryRunner.query(`DROP TABLE "unit_year_totals"`);
  }
}
