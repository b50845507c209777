import { MigrationInterface, QueryRunner } from 'typeorm';

const RAISE = `IF FOUND THEN
          RAISE EXCEPTION 'journal entry % does not balance (% postings, sum %)', bad.entry_id, bad.lines, bad.total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;`;

/**
 * The statement-level balance check looks up each new entry's postings by index. Written as
 * `entry_id IN (SELECT DISTINCT …)` the planner, which can only guess the transition table's
 * distinct count (200) and sees no statistics for rows of the open transaction, chose a merge
 * join over the whole of ix_postings_entry_id: every COPY of an import read all the postings
 * written so far, so a 100,000-row import spent O(n²) in the check. The same check, per entry.
 */
export class BalanceCheckByEntry1795640000000 implements MigrationInterface {
  name = 'BalanceCheckByEntry1795640000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION postings_check_balanced_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bad record;
      BEGIN
        SELECT n.entry_id, s.lines, s.total INTO bad
          FROM (SELECT DISTINCT entry_id FROM new_postings) n
         CROSS JOIN LATERAL (SELECT count(*) AS lines, coalesce(sum(p.amount), 0) AS total
                               FROM postings p WHERE p.entry_id = n.entry_id) s
         WHERE s.lines < 2 OR s.total <> 0 LIMIT 1;
        ${RAISE}
      END
    $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION postings_check_balanced_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bad record;
      BEGIN
        SELECT p.entry_id, count(*) AS lines, sum(p.amount) AS total INTO bad
          FROM postings p WHERE p.entry_id IN (SELECT DISTINCT entry_id FROM new_postings)
         GROUP BY p.entry_id HAVING count(*) < 2 OR sum(p.amount) <> 0 LIMIT 1;
        ${RAISE}
      END
    $$`);
  }
}
