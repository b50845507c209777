import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Unit } from '../../units/entities/unit.entity.js';

export const DONOR_KINDS = ['person', 'family', 'clan', 'enterprise', 'organisation', 'anonymous'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];
/** A donor's kind in the words of exports, imports and pages. */
export const DONOR_KIND_LABEL: Record<DonorKind, string> = {
  person: 'Cá nhân',
  family: 'Gia đình',
  clan: 'Dòng họ',
  enterprise: 'Doanh nghiệp',
  organisation: 'Tổ chức',
  anonymous: 'Giấu tên',
};

/** A giver, known to the unit that first recorded them (their scope). Never merged silently. */
@Entity('donors')
@Check('ck_donors_kind', `kind IN ('person', 'family', 'clan', 'enterprise', 'organisation', 'anonymous')`)
export class Donor {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_donors_unit_id')
  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_donors_unit' })
  unit?: Unit;

  @Column('varchar', { length: 16 })
  kind: DonorKind;

  @Column('text')
  name: string;

  /** Lower case, no diacritics: "nguyen thi hang" finds "Nguyễn Thị Hằng". */
  @Index('ix_donors_search_name')
  @Column('text')
  searchName: string;

  @Column('varchar', { length: 32, nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  address: string | null;

  @Column('varchar', { length: 20, nullable: true })
  taxCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
