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

// fund_day_totals: per fund, value date, category and counterpart unit, the change of the fund's
// balance (`amount`) and of its reserved part (`reserved`). The fund summary and the disclosure read
// it; the sum of a fund's rows up to a day is its balance at the end of that day.
//
// Categories:
//   raised:<donor kind>      gifts (donation entries), by the donor's kind
//   voided:<donor kind>      their voids (reversal entries), on the void's value date
//   paid:<recipient type>    award payments (disbursement entries), by the category's recipient type
//   returned:<recipient type> payments that came back (reversals of disbursements)
//   opening                  balances brought in from paper books (and their reversals, netted)
//   transfer_in, transfer_out transfers (and their reversals, netted on the original's side);
//                            counterpart_unit_id is the unit of the other fund
//   reservation              reservations and releases for award rounds (amount 0, reserved ±)
//   other                    anything else that moves a fund (none today)
// counterpart_unit_id is the fund's own unit for every category but the transfers.
//
// Who keeps it, in the money's own transaction, one aggregated upsert per statement, rows in key
// order: a trigger on postings for every entry whose category the journal alone decides; the gifts,
// voids, payments and returns are classified by their business rows (donor kind, recipient type),
// which are written after their postings, so by statement triggers on donations, donation_voids,
// award_payments and award_payment_returns. Every writer of these holds the fund's row lock first
// (postDonation locks it before the donation row is written), so two transactions never wait on
// each other's fund_day_totals rows in opposite orders.

/**
 * The summary behind the fund summary and the yearly disclosure, kept in the money's own
 * transaction by statement-level triggers (bulk COPYs of imports and payment lists cost one
 * aggregated upsert); `npm run cli -- reports:verify` recomputes it from the journal.
 */
export class FundDayTotals1795700000010 implements MigrationInterface {
  name = 'FundDayTotals1795700000010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fund_day_totals" ("fund_id" uuid NOT NULL, "day" date NOT NULL,
        "category" character varying(32) NOT NULL, "counterpart_unit_id" uuid NOT NULL,
        "amount" bigint NOT NULL DEFAULT 0, "reserved" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "PK_fund_day_totals" PRIMARY KEY ("fund_id", "day", "category", "counterpart_unit_id"),
        CONSTRAINT "fk_fund_day_totals_fund" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_fund_day_totals_counterpart" FOREIGN KEY ("counterpart_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT)`,
    );
    for (const t of TRIGGERS) {
      await queryRunner.query(`CREATE FUNCTION ${t.fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${UPSERT(t.select)};
          RETURN NULL;
        END
      $$`);
      await queryRunner.query(
        `CREATE TRIGGER ${t.table}_fund_day_totals AFTER INSERT ON ${t.table} REFERENCING NEW TABLE AS ${t.rows}
          FOR EACH STATEMENT EXECUTE FUNCTION ${t.fn}()`,
      );
    }
    // What the journal already holds.
    await queryRunner.query(
      UPSERT(
        [
          JOURNAL_CATEGORIES('postings'),
          FUND_POSTINGS_OF(DONATIONS('donations')),
          FUND_POSTINGS_OF(VOIDS('donation_voids')),
          FUND_POSTINGS_OF(PAYMENTS('award_payments')),
          FUND_POSTINGS_OF(RETURNS('award_payment_returns')),
        ].join(' UNION ALL '),
      ),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of [...TRIGGERS].reverse()) {
      await queryRunner.query(`DROP TRIGGER ${t.table}_fund_day_totals ON ${t.table}`);
      await queryRunner.query(`DROP FUNCTION ${t.fn}()`);
    }
    await queryRunner.query(`DROP TABLE "fund_day_totals"`);
  }
}
