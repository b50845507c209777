import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-kind gifts (goods: notebooks, bicycles) were posted to a fund's available cash, so an award
 * round could reserve them and pay them out in money. Now each fund has a third account,
 * `fund_in_kind`, with its projection `funds.in_kind`: in-kind gifts post there, leave it when the
 * goods are handed out (`in_kind_issue` entries) and are never reserved or transferred.
 *
 * Gifts already recorded are moved, not edited: per fund, one balanced `reclassification` entry
 * (fund_available → fund_in_kind) of the value of its live (not voided) in-kind gifts, dated the
 * day of the upgrade. Where the fund's available cash is less than that value (the goods' value
 * was already reserved or paid out as money), only the available part is moved and a NOTICE names
 * the fund: that value was spent as cash and cannot be handed out again as goods.
 */
export class InKindFunds1795700000021 implements MigrationInterface {
  name = 'InKindFunds1795700000021';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ck_ledger_accounts_kind"`);
    await queryRunner.query(
      `ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ck_ledger_accounts_kind" CHECK (kind IN ('fund_available', 'fund_reserved', 'fund_in_kind', 'unit_income', 'unit_payout', 'unit_opening'))`,
    );
    // Unchanged in meaning (fund_in_kind is a fund account), restated so a reviewer sees it holds.
    await queryRunner.query(`ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ck_ledger_accounts_owner"`);
    await queryRunner.query(
      `ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ck_ledger_accounts_owner" CHECK ((fund_id IS NOT NULL) = (kind LIKE 'fund_%'))`,
    );
    await queryRunner.query(`ALTER TABLE "journal_entries" DROP CONSTRAINT "ck_journal_entries_kind"`);
    await queryRunner.query(
      `ALTER TABLE "journal_entries" ADD CONSTRAINT "ck_journal_entries_kind" CHECK (kind IN ('donation', 'transfer', 'disbursement', 'reservation', 'release', 'reversal', 'opening_balance', 'in_kind_issue', 'reclassification'))`,
    );
    await queryRunner.query(`ALTER TABLE "funds" ADD "in_kind" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "funds" ADD CONSTRAINT "ck_funds_in_kind" CHECK (in_kind >= 0)`);
    await queryRunner.query(
      `INSERT INTO ledger_accounts (id, kind, unit_id, fund_id)
       SELECT gen_random_uuid(), 'fund_in_kind', f.unit_id, f.id FROM funds f`,
    );
    // The reclassification of gifts already recorded, one entry per fund. Postings go in through
    // their triggers (balance check, report totals), like any entry.
    await queryRunner.query(`DO $$
      DECLARE
        r record;
        moved bigint;
        entry uuid;
      BEGIN
        FOR r IN
          SELECT f.id, f.unit_id, f.name, f.balance - f.reserved AS available, sum(d.amount) AS held
            FROM funds f JOIN donations d ON d.fund_id = f.id AND d.method = 'in_kind'
           WHERE NOT EXISTS (SELECT 1 FROM donation_voids v WHERE v.donation_id = d.id)
           GROUP BY f.id ORDER BY f.id
        LOOP
          moved := least(r.held, r.available);
          IF moved < r.held THEN
            RAISE NOTICE 'fund % (%): in-kind gifts of % đồng, only % đồng of available cash left to move',
              r.id, r.name, r.held, moved;
          END IF;
          CONTINUE WHEN moved <= 0;
          PERFORM 1 FROM funds WHERE id = r.id FOR UPDATE;
          entry := gen_random_uuid();
          INSERT INTO journal_entries (id, kind, unit_id, value_date, description)
          VALUES (entry, 'reclassification', r.unit_id, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                  'Tách giá trị hiện vật đã nhận khỏi tiền mặt của quỹ (nâng cấp hệ thống)');
          INSERT INTO postings (entry_id, account_id, fund_id, unit_id, amount, value_date)
          SELECT entry, a.id, r.id, r.unit_id,
                 CASE a.kind WHEN 'fund_available' THEN -moved ELSE moved END, e.value_date
            FROM ledger_accounts a CROSS JOIN journal_entries e
           WHERE e.id = entry AND a.fund_id = r.id AND a.kind IN ('fund_available', 'fund_in_kind');
          UPDATE funds SET balance = balance - moved, in_kind = in_kind + moved WHERE id = r.id;
        END LOOP;
      END
    $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The journal is append-only: going back needs no in-kind money left on the new accounts.
    const [{ n }] = await queryRunner.query(
      `SELECT count(*)::int AS n FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
        WHERE a.kind = 'fund_in_kind'`,
    );
    if (n > 0)
      throw new Error(
        `${n} postings use fund_in_kind accounts: the journal is append-only, so this migration cannot be undone`,
      );
    await queryRunner.query(`DELETE FROM ledger_accounts WHERE kind = 'fund_in_kind'`);
    await queryRunner.query(`ALTER TABLE "funds" DROP CONSTRAINT "ck_funds_in_kind"`);
    await queryRunner.query(`ALTER TABLE "funds" DROP COLUMN "in_kind"`);
    await queryRunner.query(`ALTER TABLE "journal_entries" DROP CONSTRAINT "ck_journal_entries_kind"`);
    await queryRunner.query(
      `ALTER TABLE "journal_entries" ADD CONSTRAINT "ck_journal_entries_kind" CHECK (kind IN ('donation', 'transfer', 'disbursement', 'reservation', 'release', 'reversal', 'opening_balance'))`,
    );
    await queryRunner.query(`ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ck_ledger_accounts_kind"`);
    await queryRunner.query(
      `ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ck_ledger_accounts_kind" CHECK (kind IN ('fund_available', 'fund_reserved', 'unit_income', 'unit_payout', 'unit_opening'))`,
    );
  }
}
