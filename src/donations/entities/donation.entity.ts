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
import { JournalEntry } from '../../ledger/entities/journal-entry.entity.js';
import { Donor } from './donor.entity.js';
import { Fund } from '../../ledger/entities/fund.entity.js';
import { Unit } from '../../units/entities/unit.entity.js';
import { bigintTransformer } from '../../database/bigint.transformer.js';

export const DONATION_METHODS = ['cash', 'bank_transfer', 'in_kind'] as const;
export type DonationMethod = (typeof DONATION_METHODS)[number];
/** How a gift came, in the words of receipts and pages. */
export const METHOD_LABEL: Record<DonationMethod, string> = {
  cash: 'Tiền mặt',
  bank_transfer: 'Chuyển khoản',
  in_kind: 'Hiện vật',
};

/** What a receipt shows, frozen when the donation is recorded (the unit may be renamed later). */
export interface ReceiptSnapshot {
  unit: { id: string; code: string; name: string; address: string | null };
  book: string;
  number: string;
  /** A transcribed paper receipt: book and number are the paper's. Absent on older snapshots. */
  paper?: boolean;
  code: string;
  receivedOn: string;
  /** The tax code is absent on snapshots taken before receipts printed it. */
  payer: { name: string; address: string | null; taxCode?: string | null };
  reason: string;
  fund: { id: string; name: string };
  amount: number;
  method: DonationMethod;
  reference: string | null;
  inKindDescription: string | null;
  /** `cashier`: the recording user held the treasurer role at the issuing unit itself. */
  treasurer: { id: string; name: string; cashier?: boolean };
  /**
   * The form the unit issued on (its accounting regime). Absent on snapshots taken before the
   * setting existed: those receipts keep printing as they were issued, byte for byte.
   */
  form?: { title: string; basis: string };
}

/**
 * A gift received into a fund. Immutable: a void is a row of its own (donation_voids) with
 * its reversal entry, and the donation keeps its receipt number.
 */
@Entity('donations')
@Check('ck_donations_amount', `amount > 0`)
@Check('ck_donations_method', `method IN ('cash', 'bank_transfer', 'in_kind')`)
@Check('ck_donations_in_kind', `(method = 'in_kind') = (in_kind_description IS NOT NULL)`)
@Check(
  'ck_donations_receipt_series',
  `(receipt_number IS NULL) = (paper_number IS NOT NULL) AND (paper_book IS NULL) = (paper_number IS NULL) AND (paper_number IS NULL OR paper_number > 0)`,
)
@Index('ux_donations_receipt', ['unitId', 'receiptYear', 'receiptNumber'], { unique: true })
@Index('ux_donations_paper_receipt', ['unitId', 'receiptYear', 'paperBook', 'paperNumber'], {
  unique: true,
  where: 'paper_number IS NOT NULL',
})
@Index('ix_donations_fund_received', ['fundId', 'receivedOn'])
@Index('ix_donations_unit_received', ['unitId', 'receivedOn'])
@Index('ix_donations_in_kind_unit_received', ['unitId', 'receivedOn'], { where: `method = 'in_kind'` })
export class Donation {
  @PrimaryColumn('uuid')
  id: string;

  /** The issuing unit (the fund's). */
  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_donations_unit' })
  unit?: Unit;

  @Column('uuid')
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id', foreignKeyConstraintName: 'fk_donations_fund' })
  fund?: Fund;

  @Index('ix_donations_donor_id')
  @Column('uuid')
  donorId: string;

  @ManyToOne(() => Donor, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'donor_id', foreignKeyConstraintName: 'fk_donations_donor' })
  donor?: Donor;

  @Column('bigint', { transformer: bigintTransformer })
  amount: number;

  @Column('varchar', { length: 16 })
  method: DonationMethod;

  @Column('text', { nullable: true })
  inKindDescription: string | null;

  @Column('date')
  receivedOn: string;

  /** Bank transaction id, or the paper receipt's reference. */
  @Column('text', { nullable: true })
  reference: string | null;

  @Column('text', { nullable: true })
  purpose: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Index('ux_donations_entry_id', { unique: true })
  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_donations_entry' })
  entry?: JournalEntry;

  @Column('smallint')
  receiptYear: number;

  /** The electronic series' number; null for a transcribed paper receipt. */
  @Column('integer', { nullable: true })
  receiptNumber: number | null;

  /** A paper receipt already handed out that this donation transcribes: its book ("03")… */
  @Column('varchar', { length: 10, nullable: true })
  paperBook: string | null;

  /** …and its number, unique per unit, year and book; never taken from the electronic series. */
  @Column('integer', { nullable: true })
  paperNumber: number | null;

  /** Short public code for the verification page and QR. */
  @Index('ux_donations_receipt_code', { unique: true })
  @Column('varchar', { length: 16 })
  receiptCode: string;

  @Column('jsonb')
  receiptSnapshot: ReceiptSnapshot;

  /** The import it came from, if any. */
  @Column('uuid', { nullable: true })
  importId: string | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
