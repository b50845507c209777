import { JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { User } from './user.entity.js';

/**
 * One sign-in: the chain of refresh tokens it rotates through, and every access token it
 * issued (they carry its id). Revoking the session ends all of them at once.
 */
@Entity('auth_sessions')
export class AuthSession {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_auth_sessions_user_id')
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_auth_sessions_user' })
  user?: User;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  /** logout, password_changed, reuse_detected, deactivated */
  @Column('varchar', { length: 32, nullable: true })
  revokedReason: string | null;

  @Column('varchar', { length: 64, nullable: true })
  ip: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
