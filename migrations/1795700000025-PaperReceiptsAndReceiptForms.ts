import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Paper receipts already handed out, transcribed with their own book and number: a separate
 * series, unique per unit, year, book and number, that never takes a number of the electronic
 * series (such a donation has no receipt_number, and receipt_counters is not touched). And the
 * receipt form a unit issues on (its accounting regime), inherited from the nearest ancestor.
 */
export class PaperReceiptsAndReceiptForms1795700000025 implements MigrationInterface {
  name = 'PaperReceiptsAndReceiptForms1795700000025';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "donations" ALTER COLUMN "receipt_number" DROP NOT NULL`);
    await q.query(`ALTER TABLE "donations" ADD "paper_book" character varying(10)`);
    await q.query(`ALTER TABLE "donations" ADD "paper_number" integer`);
    await q.query(
      `ALTER TABLE "donations" ADD CONSTRAINT "ck_donations_receipt_series" CHECK ((receipt_number IS NULL) = (paper_number IS NOT NULL) AND (paper_book IS NULL) = (paper_number IS NULL) AND (paper_number IS NULL OR paper_number > 0))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "ux_donations_paper_receipt" ON "donations" ("unit_id", "receipt_year", "paper_book", "paper_number") WHERE paper_number IS NOT NULL`,
    );
    await q.query(`ALTER TABLE "units" ADD "receipt_form" character varying(16)`);
    await q.query(
      `ALTER TABLE "units" ADD CONSTRAINT "ck_units_receipt_form" CHECK (receipt_form IS NULL OR receipt_form IN ('tt24_2024', 'tt133_2016'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "units" DROP CONSTRAINT "ck_units_receipt_form"`);
    await q.query(`ALTER TABLE "units" DROP COLUMN "receipt_form"`);
    await q.query(`DROP INDEX "ux_donations_paper_receipt"`);
    await q.query(`ALTER TABLE "donations" DROP CONSTRAINT "ck_donations_receipt_series"`);
    // Fails while transcribed paper receipts exist: they have no electronic number to go back to.
    await q.query(`ALTER TABLE "donations" DROP COLUMN "paper_number"`);
    await q.query(`ALTER TABLE "donations" DROP COLUMN "paper_book"`);
    await q.query(`ALTER TABLE "donations" ALTER COLUMN "receipt_number" SET NOT NULL`);
  }
}
