import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, roles at units, sign-in sessions, and the hash-chained, append-only audit log. */
export class Identity1795633948033 implements MigrationInterface {
  name = 'Identity1795633948033';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("seq" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_name" character varying(64), "unit_id" uuid, "action" character varying(64) NOT NULL, "entity_type" character varying(32) NOT NULL, "entity_id" character varying(64), "before" jsonb, "after" jsonb, "request_id" character varying(64), "ip" character varying(64), "prev_hash" character(64), "hash" character(64) NOT NULL, CONSTRAINT "PK_ce5b9b7d945cab0a6c604bafd9e" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_log_entity" ON "audit_log"  ("entity_type") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_audit_log_prev_hash" ON "audit_log"  ("prev_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_unit_at" ON "audit_log"  ("unit_id", "at") `);

    // The audit chain lives in the database so no code path can append around it. The hash covers
    // every column and the previous row's hash, serialised as one jsonb array (a canonical text).
    await queryRunner.query(`CREATE FUNCTION audit_log_hash(r audit_log) RETURNS char(64) LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(sha256(convert_to(jsonb_build_array(
        r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.actor_id, r.actor_name,
        r.unit_id, r.action, r.entity_type, r.entity_id, r.before, r.after, r.request_id, r.ip, r.prev_hash
      )::text, 'UTF8')), 'hex')
    $$`);
    // Appends are serialised by a transaction-level advisory lock (held to commit), so the row
    // read as "last" is the last committed one, and seq follows the chain without gaps.
    await queryRunner.query(`CREATE FUNCTION audit_log_append() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last audit_log%ROWTYPE;
      BEGIN
        PERFORM pg_advisory_xact_lock(7344203);
        SELECT * INTO last FROM audit_log ORDER BY seq DESC LIMIT 1;
        NEW.seq := coalesce(last.seq, 0) + 1;
        NEW.at := clock_timestamp();
        NEW.prev_hash := last.hash;
        NEW.hash := audit_log_hash(NEW);
        RETURN NEW;
      END
    $$`);
    await queryRunner.query(`CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_append BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    // For a database role other than the owner (recommended in production), privileges say it too.
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL, "username" character varying(64) NOT NULL, "display_name" text NOT NULL, "search_name" text NOT NULL, "password_hash" text NOT NULL, "unit_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_users_username" CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_users_username" ON "users"  ("username") `);
    await queryRunner.query(`CREATE INDEX "ix_users_unit_id" ON "users"  ("unit_id") `);
    await queryRunner.query(
      `CREATE TABLE "auth_sessions" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(32), "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_auth_sessions_user_id" ON "auth_sessions"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "secret_hash" character(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_tokens_session_id" ON "refresh_tokens"  ("session_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "role_assignments" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "granted_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_role_assignments_role" CHECK (role IN ('admin', 'treasurer', 'committee', 'viewer')), CONSTRAINT "PK_fc2df9835ac1d2a34839f113783" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_role_assignments_unit_id" ON "role_assignments"  ("unit_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_role_assignments_user_unit_role" ON "role_assignments"  ("user_id", "unit_id", "role") `,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "fk_auth_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_session" FOREIGN KEY ("session_id") REFERENCES "auth_sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "fk_role_assignments_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "fk_role_assignments_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "role_assignments" DROP CONSTRAINT "fk_role_assignments_unit"`);
    await queryRunner.query(`ALTER TABLE "role_assignments" DROP CONSTRAINT "fk_role_assignments_user"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_session"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP CONSTRAINT "fk_auth_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ux_role_assignments_user_unit_role"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_assignments_unit_id"`);
    await queryRunner.query(`DROP TABLE "role_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_session_id"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_auth_sessions_user_id"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_unit_id"`);
    await queryRunner.query(`DROP INDEX "public"."ux_users_username"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await queryRunner.query(`DROP TRIGGER audit_log_immutable ON audit_log`);
    await queryRunner.query(`DROP TRIGGER audit_log_append ON audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`DROP FUNCTION audit_log_append()`);
    await queryRunner.query(`DROP FUNCTION audit_log_hash(audit_log)`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_unit_at"`);
    await queryRunner.query(`DROP INDEX "public"."ux_audit_log_prev_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_entity"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
