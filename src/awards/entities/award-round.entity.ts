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
import type { Rule } from '../eligibility.js';
import { bigintTransformer } from '../../database/bigint.transformer.js';
import { User } from '../../identity/entities/user.entity.js';
import { Fund } from '../../ledger/entities/fund.entity.js';
import { JournalEntry } from '../../ledger/entities/journal-entry.entity.js';
import { Unit } from '../../units/entities/unit.entity.js';

export const ROUND_STATUSES = ['draft', 'open', 'review', 'decided', 'paying', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/**
 * A scholarship or award round (đợt xét) of a unit's committee, drawing on one of its funds.
 * Opening reserves the budget in the fund; closing releases what was not paid.
 */
@Entity('award_rounds')
@Check('ck_award_rounds_status', `status IN ('draft', 'open', 'review', 'decided', 'paying', 'closed')`)
@Check('ck_award_rounds_budget', `budget > 0`)
@Check('ck_award_rounds_approvals', `approvals_required >= 1`)
@Check('ck_award_rounds_window', `nomination_closes_on >= nomination_opens_on`)
export class AwardRound {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_award_rounds_unit_id')
  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_award_rounds_unit' })
  unit?: Unit;

  @Column('uuid')
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id', foreignKeyConstraintName: 'fk_award_rounds_fund' })
  fund?: Fund;

  @Column('text')
  title: string;

  /** "2026-2027" for a school year, "2026" for a calendar year. */
  @Column('varchar', { length: 9 })
  period: string;

  @Column('bigint', { transformer: bigintTransformer })
  budget: number;

  @Column('date')
  nominationOpensOn: string;

  @Column('date')
  nominationClosesOn: string;

  /** Approvals a nomination needs from the members who have not recused. */
  @Column('int')
  approvalsRequired: number;

  @Column('varchar', { length: 8 })
  status: RoundStatus;

  @Column('uuid', { nullable: true })
  reservationEntryId: string | null;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reservation_entry_id', foreignKeyConstraintName: 'fk_award_rounds_reservation' })
  reservationEntry?: JournalEntry;

  @Column('uuid', { nullable: true })
  releaseEntryId: string | null;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'release_entry_id', foreignKeyConstraintName: 'fk_award_rounds_release' })
  releaseEntry?: JournalEntry;

  @Column('varchar', { length: 50, nullable: true })
  decisionNumber: string | null;

  @Column('date', { nullable: true })
  decisionDate: string | null;

  @Column('uuid', { nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_award_rounds_decided_by' })
  decider?: User;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export const COMMITTEE_ROLES = ['chair', 'member'] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

/** A member of a round's committee; exactly one chair. */
@Entity('award_committee_members')
@Check('ck_award_committee_members_role', `role IN ('chair', 'member')`)
@Index('ux_award_committee_chair', ['roundId'], { unique: true, where: `role = 'chair'` })
export class CommitteeMember {
  @PrimaryColumn('uuid')
  roundId: string;

  @ManyToOne(() => AwardRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_award_committee_members_round' })
  round?: AwardRound;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_award_committee_members_user' })
  user?: User;

  @Column('varchar', { length: 8 })
  role: CommitteeRole;
}

export const RECIPIENT_TYPES = ['student', 'teacher', 'worker', 'worker_child'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

/** A category of a round: who it is for, a fixed amount per award, a quota and its rules. */
@Entity('award_categories')
@Check('ck_award_categories_recipient', `recipient_type IN ('student', 'teacher', 'worker', 'worker_child')`)
@Check('ck_award_categories_amount', `amount > 0`)
@Check('ck_award_categories_quota', `quota > 0 AND (sub_unit_quota IS NULL OR sub_unit_quota > 0)`)
export class AwardCategory {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_award_categories_round_id')
  @Column('uuid')
  roundId: string;

  @ManyToOne(() => AwardRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_award_categories_round' })
  round?: AwardRound;

  @Column('int')
  position: number;

  @Column('text')
  name: string;

  @Column('varchar', { length: 16 })
  recipientType: RecipientType;

  @Column('bigint', { transformer: bigintTransformer })
  amount: number;

  @Column('int')
  quota: number;

  /** At most this many awards per nominating sub-unit, when set. */
  @Column('int', { nullable: true })
  subUnitQuota: number | null;

  /** Eligibility rules, evaluated by the server (see eligibility.ts). */
  @Column('jsonb')
  rules: Rule[];
}
