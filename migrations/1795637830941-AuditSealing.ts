import { MigrationInterface, QueryRunner } from 'typeorm';

// The content every hash covers, in one canonical jsonb text (see audit_log_hash).
const HASHED = `r.chain_seq, r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.actor_id,
  r.actor_name, r.unit_id, r.action, r.entity_type, r.entity_id, r.before, r.after, r.request_id, r.ip, r.prev_hash`;

/**
 * The audit chain is sealed after commit instead of inside every transaction. Appending took a
 * global lock held to COMMIT, so every audited change in the system committed one at a time
 * (the bench measured it halving the write rate). Rows now get their `seq` from a sequence (in the
 * trigger, whatever the client sent) and no lock; `audit_log_seal()` chains committed rows in order under the lock, every second and
 * before every verification. A row can only ever be updated once, by sealing, and only in its
 * chain columns. Existing rows are re-chained with the new hash (which also covers chain_seq).
 */
export class AuditSealing1795637830941 implements MigrationInterface {
  name = 'AuditSealing1795637830941';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE audit_log_seq OWNED BY audit_log.seq`);
    await queryRunner.query(
      `SELECT setval('audit_log_seq', coalesce((SELECT max(seq) FROM audit_log), 0) + 1, false)`,
    );
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "chain_seq" bigint`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_audit_log_chain_seq" ON "audit_log"  ("chain_seq") `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_log_unsealed" ON "audit_log"  ("seq") WHERE chain_seq IS NULL`,
    );

    await queryRunner.query(`DROP TRIGGER audit_log_immutable ON audit_log`);
    await queryRunner.query(`UPDATE audit_log SET prev_hash = NULL, hash = NULL`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_log_hash(r audit_log) RETURNS char(64) LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(sha256(convert_to(jsonb_build_array(${HASHED})::text, 'UTF8')), 'hex')
    $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_log_append() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.seq := nextval('audit_log_seq');
        NEW.at := clock_timestamp();
        NEW.chain_seq := NULL;
        NEW.prev_hash := NULL;
        NEW.hash := NULL;
        RETURN NEW;
      END
    $$`);
    await queryRunner.query(`CREATE FUNCTION audit_log_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
           AND (NEW.seq, NEW.at, NEW.actor_id, NEW.actor_name, NEW.unit_id, NEW.action, NEW.entity_type,
                NEW.entity_id, NEW.before::text, NEW.after::text, NEW.request_id, NEW.ip)
               IS NOT DISTINCT FROM
               (OLD.seq, OLD.at, OLD.actor_id, OLD.actor_name, OLD.unit_id, OLD.action, OLD.entity_type,
                OLD.entity_id, OLD.before::text, OLD.after::text, OLD.request_id, OLD.ip) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    // SECURITY DEFINER: a database role without UPDATE on audit_log can still seal.
    await queryRunner.query(`CREATE FUNCTION audit_log_seal(max_rows integer) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE last_chain bigint; last_hash char(64); r audit_log%ROWTYPE; n integer := 0;
      BEGIN
        PERFORM pg_advisory_xact_lock(7344203);
        SELECT chain_seq, hash INTO last_chain, last_hash FROM audit_log
         WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
        FOR r IN SELECT * FROM audit_log WHERE chain_seq IS NULL ORDER BY seq LIMIT max_rows LOOP
          r.chain_seq := coalesce(last_chain, 0) + 1;
          r.prev_hash := last_hash;
          r.hash := audit_log_hash(r);
          UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE seq = r.seq;
          last_chain := r.chain_seq;
          last_hash := r.hash;
          n := n + 1;
        END LOOP;
        RETURN n;
      END
    $$`);
    await queryRunner.query(`SELECT audit_log_seal(2147483647)`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_seal_only BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard_update()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_no_delete ON audit_log`);
    await queryRunner.query(`DROP TRIGGER audit_log_seal_only ON audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_seal(integer)`);
    await queryRunner.query(`DROP FUNCTION audit_log_guard_update()`);
    // Back to one chain by seq, hashed the old way, built row by row.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_log_hash(r audit_log) RETURNS char(64) LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(sha256(convert_to(jsonb_build_array(
        r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.actor_id, r.actor_name,
        r.unit_id, r.action, r.entity_type, r.entity_id, r.before, r.after, r.request_id, r.ip, r.prev_hash
      )::text, 'UTF8')), 'hex')
    $$`);
    await queryRunner.query(`DO $$
      DECLARE r audit_log%ROWTYPE; last_hash char(64);
      BEGIN
        FOR r IN SELECT * FROM audit_log ORDER BY seq LOOP
          r.prev_hash := last_hash;
          r.hash := audit_log_hash(r);
          UPDATE audit_log SET prev_hash = r.prev_hash, hash = r.hash WHERE seq = r.seq;
          last_hash := r.hash;
        END LOOP;
      END
    $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_log_append() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(
      `CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_unsealed"`);
    await queryRunner.query(`DROP INDEX "public"."ux_audit_log_chain_seq"`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "chain_seq"`);
    await queryRunner.query(`DROP SEQUENCE IF EXISTS audit_log_seq`);
  }
}
