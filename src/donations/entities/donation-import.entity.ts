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
import { Fund } from '../../ledger/entities/fund.entity.js';

export interface ImportProblem {
  row: number;
  column: string | null;
  field: string;
  message: string;
}

/**
 * An uploaded spreadsheet of donations: validated on upload (nothing written but this row and
 * its parsed rows), committed later all at once. A file already committed (same SHA-256 for
 * the same fund) is refused.
 */
@Entity('donation_imports')
@Check('ck_donation_imports_status', `status IN ('invalid', 'valid', 'committed')`)
@Index('ux_donation_imports_committed_file', ['fundId', 'fileSha256'], {
  unique: true,
  where: `status = 'committed'`,
})
export class DonationImport {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  unitId: string;

  @Index('ix_donation_imports_fund_id')
  @Column('uuid')
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id', foreignKeyConstraintName: 'fk_donation_imports_fund' })
  fund?: Fund;

  @Column('text')
  fileName: string;

  @Column('char', { length: 64 })
  fileSha256: string;

  @Column('varchar', { length: 12 })
  status: 'invalid' | 'valid' | 'committed';

  @Column('integer')
  expectedCount: number;

  @Column('bigint', { transformer: bigintTransformer })
  expectedTotal: number;

  @Column('integer')
  rowCount: number;

  @Column('bigint', { transformer: bigintTransformer })
  total: number;

  @Column('jsonb')
  problems: ImportProblem[];

  @Column('jsonb')
  warnings: ImportProblem[];

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  committedAt: Date | null;
}
