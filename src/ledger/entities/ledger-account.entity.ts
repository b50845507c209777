import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Fund } from './fund.entity.js';
import { Unit } from '../../units/entities/unit.entity.js';

export const ACCOUNT_KINDS = [
  'fund_available',
  'fund_reserved',
  'fund_in_kind',
  'unit_income',
  'unit_payout',
  'unit_opening',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/**
 * An account postings go to. Each fund has three (cash free to spend, cash award rounds have
 * reserved, and the value of in-kind gifts held until handed out); each unit has counterparts for money from outside (donors), to outside
 * (recipients), and for balances brought in from its paper books.
 */
@Entity('ledger_accounts')
@Check(
  'ck_ledger_accounts_kind',
  `kind IN ('fund_available', 'fund_reserved', 'fund_in_kind', 'unit_income', 'unit_payout', 'unit_opening')`,
)
@Check('ck_ledger_accounts_owner', `(fund_id IS NOT NULL) = (kind LIKE 'fund_%')`)
@Index('ux_ledger_accounts_fund_kind', ['fundId', 'kind'], { unique: true, where: 'fund_id IS NOT NULL' })
@Index('ux_ledger_accounts_unit_kind', ['unitId', 'kind'], { unique: true, where: 'fund_id IS NULL' })
export class LedgerAccount {
  @PrimaryColumn('uuid')
  id: string;

  @Column('varchar', { length: 16 })
  kind: AccountKind;

  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_ledger_accounts_unit' })
  unit?: Unit;

  @Column('uuid', { nullable: true })
  fundId: string | null;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id', foreignKeyConstraintName: 'fk_ledger_accounts_fund' })
  fund?: Fund;
}
