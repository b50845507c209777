import {
  JoinColumn,
  ManyToOne,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Unit } from '../../units/entities/unit.entity.js';

/**
 * A person who signs in. `unitId` is the user's home unit: admins see and manage the users
 * whose home unit lies in their subtree. What the user may do comes from role assignments.
 */
@Entity('users')
@Check('ck_users_username', `username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'`)
export class User {
  @PrimaryColumn('uuid')
  id: string;

  /** Lower-case; unique. */
  @Index('ux_users_username', { unique: true })
  @Column('varchar', { length: 64 })
  username: string;

  @Column('text')
  displayName: string;

  /** The display name without diacritics, lower case, for search. */
  @Column('text')
  searchName: string;

  /** argon2id, PHC string format. */
  @Column('text')
  passwordHash: string;

  @Index('ix_users_unit_id')
  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_users_unit' })
  unit?: Unit;

  @Column('boolean', { default: true })
  active: boolean;

  /** Sessions and access tokens issued before this instant are dead. */
  @Column('timestamptz')
  passwordChangedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
