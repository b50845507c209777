import { MigrationInterface, QueryRunner } from 'typeorm';

export class Awards1795642164846 implements MigrationInterface {
  name = 'Awards1795642164846';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "award_rounds" ("id" uuid NOT NULL, "unit_id" uuid NOT NULL, "fund_id" uuid NOT NULL, "title" text NOT NULL, "period" character varying(9) NOT NULL, "budget" bigint NOT NULL, "nomination_opens_on" date NOT NULL, "nomination_closes_on" date NOT NULL, "approvals_required" integer NOT NULL, "status" character varying(8) NOT NULL, "reservation_entry_id" uuid, "release_entry_id" uuid, "decision_number" character varying(50), "decision_date" date, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_award_rounds_window" CHECK (nomination_closes_on >= nomination_opens_on), CONSTRAINT "ck_award_rounds_approvals" CHECK (approvals_required >= 1), CONSTRAINT "ck_award_rounds_budget" CHECK (budget > 0), CONSTRAINT "ck_award_rounds_status" CHECK (status IN ('draft', 'open', 'review', 'decided', 'paying', 'closed')), CONSTRAINT "PK_a2f1df312fbe12aee93c53ede50" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_award_rounds_unit_id" ON "award_rounds"  ("unit_id") `);
    await queryRunner.query(
      `CREATE TABLE "award_committee_members" ("round_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(8) NOT NULL, CONSTRAINT "ck_award_committee_members_role" CHECK (role IN ('chair', 'member')), CONSTRAINT "PK_4aeae14fb16b06956a62c61c5cf" PRIMARY KEY ("round_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_award_committee_chair" ON "award_committee_members"  ("round_id") WHERE role = 'chair'`,
    );
    await queryRunner.query(
      `CREATE TABLE "award_categories" ("id" uuid NOT NULL, "round_id" uuid NOT NULL, "position" integer NOT NULL, "name" text NOT NULL, "recipient_type" character varying(16) NOT NULL, "amount" bigint NOT NULL, "quota" integer NOT NULL, "sub_unit_quota" integer, "rules" jsonb NOT NULL, CONSTRAINT "ck_award_categories_quota" CHECK (quota > 0 AND (sub_unit_quota IS NULL OR sub_unit_quota > 0)), CONSTRAINT "ck_award_categories_amount" CHECK (amount > 0), CONSTRAINT "ck_award_categories_recipient" CHECK (recipient_type IN ('student', 'teacher', 'worker', 'worker_child')), CONSTRAINT "PK_b4dc413daeafaf7e1e8644d7374" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_award_categories_round_id" ON "award_categories"  ("round_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "nominations" ("id" uuid NOT NULL, "round_id" uuid NOT NULL, "category_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "full_name" text NOT NULL, "search_name" text NOT NULL, "birth_date" date NOT NULL, "gender" character varying(8) NOT NULL, "school" text, "class_name" character varying(50), "workplace" text, "guardian_name" text, "household_status" character varying(16), "study_level" character varying(16), "grade_average" numeric(4,2), "achievement_level" character varying(16), "national_id" character varying(12), "reason" text, "consent_guardian" boolean NOT NULL, "consent_child" boolean NOT NULL, "duplicate_of" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_nominations_grade" CHECK (grade_average IS NULL OR (grade_average >= 0 AND grade_average <= 10)), CONSTRAINT "ck_nominations_household" CHECK (household_status IS NULL OR household_status IN ('poor', 'near_poor', 'other')), CONSTRAINT "ck_nominations_gender" CHECK (gender IN ('male', 'female')), CONSTRAINT "PK_94d2a23f18ea8e3b22d1ec6e972" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_nominations_unit_id" ON "nominations"  ("unit_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_nominations_national_id" ON "nominations"  ("national_id") WHERE national_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_nominations_person" ON "nominations"  ("search_name", "birth_date") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_nominations_round_category" ON "nominations"  ("round_id", "category_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "nomination_reviews" ("nomination_id" uuid NOT NULL, "member_id" uuid NOT NULL, "vote" character varying(8) NOT NULL, "score" numeric(4,2), "comment" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_nomination_reviews_score" CHECK (score IS NULL OR (score >= 0 AND score <= 10)), CONSTRAINT "ck_nomination_reviews_vote" CHECK (vote IN ('approve', 'reject', 'abstain')), CONSTRAINT "PK_74d0190ef0976a3590a1c90dff9" PRIMARY KEY ("nomination_id", "member_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "nomination_recusals" ("nomination_id" uuid NOT NULL, "member_id" uuid NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df02078f4916b5e3c7851a35bb1" PRIMARY KEY ("nomination_id", "member_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "awards" ("id" uuid NOT NULL, "round_id" uuid NOT NULL, "category_id" uuid NOT NULL, "nomination_id" uuid NOT NULL, "amount" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_awards_amount" CHECK (amount > 0), CONSTRAINT "PK_bc3f6adc548ff46c76c03e06377" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_awards_round_id" ON "awards"  ("round_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_awards_nomination_id" ON "awards"  ("nomination_id") `);
    await queryRunner.query(
      `CREATE TABLE "award_payments" ("id" uuid NOT NULL, "award_id" uuid NOT NULL, "attempt" integer NOT NULL, "entry_id" uuid NOT NULL, "method" character varying(16) NOT NULL, "paid_on" date NOT NULL, "handed_over_by" text, "signed_by" character varying(10), "bank_account" character varying(40), "bank_name" text, "reference" character varying(100), "certificate_snapshot" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_award_payments_signer" CHECK (signed_by IS NULL OR signed_by IN ('recipient', 'guardian')), CONSTRAINT "ck_award_payments_method" CHECK (method IN ('cash', 'bank_transfer')), CONSTRAINT "PK_084be449d662f585001d72949b5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_award_payments_entry_id" ON "award_payments"  ("entry_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_award_payments_attempt" ON "award_payments"  ("award_id", "attempt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "award_payment_returns" ("payment_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "reason" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4b2075b65517625c4a745a91012" PRIMARY KEY ("payment_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "award_revocations" ("award_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "reason" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_62612cd98543e6ac098fce354ef" PRIMARY KEY ("award_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_rounds" ADD CONSTRAINT "fk_award_rounds_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_rounds" ADD CONSTRAINT "fk_award_rounds_fund" FOREIGN KEY ("fund_id") REFERENCES "funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_rounds" ADD CONSTRAINT "fk_award_rounds_reservation" FOREIGN KEY ("reservation_entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_rounds" ADD CONSTRAINT "fk_award_rounds_release" FOREIGN KEY ("release_entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_rounds" ADD CONSTRAINT "fk_award_rounds_decided_by" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_committee_members" ADD CONSTRAINT "fk_award_committee_members_round" FOREIGN KEY ("round_id") REFERENCES "award_rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_committee_members" ADD CONSTRAINT "fk_award_committee_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_categories" ADD CONSTRAINT "fk_award_categories_round" FOREIGN KEY ("round_id") REFERENCES "award_rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominations" ADD CONSTRAINT "fk_nominations_round" FOREIGN KEY ("round_id") REFERENCES "award_rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominations" ADD CONSTRAINT "fk_nominations_category" FOREIGN KEY ("category_id") REFERENCES "award_categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominations" ADD CONSTRAINT "fk_nominations_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominations" ADD CONSTRAINT "fk_nominations_duplicate_of" FOREIGN KEY ("duplicate_of") REFERENCES "nominations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nomination_reviews" ADD CONSTRAINT "fk_nomination_reviews_nomination" FOREIGN KEY ("nomination_id") REFERENCES "nominations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nomination_reviews" ADD CONSTRAINT "fk_nomination_reviews_member" FOREIGN KEY ("member_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nomination_recusals" ADD CONSTRAINT "fk_nomination_recusals_nomination" FOREIGN KEY ("nomination_id") REFERENCES "nominations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nomination_recusals" ADD CONSTRAINT "fk_nomination_recusals_member" FOREIGN KEY ("member_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "awards" ADD CONSTRAINT "fk_awards_round" FOREIGN KEY ("round_id") REFERENCES "award_rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "awards" ADD CONSTRAINT "fk_awards_category" FOREIGN KEY ("category_id") REFERENCES "award_categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "awards" ADD CONSTRAINT "fk_awards_nomination" FOREIGN KEY ("nomination_id") REFERENCES "nominations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_payments" ADD CONSTRAINT "fk_award_payments_award" FOREIGN KEY ("award_id") REFERENCES "awards"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_payments" ADD CONSTRAINT "fk_award_payments_entry" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_payment_returns" ADD CONSTRAINT "fk_award_payment_returns_payment" FOREIGN KEY ("payment_id") REFERENCES "award_payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_payment_returns" ADD CONSTRAINT "fk_award_payment_returns_entry" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_revocations" ADD CONSTRAINT "fk_award_revocations_award" FOREIGN KEY ("award_id") REFERENCES "awards"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_revocations" ADD CONSTRAINT "fk_award_revocations_entry" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Awards and their payments, returns and revocations are money rows: never changed, like the journal.
    for (const table of ['awards', 'award_payments', 'award_payment_returns', 'award_revocations']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`,
      );
      await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "award_revocations" DROP CONSTRAINT "fk_award_revocations_entry"`);
    await queryRunner.query(`ALTER TABLE "award_revocations" DROP CONSTRAINT "fk_award_revocations_award"`);
    await queryRunner.query(
      `ALTER TABLE "award_payment_returns" DROP CONSTRAINT "fk_award_payment_returns_entry"`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_payment_returns" DROP CONSTRAINT "fk_award_payment_returns_payment"`,
    );
    await queryRunner.query(`ALTER TABLE "award_payments" DROP CONSTRAINT "fk_award_payments_entry"`);
    await queryRunner.query(`ALTER TABLE "award_payments" DROP CONSTRAINT "fk_award_payments_award"`);
    await queryRunner.query(`ALTER TABLE "awards" DROP CONSTRAINT "fk_awards_nomination"`);
    await queryRunner.query(`ALTER TABLE "awards" DROP CONSTRAINT "fk_awards_category"`);
    await queryRunner.query(`ALTER TABLE "awards" DROP CONSTRAINT "fk_awards_round"`);
    await queryRunner.query(
      `ALTER TABLE "nomination_recusals" DROP CONSTRAINT "fk_nomination_recusals_member"`,
    );
    await queryRunner.query(
      `ALTER TABLE "nomination_recusals" DROP CONSTRAINT "fk_nomination_recusals_nomination"`,
    );
    await queryRunner.query(
      `ALTER TABLE "nomination_reviews" DROP CONSTRAINT "fk_nomination_reviews_member"`,
    );
    await queryRunner.query(
      `ALTER TABLE "nomination_reviews" DROP CONSTRAINT "fk_nomination_reviews_nomination"`,
    );
    await queryRunner.query(`ALTER TABLE "nominations" DROP CONSTRAINT "fk_nominations_duplicate_of"`);
    await queryRunner.query(`ALTER TABLE "nominations" DROP CONSTRAINT "fk_nominations_unit"`);
    await queryRunner.query(`ALTER TABLE "nominations" DROP CONSTRAINT "fk_nominations_category"`);
    await queryRunner.query(`ALTER TABLE "nominations" DROP CONSTRAINT "fk_nominations_round"`);
    await queryRunner.query(`ALTER TABLE "award_categories" DROP CONSTRAINT "fk_award_categories_round"`);
    await queryRunner.query(
      `ALTER TABLE "award_committee_members" DROP CONSTRAINT "fk_award_committee_members_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_committee_members" DROP CONSTRAINT "fk_award_committee_members_round"`,
    );
    await queryRunner.query(`ALTER TABLE "award_rounds" DROP CONSTRAINT "fk_award_rounds_decided_by"`);
    await queryRunner.query(`ALTER TABLE "award_rounds" DROP CONSTRAINT "fk_award_rounds_release"`);
    await queryRunner.query(`ALTER TABLE "award_rounds" DROP CONSTRAINT "fk_award_rounds_reservation"`);
    await queryRunner.query(`ALTER TABLE "award_rounds" DROP CONSTRAINT "fk_award_rounds_fund"`);
    await queryRunner.query(`ALTER TABLE "award_rounds" DROP CONSTRAINT "fk_award_rounds_unit"`);
    await queryRunner.query(`DROP TABLE "award_revocations"`);
    await queryRunner.query(`DROP TABLE "award_payment_returns"`);
    await queryRunner.query(`DROP INDEX "public"."ux_award_payments_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ux_award_payments_entry_id"`);
    await queryRunner.query(`DROP TABLE "award_payments"`);
    await queryRunner.query(`DROP INDEX "public"."ux_awards_nomination_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_awards_round_id"`);
    await queryRunner.query(`DROP TABLE "awards"`);
    await queryRunner.query(`DROP TABLE "nomination_recusals"`);
    await queryRunner.query(`DROP TABLE "nomination_reviews"`);
    await queryRunner.query(`DROP INDEX "public"."ix_nominations_round_category"`);
    await queryRunner.query(`DROP INDEX "public"."ix_nominations_person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_nominations_national_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_nominations_unit_id"`);
    await queryRunner.query(`DROP TABLE "nominations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_categories_round_id"`);
    await queryRunner.query(`DROP TABLE "award_categories"`);
    await queryRunner.query(`DROP INDEX "public"."ux_award_committee_chair"`);
    await queryRunner.query(`DROP TABLE "award_committee_members"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_rounds_unit_id"`);
    await queryRunner.query(`DROP TABLE "award_rounds"`);
  }
}
