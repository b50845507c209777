import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ReceiptFormName } from '../receipt-forms.js';
import type { BranchKind, UnitKind } from '../unit-kinds.js';

/**
 * A unit of the association (national root, province, district, commune, branch).
 *
 * The tree is stored as a materialised path: `path` is `/<root id>/…/<own id>/`, in the "C"
 * collation with a btree index, so "the subtree of X" is one index range scan
 * (`path LIKE '/…/X/%'`) and "the ancestors of X" are read off X's own path (no query).
 * We chose it over a closure table (≈ depth × 38,000 extra rows to keep in step on every
 * move) and over ltree (an extension, and its labels cannot hold a uuid's hyphens on
 * PostgreSQL 15). Moves rewrite the subtree's paths in one UPDATE, under a tree lock.
 * The bench (`npm run bench`) measures it against a recursive CTE on `parent_id`.
 *
 * A unit is never deleted; it ends with `valid_to` and may have dated successors.
 */
@Entity('units')
@Check('ck_units_kind', `kind IN ('national', 'province', 'district', 'commune', 'branch')`)
@Check(
  'ck_units_branch_kind',
  `(kind = 'branch') = (branch_kind IS NOT NULL) AND (branch_kind IS NULL OR branch_kind IN ('village', 'school', 'agency', 'enterprise', 'clan', 'other'))`,
)
@Check('ck_units_validity', `valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from`)
@Check('ck_units_root', `(parent_id IS NULL) = (kind = 'national')`)
@Exclusion(
  'ex_units_code_validity',
  `USING gist (code WITH =, daterange(valid_from, valid_to, '[]') WITH &&)`,
)
@Check('ck_units_receipt_form', `receipt_form IS NULL OR receipt_form IN ('tt24_2024', 'tt133_2016')`)
@Index('ux_units_single_root', ['kind'], { unique: true, where: `parent_id IS NULL` })
export class Unit {
  @PrimaryColumn('uuid')
  id: string;

  /** Official code (GSO code for territorial units); unique among units valid at the same time. */
  @Column('varchar', { length: 32 })
  code: string;

  @Column('text')
  name: string;

  /** Lower-case name without diacritics (đ → d), for accent-insensitive search and ordering. */
  @Index('ix_units_search_name')
  @Column('text')
  searchName: string;

  @Column('varchar', { length: 16 })
  kind: UnitKind;

  /** Official label: Tỉnh, Thành phố, Huyện, Xã, Phường, Thị trấn, Đặc khu, Chi hội, … */
  @Column('varchar', { length: 64 })
  type: string;

  @Column('varchar', { length: 16, nullable: true })
  branchKind: BranchKind | null;

  @Index('ix_units_parent_id')
  @Column('uuid', { nullable: true })
  parentId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_units_parent' })
  parent?: Unit;

  @Index('ix_units_path')
  @Column({ type: 'text', collation: 'C' })
  path: string;

  @Column('smallint')
  depth: number;

  /** Postal address, printed on receipts. */
  @Column('text', { nullable: true })
  address: string | null;

  /** The receipt form it issues on; null: the nearest ancestor's (see receipt-forms.ts). */
  @Column('varchar', { length: 16, nullable: true })
  receiptForm: ReceiptFormName | null;

  /** First day of validity; null when it predates our records. */
  @Column('date', { nullable: true })
  validFrom: string | null;

  /** Last day of validity (inclusive); null while the unit exists. */
  @Column('date', { nullable: true })
  validTo: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
