import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-capita report shows the in-kind part of the money raised beside the cash: gifts of goods
 * of a subtree in a year, found through this small index rather than every gift of the year.
 */
export class InKindDonationsIndex1795700000023 implements MigrationInterface {
  name = 'InKindDonationsIndex1795700000023';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_donations_in_kind_unit_received" ON "donations" ("unit_id", "received_on") WHERE method = 'in_kind'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_donations_in_kind_unit_received"`);
  }
}
