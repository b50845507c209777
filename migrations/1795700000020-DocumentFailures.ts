import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a document's render failed for good (its last attempt): the download answers 409 JOB_FAILED
 * with it instead of 202 for ever. Cleared when the document is owed again or stored.
 */
export class DocumentFailures1795700000020 implements MigrationInterface {
  name = 'DocumentFailures1795700000020';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" ADD "error" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "documents" SET "status" = 'pending' WHERE "status" = 'failed'`);
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "error"`);
  }
}
