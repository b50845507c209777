import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Funds, the append-only journal (entries, postings, accounts), opening balances, idempotency keys,
 * donors, donations with their voids and receipt counters, and the documents outbox.
 */
export class Ledger1795635818197 implements MigrationInterface {
  name = 'Ledger1795635818197';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "subject_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'pending', "sha256" character(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_documents_status" CHECK (status IN ('pending', 'ready', 'failed')), CONSTRAINT "ck_documents_kind" CHECK (kind IN ('receipt', 'certificate', 'statement', 'payment_list')), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_documents_pending" ON "documents"  ("created_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_documents_subject" ON "documents"  ("kind", "subject_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "journal_entries" ("id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "unit_id" uuid NOT NULL, "value_date" date NOT NULL, "description" text NOT NULL, "reverses_entry_id" uuid, "created_by" uuid, "request_id" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_journal_entries_reversal" CHECK ((kind = 'reversal') = (reverses_entry_id IS NOT NULL)), CONSTRAINT "ck_journal_entries_kind" CHECK (kind IN ('donation', 'transfer', 'disbursement', 'reservation', 'release', 'reversal', 'opening_balance')), CONSTRAINT "PK_a70368e64230434457c8d007ab3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_journal_entries_unit_id" ON "journal_entries"  ("unit_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_journal_entries_reverses" ON "journal_entries"  ("reverses_entry_id") WHERE reverses_entry_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "donors" ("id" uuid NOT NULL, "unit_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "name" text NOT NULL, "search_name" text NOT NULL, "phone" character varying(32), "address" text, "tax_code" character varying(20), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_donors_kind" CHECK (kind IN ('person', 'family', 'clan', 'enterprise', 'organisation', 'anonymous')), CONSTRAINT "PK_7fafae759bcc8cc1dfa09c3fbcf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_donors_unit_id" ON "donors"  ("unit_id") `);
    await queryRunner.query(`CREATE INDEX "ix_donors_search_name" ON "donors"  ("search_name") `);
    await queryRunner.query(
      `CREATE TABLE "funds" ("id" uuid NOT NULL, "unit_id" uuid NOT NULL, "name" text NOT NULL, "search_name" text NOT NULL, "kind" character varying(24) NOT NULL, "restriction" text, "status" character varying(8) NOT NULL DEFAULT 'open', "balance" bigint NOT NULL DEFAULT '0', "reserved" bigint NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_funds_available" CHECK (balance - reserved >= 0), CONSTRAINT "ck_funds_reserved" CHECK (reserved >= 0), CONSTRAINT "ck_funds_status" CHECK (status IN ('open', 'closed')), CONSTRAINT "ck_funds_kind" CHECK (kind IN ('general', 'talent', 'named_scholarship', 'workers', 'clan', 'other')), CONSTRAINT "PK_d785f4bb8f680f3febd40718f68" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_funds_unit_id" ON "funds"  ("unit_id") `);
    await queryRunner.query(
      `CREATE TABLE "donations" ("id" uuid NOT NULL, "unit_id" uuid NOT NULL, "fund_id" uuid NOT NULL, "donor_id" uuid NOT NULL, "amount" bigint NOT NULL, "method" character varying(16) NOT NULL, "in_kind_description" text, "received_on" date NOT NULL, "reference" text, "purpose" text, "note" text, "entry_id" uuid NOT NULL, "receipt_year" smallint NOT NULL, "receipt_number" integer NOT NULL, "receipt_code" character varying(16) NOT NULL, "receipt_snapshot" jsonb NOT NULL, "import_id" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_donations_in_kind" CHECK ((method = 'in_kind') = (in_kind_description IS NOT NULL)), CONSTRAINT "ck_donations_method" CHECK (method IN ('cash', 'bank_transfer', 'in_kind')), CONSTRAINT "ck_donations_amount" CHECK (amount > 0), CONSTRAINT "PK_c01355d6f6f50fc6d1b4a946abf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_donations_donor_id" ON "donations"  ("donor_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_donations_entry_id" ON "donations"  ("entry_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_donations_receipt_code" ON "donations"  ("receipt_code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_donations_unit_received" ON "donations"  ("unit_id", "received_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_donations_fund_received" ON "donations"  ("fund_id", "received_on") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_donations_receipt" ON "donations"  ("unit_id", "receipt_year", "receipt_number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "donation_voids" ("donation_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "reason" text NOT NULL, "voided_by" uuid NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_088edb8ae5622a2aa6f171c0695" PRIMARY KEY ("donation_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "receipt_counters" ("unit_id" uuid NOT NULL, "year" smallint NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_4b654010d394a3b5f2f556a9fb1" PRIMARY KEY ("unit_id", "year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("scope" uuid NOT NULL, "key" character varying(128) NOT NULL, "request_hash" character(64) NOT NULL, "response_status" smallint, "response_body" json, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_15de2f76fa9f27ad8f330983607" PRIMARY KEY ("scope", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_idempotency_keys_created_at" ON "idempotency_keys"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_accounts" ("id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "unit_id" uuid NOT NULL, "fund_id" uuid, CONSTRAINT "ck_ledger_accounts_owner" CHECK ((fund_id IS NOT NULL) = (kind LIKE 'fund_%')), CONSTRAINT "ck_ledger_accounts_kind" CHECK (kind IN ('fund_available', 'fund_reserved', 'unit_income', 'unit_payout', 'unit_opening')), CONSTRAINT "PK_62b34396dda564757cf123fff0e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_ledger_accounts_unit_kind" ON "ledger_accounts"  ("unit_id", "kind") WHERE fund_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_ledger_accounts_fund_kind" ON "ledger_accounts"  ("fund_id", "kind") WHERE fund_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "opening_balances" ("fund_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "amount" bigint NOT NULL, "as_of" date NOT NULL, "reference" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3476952643e60de8d883cbb9d16" PRIMARY KEY ("entry_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_opening_balances_fund_id" ON "opening_balances" ("fund_id") `);
    await queryRunner.query(
      `CREATE TABLE "postings" ("id" BIGSERIAL NOT NULL, "entry_id" uuid NOT NULL, "account_id" uuid NOT NULL, "fund_id" uuid, "unit_id" uuid NOT NULL, "amount" bigint NOT NULL, "value_date" date NOT NULL, CONSTRAINT "ck_postings_amount" CHECK (amount <> 0), CONSTRAINT "PK_6bdb1a5dc47d018aa7877aa9ffb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_postings_entry_id" ON "postings"  ("entry_id") `);
    await queryRunner.query(`CREATE INDEX "ix_postings_account_id" ON "postings"  ("account_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_postings_fund_value_date" ON "postings"  ("fund_id", "value_date") `,
    );
    await queryRunner.query(`ALTER TABLE "units" ADD "address" text`);
    await queryRunner.query(
      `ALTER TABLE "journal_entries" ADD CONSTRAINT "fk_journal_entries_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "journal_entries" ADD CONSTRAINT "fk_journal_entries_reverses" FOREIGN KEY ("reverses_entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "donors" ADD CONSTRAINT "fk_donors_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funds" ADD CONSTRAINT "fk_funds_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "donations" ADD CONSTRAINT "fk_donations_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "donations" ADD CONSTRAINT "fk_donations_fund" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "donations" ADD CONSTRAINT "fk_donations_donor" FOREIGN KEY ("donor_id") REFERENCES "donors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "donations" ADD CONSTRAINT "fk_donations_entry" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "donation_voids" ADD CONSTRAINT "fk_donation_voids_donation" FOREIGN KEY ("donation_id") REFERENCES "donations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "donation_voids" ADD CONSTRAINT "fk_donation_voids_entry" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "receipt_counters" ADD CONSTRAINT "fk_receipt_counters_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_accounts" ADD CONSTRAINT "fk_ledger_accounts_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_accounts" ADD CONSTRAINT "fk_ledger_accounts_fund" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "opening_balances" ADD CONSTRAINT "fk_opening_balances_fund" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "opening_balances" ADD CONSTRAINT "fk_opening_balances_entry" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "postings" ADD CONSTRAINT "fk_postings_entry" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "postings" ADD CONSTRAINT "fk_postings_account" FOREIGN KEY ("account_id") REFERENCES "ledger_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Money rows are never edited or deleted, whatever the code does: a correction is a new row.
    await queryRunner.query(`CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    for (const table of ['journal_entries', 'postings', 'donations', 'donation_voids', 'opening_balances']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`,
      );
      await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
    }
    // Every entry balances, checked at commit when all its postings are in.
    await queryRunner.query(`CREATE FUNCTION journal_entry_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE lines integer; total numeric;
      BEGIN
        SELECT count(*), coalesce(sum(amount), 0) INTO lines, total FROM postings WHERE entry_id = NEW.entry_id;
        IF lines < 2 OR total <> 0 THEN
          RAISE EXCEPTION 'journal entry % does not balance (% postings, sum %)', NEW.entry_id, lines, total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(`CREATE FUNCTION journal_entry_has_postings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM postings WHERE entry_id = NEW.id) THEN
          RAISE EXCEPTION 'journal entry % has no postings', NEW.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON postings DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW EXECUTE FUNCTION journal_entry_check_balanced()`,
    );
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER journal_entries_have_postings AFTER INSERT ON journal_entries DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW EXECUTE FUNCTION journal_entry_has_postings()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER journal_entries_have_postings ON journal_entries`);
    await queryRunner.query(`DROP TRIGGER postings_balanced ON postings`);
    await queryRunner.query(`DROP FUNCTION journal_entry_has_postings()`);
    await queryRunner.query(`DROP FUNCTION journal_entry_check_balanced()`);
    for (const table of ['journal_entries', 'postings', 'donations', 'donation_voids', 'opening_balances']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_immutable ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION ledger_refuse_change()`);
    await queryRunner.query(`ALTER TABLE "postings" DROP CONSTRAINT "fk_postings_account"`);
    await queryRunner.query(`ALTER TABLE "postings" DROP CONSTRAINT "fk_postings_entry"`);
    await queryRunner.query(`ALTER TABLE "opening_balances" DROP CONSTRAINT "fk_opening_balances_entry"`);
    await queryRunner.query(`ALTER TABLE "opening_balances" DROP CONSTRAINT "fk_opening_balances_fund"`);
    await queryRunner.query(`ALTER TABLE "ledger_accounts" DROP CONSTRAINT "fk_ledger_accounts_fund"`);
    await queryRunner.query(`ALTER TABLE "ledger_accounts" DROP CONSTRAINT "fk_ledger_accounts_unit"`);
    await queryRunner.query(`ALTER TABLE "receipt_counters" DROP CONSTRAINT "fk_receipt_counters_unit"`);
    await queryRunner.query(`ALTER TABLE "donation_voids" DROP CONSTRAINT "fk_donation_voids_entry"`);
    await queryRunner.query(`ALTER TABLE "donation_voids" DROP CONSTRAINT "fk_donation_voids_donation"`);
    await queryRunner.query(`ALTER TABLE "donations" DROP CONSTRAINT "fk_donations_entry"`);
    await queryRunner.query(`ALTER TABLE "donations" DROP CONSTRAINT "fk_donations_donor"`);
    await queryRunner.query(`ALTER TABLE "donations" DROP CONSTRAINT "fk_donations_fund"`);
    await queryRunner.query(`ALTER TABLE "donations" DROP CONSTRAINT "fk_donations_unit"`);
    await queryRunner.query(`ALTER TABLE "funds" DROP CONSTRAINT "fk_funds_unit"`);
    await queryRunner.query(`ALTER TABLE "donors" DROP CONSTRAINT "fk_donors_unit"`);
    await queryRunner.query(`ALTER TABLE "journal_entries" DROP CONSTRAINT "fk_journal_entries_reverses"`);
    await queryRunner.query(`ALTER TABLE "journal_entries" DROP CONSTRAINT "fk_journal_entries_unit"`);
    await queryRunner.query(`ALTER TABLE "units" DROP COLUMN "address"`);
    await queryRunner.query(`DROP INDEX "public"."ix_postings_fund_value_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_postings_account_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_postings_entry_id"`);
    await queryRunner.query(`DROP TABLE "postings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_opening_balances_fund_id"`);
    await queryRunner.query(`DROP TABLE "opening_balances"`);
    await queryRunner.query(`DROP INDEX "public"."ux_ledger_accounts_fund_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ux_ledger_accounts_unit_kind"`);
    await queryRunner.query(`DROP TABLE "ledger_accounts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_keys_created_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "receipt_counters"`);
    await queryRunner.query(`DROP TABLE "donation_voids"`);
    await queryRunner.query(`DROP INDEX "public"."ux_donations_receipt"`);
    await queryRunner.query(`DROP INDEX "public"."ix_donations_fund_received"`);
    await queryRunner.query(`DROP INDEX "public"."ix_donations_unit_received"`);
    await queryRunner.query(`DROP INDEX "public"."ux_donations_receipt_code"`);
    await queryRunner.query(`DROP INDEX "public"."ux_donations_entry_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_donations_donor_id"`);
    await queryRunner.query(`DROP TABLE "donations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_funds_unit_id"`);
    await queryRunner.query(`DROP TABLE "funds"`);
    await queryRunner.query(`DROP INDEX "public"."ix_donors_search_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_donors_unit_id"`);
    await queryRunner.query(`DROP TABLE "donors"`);
    await queryRunner.query(`DROP INDEX "public"."ux_journal_entries_reverses"`);
    await queryRunner.query(`DROP INDEX "public"."ix_journal_entries_unit_id"`);
    await queryRunner.query(`DROP TABLE "journal_entries"`);
    await queryRunner.query(`DROP INDEX "public"."ux_documents_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_documents_pending"`);
    await queryRunner.query(`DROP TABLE "documents"`);
  }
}
