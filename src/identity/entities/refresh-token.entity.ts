import { JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { AuthSession } from './auth-session.entity.js';

/**
 * A refresh token, stored as the SHA-256 of its secret. Each is used once: using it marks it
 * and issues the next; presenting a used one again means it was stolen, and the session dies.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_refresh_tokens_session_id')
  @Column('uuid')
  sessionId: string;

  @ManyToOne(() => AuthSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_refresh_tokens_session' })
  session?: AuthSession;

  @Column('char', { length: 64 })
  secretHash: string;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
