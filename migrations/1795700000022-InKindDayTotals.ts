import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  DONATIONS,
  FUND_POSTINGS_OF,
  JOURNAL_CATEGORIES,
  PAYMENTS,
  RETURNS,
  TRIGGERS,
  UPSERT,
  VOIDS,
} from './fund-day-totals.sql.js';

// fund_day_totals learns the in-kind part of each change (`in_kind`, like `reserved` for the part
// award rounds hold), and a category for goods handed out:
//   handed_out   in_kind_issue entries (and their reversals, netted): goods given to learners or a
//                school, out of the fund's in-kind value
// Reclassifications (cash ↔ in-kind within one fund) stay `other`, with amount 0.
//
// The trigger functions are those of FundDayTotals with these two changes, made by replacing
// text in them; each replacement must find its text, so a change there cannot pass unnoticed.

const RESERVED = `CASE WHEN a.kind = 'fund_reserved' THEN p.amount ELSE 0 END AS reserved`;
const WITH_IN_KIND = `${RESERVED},
         CASE WHEN a.kind = 'fund_in_kind' THEN p.amount ELSE 0 END AS in_kind`;
const RELEASE = `WHEN 'release' THEN 'reservation'`;
const WITH_HANDED_OUT = `${RELEASE}
           WHEN 'in_kind_issue' THEN 'handed_out'`;

function replaceOnce(sql: string, from: string, to: string): string {
  if (!sql.includes(from)) throw new Error(`InKindDayTotals: "${from}" not found in the SQL it amends`);
  return sql.split(from).join(to);
}

/** A select of FundDayTotals with the in-kind part and the handed_out category. */
const withInKind = (select: string) =>
  replaceOnce(
    select.includes(RELEASE) ? replaceOnce(select, RELEASE, WITH_HANDED_OUT) : select,
    RESERVED,
    WITH_IN_KIND,
  );

const UPSERT_IN_KIND = (select: string) => `
  INSERT INTO fund_day_totals (fund_id, day, category, counterpart_unit_id, amount, reserved, in_kind)
  SELECT fund_id, day, category, counterpart_unit_id, sum(amount)::bigint, sum(reserved)::bigint, sum(in_kind)::bigint
    FROM (${select}) s
   GROUP BY fund_id, day, category, counterpart_unit_id
   ORDER BY fund_id, day, category, counterpart_unit_id
  ON CONFLICT (fund_id, day, category, counterpart_unit_id) DO UPDATE
    SET amount = fund_day_totals.amount + EXCLUDED.amount,
        reserved = fund_day_totals.reserved + EXCLUDED.reserved,
        in_kind = fund_day_totals.in_kind + EXCLUDED.in_kind`;

/** Everything the journal holds, as rows of the table (for the rebuild). */
const ALL = [
  JOURNAL_CATEGORIES('postings'),
  FUND_POSTINGS_OF(DONATIONS('donations')),
  FUND_POSTINGS_OF(VOIDS('donation_voids')),
  FUND_POSTINGS_OF(PAYMENTS('award_payments')),
  FUND_POSTINGS_OF(RETURNS('award_payment_returns')),
];

/**
 * The fund summary shows a fund's cash and its in-kind value apart, and goods handed out as money
 * out: fund_day_totals gets an `in_kind` column and the `handed_out` category, its triggers are
 * replaced, and its rows are rebuilt from the journal (they are a summary of it).
 */
export class InKindDayTotals1795700000022 implements MigrationInterface {
  name = 'InKindDayTotals1795700000022';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fund_day_totals" ADD "in_kind" bigint NOT NULL DEFAULT '0'`);
    await this.replaceFunctions(queryRunner, (t) => UPSERT_IN_KIND(withInKind(t.select)));
    await queryRunner.query(`TRUNCATE fund_day_totals`);
    await queryRunner.query(UPSERT_IN_KIND(ALL.map(withInKind).join(' UNION ALL ')));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await this.replaceFunctions(queryRunner, (t) => UPSERT(t.select));
    await queryRunner.query(`TRUNCATE fund_day_totals`);
    await queryRunner.query(`ALTER TABLE "fund_day_totals" DROP COLUMN "in_kind"`);
    await queryRunner.query(UPSERT(ALL.join(' UNION ALL ')));
  }

  private async replaceFunctions(
    queryRunner: QueryRunner,
    body: (t: (typeof TRIGGERS)[number]) => string,
  ): Promise<void> {
    for (const t of TRIGGERS) {
      await queryRunner.query(`CREATE OR REPLACE FUNCTION ${t.fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${body(t)};
          RETURN NULL;
        END
      $$`);
    }
  }
}
