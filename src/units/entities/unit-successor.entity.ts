import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Unit } from './unit.entity.js';

/**
 * A dated link from a unit that ended to a unit that took over (part of) it. Many-to-many:
 * a commune may be split between several new ones, and a new one formed from several.
 */
@Entity('unit_successors')
@Index('ux_unit_successors_pair', ['predecessorId', 'successorId'], { unique: true })
@Check('ck_unit_successors_distinct', `predecessor_id <> successor_id`)
export class UnitSuccessor {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  predecessorId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'predecessor_id', foreignKeyConstraintName: 'fk_unit_successors_predecessor' })
  predecessor?: Unit;

  @Index('ix_unit_successors_successor_id')
  @Column('uuid')
  successorId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'fk_unit_successors_successor' })
  successor?: Unit;

  /** The day the successor took over. */
  @Column('date')
  effectiveOn: string;

  /** Legal basis, e.g. "Nghị quyết 1666/NQ-UBTVQH15, khoản 92". */
  @Column('text', { nullable: true })
  basis: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
