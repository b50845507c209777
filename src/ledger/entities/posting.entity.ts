import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LedgerAccount } from './ledger-account.entity.js';
import { JournalEntry } from './journal-entry.entity.js';
import { bigintTransformer } from '../../database/bigint.transformer.js';

/** One line of an entry: `amount` into the account (negative: out of it). Append-only. */
@Entity('postings')
@Check('ck_postings_amount', `amount <> 0`)
@Index('ix_postings_fund_value_date', ['fundId', 'valueDate'])
@Index('ix_postings_account_id', ['accountId'])
export class Posting {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index('ix_postings_entry_id')
  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_postings_entry' })
  entry?: JournalEntry;

  @Column('uuid')
  accountId: string;

  @ManyToOne(() => LedgerAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_postings_account' })
  account?: LedgerAccount;

  /** Copied from the account, so fund statements and as-of balances read one table. */
  @Column('uuid', { nullable: true })
  fundId: string | null;

  @Column('uuid')
  unitId: string;

  @Column('bigint', { transformer: bigintTransformer })
  amount: number;

  @Column('date')
  valueDate: string;
}
