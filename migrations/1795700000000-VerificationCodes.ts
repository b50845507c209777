import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verification codes become a serial plus its HMAC (src/documents/verification-codes.ts): the
 * serial's sequence, the installation's key (32 bytes from pg's strong random source, made once
 * here, so every process and every restore of a backup signs alike), and the certificate's code
 * as a column so GET /verify/:code finds it by index. Codes issued before keep their old form
 * and no longer verify: nothing had been issued outside tests.
 */
export class VerificationCodes1795700000000 implements MigrationInterface {
  name = 'VerificationCodes1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "document_serial" AS bigint MINVALUE 1 MAXVALUE 1073741823`);
    await queryRunner.query(
      `CREATE TABLE "signing_keys" ("name" character varying(32) NOT NULL, "secret" bytea NOT NULL,
        CONSTRAINT "PK_signing_keys" PRIMARY KEY ("name"), CONSTRAINT "ck_signing_keys_secret" CHECK (length(secret) = 32))`,
    );
    await queryRunner.query(
      `INSERT INTO "signing_keys" ("name", "secret")
       VALUES ('verification', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))`,
    );
    await queryRunner.query(`ALTER TABLE "award_payments" ADD "certificate_code" character varying(16)`);
    await queryRunner.query(
      `UPDATE "award_payments" SET "certificate_code" = "certificate_snapshot"->>'code'`,
    );
    await queryRunner.query(`ALTER TABLE "award_payments" ALTER COLUMN "certificate_code" SET NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_award_payments_certificate_code" ON "award_payments" ("certificate_code") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_award_payments_certificate_code"`);
    await queryRunner.query(`ALTER TABLE "award_payments" DROP COLUMN "certificate_code"`);
    await queryRunner.query(`DROP TABLE "signing_keys"`);
    await queryRunner.query(`DROP SEQUENCE "document_serial"`);
  }
}
