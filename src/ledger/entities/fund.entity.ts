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
import { Unit } from '../../units/entities/unit.entity.js';

export const FUND_KINDS = ['general', 'talent', 'named_scholarship', 'workers', 'clan', 'other'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

/**
 * A pot of money owned by one unit. `balance` and `reserved` (cash) and `inKind` (the value of
 * goods given and not yet handed out, kept apart: never reserved or transferred) are a projection of the postings,
 * updated in the transaction that writes them (rows locked FOR UPDATE in id order); the CHECKs
 * make a negative balance or an over-reservation impossible even past the code.
 */
@Entity('funds')
@Check('ck_funds_kind', `kind IN ('general', 'talent', 'named_scholarship', 'workers', 'clan', 'other')`)
@Check('ck_funds_status', `status IN ('open', 'closed')`)
@Check('ck_funds_reserved', `reserved >= 0`)
@Check('ck_funds_available', `balance - reserved >= 0`)
@Check('ck_funds_in_kind', `in_kind >= 0`)
export class Fund {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_funds_unit_id')
  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_funds_unit' })
  unit?: Unit;

  @Column('text')
  name: string;

  @Column('text')
  searchName: string;

  @Column('varchar', { length: 24 })
  kind: FundKind;

  /** The purpose donor money must go to, when restricted. */
  @Column('text', { nullable: true })
  restriction: string | null;

  @Column('varchar', { length: 8, default: 'open' })
  status: 'open' | 'closed';

  @Column('bigint', { transformer: bigintTransformer, default: 0 })
  balance: number;

  @Column('bigint', { transformer: bigintTransformer, default: 0 })
  reserved: number;

  /** Value of in-kind gifts held (fund_in_kind), in đồng: not cash, never reserved or transferred. */
  @Column('bigint', { transformer: bigintTransformer, default: 0 })
  inKind: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;
}
