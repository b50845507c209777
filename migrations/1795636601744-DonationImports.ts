import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spreadsheet imports of donations (validated rows kept until commit), and the balance check of
 * postings moved from one deferred trigger per row to one check per INSERT statement: a bulk
 * import writes 200,000 postings, and every entry's postings are always inserted together.
 */
export class DonationImports1795636601744 implements MigrationInterface {
  name = 'DonationImports1795636601744';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "donation_imports" ("id" uuid NOT NULL, "unit_id" uuid NOT NULL, "fund_id" uuid NOT NULL, "file_name" text NOT NULL, "file_sha256" character(64) NOT NULL, "status" character varying(12) NOT NULL, "expected_count" integer NOT NULL, "expected_total" bigint NOT NULL, "row_count" integer NOT NULL, "total" bigint NOT NULL, "problems" jsonb NOT NULL, "warnings" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "committed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_donation_imports_status" CHECK (status IN ('invalid', 'valid', 'committed')), CONSTRAINT "PK_2853d832706a3d21ca533270776" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_donation_imports_fund_id" ON "donation_imports"  ("fund_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_donation_imports_committed_file" ON "donation_imports"  ("fund_id", "file_sha256") WHERE status = 'committed'`,
    );
    await queryRunner.query(
      `CREATE TABLE "donation_import_rows" ("import_id" uuid NOT NULL, "row_number" integer NOT NULL, "data" jsonb NOT NULL, CONSTRAINT "PK_8c50027eeb1735ab96387a30362" PRIMARY KEY ("import_id", "row_number"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "donation_imports" ADD CONSTRAINT "fk_donation_imports_fund" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "donation_import_rows" ADD CONSTRAINT "fk_donation_import_rows_import" FOREIGN KEY ("import_id") REFERENCES "donation_imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`DROP TRIGGER postings_balanced ON postings`);
    await queryRunner.query(`CREATE FUNCTION postings_check_balanced_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bad record;
      BEGIN
        SELECT p.entry_id, count(*) AS lines, sum(p.amount) AS total INTO bad
          FROM postings p WHERE p.entry_id IN (SELECT DISTINCT entry_id FROM new_postings)
         GROUP BY p.entry_id HAVING count(*) < 2 OR sum(p.amount) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'journal entry % does not balance (% postings, sum %)', bad.entry_id, bad.lines, bad.total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER postings_balanced AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings
         FOR EACH STATEMENT EXECUTE FUNCTION postings_check_balanced_statement()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER postings_balanced ON postings`);
    await queryRunner.query(`DROP FUNCTION postings_check_balanced_statement()`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON postings DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW EXECUTE FUNCTION journal_entry_check_balanced()`,
    );
    await queryRunner.query(
      `ALTER TABLE "donation_import_rows" DROP CONSTRAINT "fk_donation_import_rows_import"`,
    );
    await queryRunner.query(`ALTER TABLE "donation_imports" DROP CONSTRAINT "fk_donation_imports_fund"`);
    await queryRunner.query(`DROP TABLE "donation_import_rows"`);
    await queryRunner.query(`DROP INDEX "public"."ux_donation_imports_committed_file"`);
    await queryRunner.query(`DROP INDEX "public"."ix_donation_imports_fund_id"`);
    await queryRunner.query(`DROP TABLE "donation_imports"`);
  }
}
