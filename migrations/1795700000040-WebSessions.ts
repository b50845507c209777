import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workspace's CSRF key: form tokens are HMACs of the session with it, so they survive a
 * restart and every process of a deployment accepts the others' forms.
 */
export class WebSessions1795700000040 implements MigrationInterface {
  name = 'WebSessions1795700000040';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "signing_keys" ("name", "secret")
       VALUES ('csrf', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "signing_keys" WHERE "name" = 'csrf'`);
  }
}
