import { MigrationInterface, QueryRunner } from 'typeorm';

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

const UPSERT = (select: string) => `
  INSERT INTO fund_day_totals (fund_id, day, category, counterpart_unit_id, amount, reserved)
  SELECT fund_id, day, category, counterpart_unit_id, sum(amount)::bigint, sum(reserved)::bigint
    FROM (${select}) s
   GROUP BY fund_id, day, category, counterpart_unit_id
   ORDER BY fund_id, day, category, counterpart_unit_id
  ON CONFLICT (fund_id, day, category, counterpart_unit_id) DO UPDATE
    SET amount = fund_day_totals.amount + EXCLUDED.amount,
        reserved = fund_day_totals.reserved + EXCLUDED.reserved`;

/** The fund postings of entries (entry_id, category) as rows of the table, before aggregation. */
const FUND_POSTINGS_OF = (entries: string) => `
  SELECT p.fund_id, p.value_date AS day, x.category, p.unit_id AS counterpart_unit_id, p.amount,
         CASE WHEN a.kind = 'fund_reserved' THEN p.amount ELSE 0 END AS reserved
    FROM (${entries}) x
    JOIN postings p ON p.entry_id = x.entry_id AND p.fund_id IS NOT NULL
    JOIN ledger_accounts a ON a.id = p.account_id`;

/** Postings of entries the journal alone classifies (not gifts, payments or their reversals). */
const JOURNAL_CATEGORIES = (postings: string) => `
  SELECT p.fund_id, p.value_date AS day,
         CASE coalesce(o.kind, e.kind)
           WHEN 'opening_balance' THEN 'opening'
           WHEN 'transfer' THEN
             CASE WHEN (p.amount > 0) = (e.kind <> 'reversal') THEN 'transfer_in' ELSE 'transfer_out' END
           WHEN 'reservation' THEN 'reservation'
           WHEN 'release' THEN 'reservation'
           ELSE 'other' END AS category,
         CASE WHEN coalesce(o.kind, e.kind) = 'transfer' THEN
           coalesce((SELECT q.unit_id FROM postings q
                      WHERE q.entry_id = p.entry_id AND q.fund_id IS NOT NULL AND q.fund_id <> p.fund_id
                      LIMIT 1), p.unit_id)
         ELSE p.unit_id END AS counterpart_unit_id,
         p.amount,
         CASE WHEN a.kind = 'fund_reserved' THEN p.amount ELSE 0 END AS reserved
    FROM ${postings} p
    JOIN journal_entries e ON e.id = p.entry_id
    LEFT JOIN journal_entries o ON o.id = e.reverses_entry_id
    JOIN ledger_accounts a ON a.id = p.account_id
   WHERE p.fund_id IS NOT NULL AND coalesce(o.kind, e.kind) NOT IN ('donation', 'disbursement')`;

const DONATIONS = (donations: string) => `
  SELECT d.entry_id, 'raised:' || dn.kind AS category
    FROM ${donations} d JOIN donors dn ON dn.id = d.donor_id`;

const VOIDS = (voids: string) => `
  SELECT v.entry_id, 'voided:' || dn.kind AS category
    FROM ${voids} v JOIN donations d ON d.id = v.donation_id JOIN donors dn ON dn.id = d.donor_id`;

const PAYMENTS = (payments: string) => `
  SELECT ap.entry_id, 'paid:' || c.recipient_type AS category
    FROM ${payments} ap JOIN awards a ON a.id = ap.award_id JOIN award_categories c ON c.id = a.category_id`;

const RETURNS = (returns: string) => `
  SELECT r.entry_id, 'returned:' || c.recipient_type AS category
    FROM ${returns} r JOIN award_payments ap ON ap.id = r.payment_id
    JOIN awards a ON a.id = ap.award_id JOIN award_categories c ON c.id = a.category_id`;

const TRIGGERS: { table: string; fn: string; rows: string; select: string }[] = [
  {
    table: 'postings',
    fn: 'postings_add_to_fund_day_totals',
    rows: 'new_postings',
    select: JOURNAL_CATEGORIES('new_postings'),
  },
  {
    table: 'donations',
    fn: 'donations_add_to_fund_day_totals',
    rows: 'new_donations',
    select: FUND_POSTINGS_OF(DONATIONS('new_donations')),
  },
  {
    table: 'donation_voids',
    fn: 'donation_voids_add_to_fund_day_totals',
    rows: 'new_voids',
    select: FUND_POSTINGS_OF(VOIDS('new_voids')),
  },
  {
    table: 'award_payments',
    fn: 'award_payments_add_to_fund_day_totals',
    rows: 'new_payments',
    select: FUND_POSTINGS_OF(PAYMENTS('new_payments')),
  },
  {
    table: 'award_payment_returns',
    fn: 'award_payment_returns_add_to_fund_day_totals',
    rows: 'new_returns',
    select: FUND_POSTINGS_OF(RETURNS('new_returns')),
  },
];

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
