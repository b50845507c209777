import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../../identity/entities/user.entity.js';
import { Unit } from '../../units/entities/unit.entity.js';
import { AwardCategory, AwardRound } from './award-round.entity.js';

export const GENDERS = ['male', 'female'] as const;
export const HOUSEHOLD_STATUSES = ['poor', 'near_poor', 'other'] as const;
export const STUDY_LEVELS = [
  'preschool',
  'primary',
  'lower_secondary',
  'upper_secondary',
  'vocational',
  'university',
  'postgraduate',
] as const;
export const ACHIEVEMENT_LEVELS = ['school', 'district', 'province', 'national', 'international'] as const;

/** A candidate proposed by a sub-unit, with the facts the rules check. */
@Entity('nominations')
@Check('ck_nominations_gender', `gender IN ('male', 'female')`)
@Check(
  'ck_nominations_household',
  `household_status IS NULL OR household_status IN ('poor', 'near_poor', 'other')`,
)
@Check('ck_nominations_grade', `grade_average IS NULL OR (grade_average >= 0 AND grade_average <= 10)`)
@Index('ix_nominations_round_category', ['roundId', 'categoryId'])
@Index('ix_nominations_person', ['searchName', 'birthDate'])
@Index('ix_nominations_national_id', ['nationalId'], { where: 'national_id IS NOT NULL' })
export class Nomination {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  roundId: string;

  @ManyToOne(() => AwardRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_nominations_round' })
  round?: AwardRound;

  @Column('uuid')
  categoryId: string;

  @ManyToOne(() => AwardCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_nominations_category' })
  category?: AwardCategory;

  /** The nominating sub-unit (school, commune, branch). */
  @Index('ix_nominations_unit_id')
  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_nominations_unit' })
  unit?: Unit;

  @Column('text')
  fullName: string;

  @Column('text')
  searchName: string;

  @Column('date')
  birthDate: string;

  @Column('varchar', { length: 8 })
  gender: (typeof GENDERS)[number];

  @Column('text', { nullable: true })
  school: string | null;

  @Column('varchar', { length: 50, nullable: true })
  className: string | null;

  @Column('text', { nullable: true })
  workplace: string | null;

  @Column('text', { nullable: true })
  guardianName: string | null;

  @Column('varchar', { length: 16, nullable: true })
  householdStatus: (typeof HOUSEHOLD_STATUSES)[number] | null;

  @Column('varchar', { length: 16, nullable: true })
  studyLevel: (typeof STUDY_LEVELS)[number] | null;

  @Column('numeric', { precision: 4, scale: 2, nullable: true })
  gradeAverage: string | null;

  @Column('varchar', { length: 16, nullable: true })
  achievementLevel: (typeof ACHIEVEMENT_LEVELS)[number] | null;

  @Column('varchar', { length: 12, nullable: true })
  nationalId: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  /** A guardian agreed that the name may be published (needed for minors). */
  @Column('boolean')
  consentGuardian: boolean;

  /** The child agreed too (needed from 7 years old). */
  @Column('boolean')
  consentChild: boolean;

  /** The earlier nomination of the same person in this round, when there is one. */
  @Column('uuid', { nullable: true })
  duplicateOf: string | null;

  @ManyToOne(() => Nomination, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'duplicate_of', foreignKeyConstraintName: 'fk_nominations_duplicate_of' })
  duplicate?: Nomination;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export const VOTES = ['approve', 'reject', 'abstain'] as const;
export type Vote = (typeof VOTES)[number];

/** A committee member's vote on a nomination; changeable until the decision. */
@Entity('nomination_reviews')
@Check('ck_nomination_reviews_vote', `vote IN ('approve', 'reject', 'abstain')`)
@Check('ck_nomination_reviews_score', `score IS NULL OR (score >= 0 AND score <= 10)`)
export class NominationReview {
  @PrimaryColumn('uuid')
  nominationId: string;

  @ManyToOne(() => Nomination, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'nomination_id', foreignKeyConstraintName: 'fk_nomination_reviews_nomination' })
  nomination?: Nomination;

  @PrimaryColumn('uuid')
  memberId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_nomination_reviews_member' })
  member?: User;

  @Column('varchar', { length: 8 })
  vote: Vote;

  @Column('numeric', { precision: 4, scale: 2, nullable: true })
  score: string | null;

  @Column('text', { nullable: true })
  comment: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A member with a conflict of interest: left out of this nomination's tallies and averages. */
@Entity('nomination_recusals')
export class NominationRecusal {
  @PrimaryColumn('uuid')
  nominationId: string;

  @ManyToOne(() => Nomination, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'nomination_id', foreignKeyConstraintName: 'fk_nomination_recusals_nomination' })
  nomination?: Nomination;

  @PrimaryColumn('uuid')
  memberId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_nomination_recusals_member' })
  member?: User;

  @Column('text')
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
