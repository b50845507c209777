import {
  JoinColumn,
  ManyToOne,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
} from 'typeorm';

import { Unit } from '../../units/entities/unit.entity.js';
import { User } from './user.entity.js';
import type { RoleName } from '../roles.js';

/** `(user, unit, role)`: the role applies to the unit and its whole subtree. */
@Entity('role_assignments')
@Check('ck_role_assignments_role', `role IN ('admin', 'treasurer', 'committee', 'viewer')`)
@Index('ux_role_assignments_user_unit_role', ['userId', 'unitId', 'role'], { unique: true })
export class RoleAssignment {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_role_assignments_user' })
  user?: User;

  @Index('ix_role_assignments_unit_id')
  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_role_assignments_unit' })
  unit?: Unit;

  @Column('varchar', { length: 16 })
  role: RoleName;

  /** Null when granted by the system (bootstrap, CLI). */
  @Column('uuid', { nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
