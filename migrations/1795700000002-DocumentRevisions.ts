import { MigrationInterface, QueryRunner } from 'typeorm';

/** A document's revision: what a render job renders, and what it may store (see DocumentRecord). */
export class DocumentRevisions1795700000002 implements MigrationInterface {
  name = 'DocumentRevisions1795700000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" ADD "revision" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "revision"`);
  }
}
