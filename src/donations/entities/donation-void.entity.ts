import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { JournalEntry } from '../../ledger/entities/journal-entry.entity.js';
import { Donation } from './donation.entity.js';

/** A donation voided: once (the key), with the entry that reversed it and why. */
@Entity('donation_voids')
export class DonationVoid {
  @PrimaryColumn('uuid')
  donationId: string;

  @ManyToOne(() => Donation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'donation_id', foreignKeyConstraintName: 'fk_donation_voids_donation' })
  donation?: Donation;

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_donation_voids_entry' })
  entry?: JournalEntry;

  @Column('text')
  reason: string;

  @Column('uuid')
  voidedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  voidedAt: Date;
}
