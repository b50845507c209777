import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row of the audit trail. Rows are chained: `hash` is the SHA-256 of the row's content and
 * `prev_hash`; a database trigger assigns `seq`, `at`, `prev_hash` and `hash` under a lock, and
 * another refuses every UPDATE, DELETE and TRUNCATE (see the migration). Never written by TypeORM.
 */
@Entity('audit_log')
@Index('ix_audit_log_unit_at', ['unitId', 'at'])
export class AuditEntry {
  @PrimaryColumn('bigint')
  seq: string;

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

  @Column('char', { length: 64 })
  hash: string;
}
