import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { JournalEntry } from './journal-entry.entity.js';
import { Fund } from './fund.entity.js';
import { bigintTransformer } from '../../database/bigint.transformer.js';

/**
 * What a fund already held when its unit began using the system, with its place in the paper
 * books. One per fund that has not been reversed (checked under the fund's row lock).
 */
@Entity('opening_balances')
export class OpeningBalance {
  @Index('ix_opening_balances_fund_id')
  @Column('uuid')
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id', foreignKeyConstraintName: 'fk_opening_balances_fund' })
  fund?: Fund;

  @PrimaryColumn('uuid')
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
