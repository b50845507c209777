import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { bigintTransformer } from '../../database/bigint.transformer.js';
import { JournalEntry } from '../../ledger/entities/journal-entry.entity.js';
import { AwardCategory, AwardRound } from './award-round.entity.js';
import { Nomination } from './nomination.entity.js';

/** An approved nomination, made by the round's decision. Append-only, like every money row. */
@Entity('awards')
@Check('ck_awards_amount', `amount > 0`)
export class Award {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_awards_round_id')
  @Column('uuid')
  roundId: string;

  @ManyToOne(() => AwardRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_awards_round' })
  round?: AwardRound;

  @Column('uuid')
  categoryId: string;

  @ManyToOne(() => AwardCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_awards_category' })
  category?: AwardCategory;

  @Index('ux_awards_nomination_id', { unique: true })
  @Column('uuid')
  nominationId: string;

  @ManyToOne(() => Nomination, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'nomination_id', foreignKeyConstraintName: 'fk_awards_nomination' })
  nomination?: Nomination;

  @Column('bigint', { transformer: bigintTransformer })
  amount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Everything a certificate prints, frozen when the award is paid. */
export interface CertificateSnapshot {
  /** `parentName`: the unit above, for the letterhead (absent from certificates paid before it was kept). */
  unit: { id: string; code: string; name: string; address: string | null; parentName?: string | null };
  code: string;
  recipient: {
    fullName: string;
    birthDate: string;
    school: string | null;
    className: string | null;
    workplace: string | null;
    /** Says "Học sinh", "Sinh viên"… (absent from certificates paid before it was kept). */
    studyLevel?: string | null;
    /** The name may appear on public lists and the verification page. */
    publishName: boolean;
  };
  category: { id: string; name: string; recipientType: string };
  round: { id: string; title: string; period: string };
  amount: number;
  decision: { number: string; date: string };
  place: string;
  date: string;
  chair: { id: string; name: string } | null;
}

export const PAYMENT_METHODS = ['cash', 'bank_transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * An award paid: one disbursement entry out of the fund's reserved part. `attempt` counts the
 * payments of the award (a returned payment lets it be paid again): unique, so paid once each time.
 */
@Entity('award_payments')
@Check('ck_award_payments_method', `method IN ('cash', 'bank_transfer')`)
@Check('ck_award_payments_signer', `signed_by IS NULL OR signed_by IN ('recipient', 'guardian')`)
@Index('ux_award_payments_attempt', ['awardId', 'attempt'], { unique: true })
export class AwardPayment {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  awardId: string;

  @ManyToOne(() => Award, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id', foreignKeyConstraintName: 'fk_award_payments_award' })
  award?: Award;

  @Column('int')
  attempt: number;

  @Index('ux_award_payments_entry_id', { unique: true })
  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_award_payments_entry' })
  entry?: JournalEntry;

  @Column('varchar', { length: 16 })
  method: PaymentMethod;

  @Column('date')
  paidOn: string;

  /** Cash at a ceremony: who handed it over, and whose signature was collected. */
  @Column('text', { nullable: true })
  handedOverBy: string | null;

  @Column('varchar', { length: 10, nullable: true })
  signedBy: 'recipient' | 'guardian' | null;

  @Column('varchar', { length: 40, nullable: true })
  bankAccount: string | null;

  @Column('text', { nullable: true })
  bankName: string | null;

  @Column('varchar', { length: 100, nullable: true })
  reference: string | null;

  /** What the certificate shows, fixed when paid. */
  @Column('jsonb')
  certificateSnapshot: CertificateSnapshot;

  /** The certificate's verification code (also in the snapshot), looked up by GET /verify/:code. */
  @Index('ux_award_payments_certificate_code', { unique: true })
  @Column('varchar', { length: 16 })
  certificateCode: string;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A payment that came back (wrong account, not collected): its entry reversed, once. */
@Entity('award_payment_returns')
export class AwardPaymentReturn {
  @PrimaryColumn('uuid')
  paymentId: string;

  @ManyToOne(() => AwardPayment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id', foreignKeyConstraintName: 'fk_award_payment_returns_payment' })
  payment?: AwardPayment;

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_award_payment_returns_entry' })
  entry?: JournalEntry;

  @Column('text')
  reason: string;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** An award revoked before payment, with a reason: its money goes back to the fund. */
@Entity('award_revocations')
export class AwardRevocation {
  @PrimaryColumn('uuid')
  awardId: string;

  @ManyToOne(() => Award, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id', foreignKeyConstraintName: 'fk_award_revocations_award' })
  award?: Award;

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_award_revocations_entry' })
  entry?: JournalEntry;

  @Column('text')
  reason: string;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
