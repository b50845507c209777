import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row of the audit trail, appended without any shared lock. A sealer (`audit_log_seal()`,
 * run every second and before every verification) then chains committed rows in order:
 * `chain_seq`, `prev_hash` and `hash` (SHA-256 of the row's content and the previous hash).
 * Triggers refuse every other UPDATE, and every DELETE and TRUNCATE. Never written by TypeORM.
 */
@Entity('audit_log')
@Index('ix_audit_log_unit_at', ['unitId', 'at'])
@Index('ix_audit_log_unsealed', ['seq'], { where: 'chain_seq IS NULL' })
export class AuditEntry {
  /** From the sequence audit_log_seq, set by the insert trigger. */
  @PrimaryColumn('bigint')
  seq: string;

  /** The row's place in the chain, set when sealed. */
  @Index('ux_audit_log_chain_seq', { unique: true })
  @Column('bigint', { nullable: true })
  chainSeq: string | null;

  @Column('timestamptz')
  at: Date;

  /** Null for the system and for failed sign-ins with an unknown username. */
  @Column('uuid', { nullable: true })
  actorId: string | null;

  /** The username as typed or held at the time. */
  @Column('varchar', { length: 64, nullable: true })
  actorName: string | null;

  /** The unit the action was for (the target's unit), when there is one. */
  @Column('uuid', { nullable: true })
  unitId: string | null;

  @Column('varchar', { length: 64 })
  action: string;

  @Index('ix_audit_log_entity')
  @Column('varchar', { length: 32 })
  entityType: string;

  @Column('varchar', { length: 64, nullable: true })
  entityId: string | null;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  @Column('varchar', { length: 64, nullable: true })
  requestId: string | null;

  @Column('varchar', { length: 64, nullable: true })
  ip: string | null;

  @Index('ux_audit_log_prev_hash', { unique: true })
  @Column('char', { length: 64, nullable: true })
  prevHash: string | null;

  /** Null until sealed. */
  @Column('char', { length: 64, nullable: true })
  hash: string | null;
}
