import { MigrationInterface, QueryRunner } from 'typeorm';

/** The unit tree, populations, successor links and the reference-data marker. */
export class Init1795628630970 implements MigrationInterface {
  name = 'Init1795628630970';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // btree_gist lets one exclusion constraint keep a code unique among units valid at the same time.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "reference_data_loads" ("name" character varying(64) NOT NULL, "units" integer NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ce403e9d028c2724c85e6dc25e5" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "units" ("id" uuid NOT NULL, "code" character varying(32) NOT NULL, "name" text NOT NULL, "search_name" text NOT NULL, "kind" character varying(16) NOT NULL, "type" character varying(64) NOT NULL, "branch_kind" character varying(16), "parent_id" uuid, "path" text COLLATE "C" NOT NULL, "depth" smallint NOT NULL, "valid_from" date, "valid_to" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_units_root" CHECK ((parent_id IS NULL) = (kind = 'national')), CONSTRAINT "ck_units_validity" CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from), CONSTRAINT "ck_units_branch_kind" CHECK ((kind = 'branch') = (branch_kind IS NOT NULL) AND (branch_kind IS NULL OR branch_kind IN ('village', 'school', 'agency', 'enterprise', 'clan', 'other'))), CONSTRAINT "ck_units_kind" CHECK (kind IN ('national', 'province', 'district', 'commune', 'branch')), CONSTRAINT "ex_units_code_validity" EXCLUDE USING gist (code WITH =, daterange(valid_from, valid_to, '[]') WITH &&), CONSTRAINT "PK_5a8f2f064919b587d93936cb223" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_units_search_name" ON "units"  ("search_name") `);
    await queryRunner.query(`CREATE INDEX "ix_units_parent_id" ON "units"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "ix_units_path" ON "units"  ("path") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_units_single_root" ON "units"  ("kind") WHERE parent_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "unit_populations" ("unit_id" uuid NOT NULL, "year" smallint NOT NULL, "population" integer NOT NULL, "source" text NOT NULL, "note" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_unit_populations_year" CHECK (year BETWEEN 1900 AND 2200), CONSTRAINT "ck_unit_populations_positive" CHECK (population > 0), CONSTRAINT "PK_a0113f6095767033023139fc257" PRIMARY KEY ("unit_id", "year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "unit_successors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "predecessor_id" uuid NOT NULL, "successor_id" uuid NOT NULL, "effective_on" date NOT NULL, "basis" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_unit_successors_distinct" CHECK (predecessor_id <> successor_id), CONSTRAINT "PK_8d7a5a04c7e57af84e7ffb2d815" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_unit_successors_successor_id" ON "unit_successors"  ("successor_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_unit_successors_pair" ON "unit_successors"  ("predecessor_id", "successor_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "unit_tree_stats" ("unit_id" uuid NOT NULL, "descendants" integer NOT NULL, "communes" integer NOT NULL, "branches" integer NOT NULL, "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1be3054d5f2ece602cb8994c13f" PRIMARY KEY ("unit_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "fk_units_parent" FOREIGN KEY ("parent_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_populations" ADD CONSTRAINT "fk_unit_populations_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_successors" ADD CONSTRAINT "fk_unit_successors_predecessor" FOREIGN KEY ("predecessor_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_successors" ADD CONSTRAINT "fk_unit_successors_successor" FOREIGN KEY ("successor_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "unit_successors" DROP CONSTRAINT "fk_unit_successors_successor"`);
    await queryRunner.query(`ALTER TABLE "unit_successors" DROP CONSTRAINT "fk_unit_successors_predecessor"`);
    await queryRunner.query(`ALTER TABLE "unit_populations" DROP CONSTRAINT "fk_unit_populations_unit"`);
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "fk_units_parent"`);
    await queryRunner.query(`DROP TABLE "unit_tree_stats"`);
    await queryRunner.query(`DROP INDEX "public"."ux_unit_successors_pair"`);
    await queryRunner.query(`DROP INDEX "public"."ix_unit_successors_successor_id"`);
    await queryRunner.query(`DROP TABLE "unit_successors"`);
    await queryRunner.query(`DROP TABLE "unit_populations"`);
    await queryRunner.query(`DROP INDEX "public"."ux_units_single_root"`);
    await queryRunner.query(`DROP INDEX "public"."ix_units_path"`);
    await queryRunner.query(`DROP INDEX "public"."ix_units_parent_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_units_search_name"`);
    await queryRunner.query(`DROP TABLE "units"`);
    await queryRunner.query(`DROP TABLE "reference_data_loads"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
