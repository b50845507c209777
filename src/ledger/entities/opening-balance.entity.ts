import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { JournalEntry } from './journal-entry.entity.js';
import { Fund } from './fund.entity.js';
import { bigintTransformer } from '../../database/bigint.transformer.js';

/** What a fund already held when its unit began using the system: once per fund (the key). */
@Entity('opening_balances')
export class OpeningBalance {
  @PrimaryColumn('uuid')
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id', foreignKeyConstraintName: 'fk_opening_balances_fund' })
  fund?: Fund;

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_opening_balances_entry' })
  entry?: JournalEntry;

  @Column('bigint', { transformer: bigintTransformer })
  amount: number;

  @Column('date')
  asOf: string;

  /** Where it is written in the paper books (sổ quỹ, trang…). */
  @Column('text')
  reference: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
