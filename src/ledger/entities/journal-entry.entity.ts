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
import { Unit } from '../../units/entities/unit.entity.js';

export const ENTRY_KINDS = [
  'donation',
  'transfer',
  'disbursement',
  'reservation',
  'release',
  'reversal',
  'opening_balance',
  'in_kind_issue',
  'reclassification',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * One movement of money: its postings sum to zero (a deferred constraint trigger checks it at
 * commit). Append-only: triggers refuse UPDATE and DELETE. A correction is a reversal entry
 * pointing at the original; the unique index lets an entry be reversed at most once.
 */
@Entity('journal_entries')
@Check(
  'ck_journal_entries_kind',
  `kind IN ('donation', 'transfer', 'disbursement', 'reservation', 'release', 'reversal', 'opening_balance', 'in_kind_issue', 'reclassification')`,
)
@Check('ck_journal_entries_reversal', `(kind = 'reversal') = (reverses_entry_id IS NOT NULL)`)
export class JournalEntry {
  @PrimaryColumn('uuid')
  id: string;

  @Column('varchar', { length: 16 })
  kind: EntryKind;

  /** The unit that made the entry. */
  @Index('ix_journal_entries_unit_id')
  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_journal_entries_unit' })
  unit?: Unit;

  /** The day the money moved (receivedOn, occurredOn…): balances "as of" a date use it. */
  @Column('date')
  valueDate: string;

  @Column('text')
  description: string;

  @Index('ux_journal_entries_reverses', { unique: true, where: 'reverses_entry_id IS NOT NULL' })
  @Column('uuid', { nullable: true })
  reversesEntryId: string | null;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reverses_entry_id', foreignKeyConstraintName: 'fk_journal_entries_reverses' })
  reversesEntry?: JournalEntry;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @Column('varchar', { length: 64, nullable: true })
  requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
