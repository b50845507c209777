import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One money-changing request per (caller, key). Inserted first in the request's transaction:
 * a concurrent request with the same key waits on the unique key, then replays the stored
 * response (or gets 409 when its body differs). Kept at least 30 days.
 */
@Entity('idempotency_keys')
@Index('ix_idempotency_keys_created_at', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn('uuid')
  scope: string;

  @PrimaryColumn('varchar', { length: 128 })
  key: string;

  @Column('char', { length: 64 })
  requestHash: string;

  @Column('smallint', { nullable: true })
  responseStatus: number | null;

  /** `json`, not `jsonb`: the replay must be the first response as it was sent, key order included. */
  @Column('json', { nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
