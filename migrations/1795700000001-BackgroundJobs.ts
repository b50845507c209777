import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Long work users start and watch (a round's certificates as one ZIP): progress any api process
 * can report and a restarted worker resumes; at most one run per kind and subject at a time.
 */
export class BackgroundJobs1795700000001 implements MigrationInterface {
  name = 'BackgroundJobs1795700000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "background_jobs" ("id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "subject_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'queued', "total" integer NOT NULL DEFAULT '0', "done" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "result_name" text, "result_sha256" character(64), "error" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_background_jobs_progress" CHECK (done >= 0 AND failed >= 0 AND done + failed <= total), CONSTRAINT "ck_background_jobs_status" CHECK (status IN ('queued', 'running', 'done', 'failed')), CONSTRAINT "ck_background_jobs_kind" CHECK (kind IN ('certificates')), CONSTRAINT "PK_c1f31731b1a02806c4aa631acb8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_background_jobs_active" ON "background_jobs"  ("kind", "subject_id") WHERE status IN ('queued', 'running')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_background_jobs_active"`);
    await queryRunner.query(`DROP TABLE "background_jobs"`);
  }
}
