import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A PDF the system owes someone (a receipt, a certificate): the outbox row written in the same
 * transaction as the record it documents. Workers render `pending` ones; a sweeper re-enqueues
 * those left pending.
 */
@Entity('documents')
@Check('ck_documents_kind', `kind IN ('receipt', 'certificate', 'statement', 'payment_list')`)
@Check('ck_documents_status', `status IN ('pending', 'ready', 'failed')`)
@Index('ux_documents_subject', ['kind', 'subjectId'], { unique: true })
@Index('ix_documents_pending', ['createdAt'], { where: `status = 'pending'` })
export class DocumentRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('varchar', { length: 16 })
  kind: 'receipt' | 'certificate' | 'statement' | 'payment_list';

  @Column('uuid')
  subjectId: string;

  @Column('uuid')
  unitId: string;

  @Column('varchar', { length: 8, default: 'pending' })
  status: 'pending' | 'ready' | 'failed';

  @Column('char', { length: 64, nullable: true })
  sha256: string | null;

  /**
   * Bumped each time the record changes what the document shows (a void, a new payment): a
   * render of an older revision is not stored, and render jobs are named by revision, so a kept
   * finished job never stands in for the next one.
   */
  @Column('int', { default: 0 })
  revision: number;

  /** Why the render failed for good (status `failed`), in Vietnamese for the downloader. */
  @Column('text', { nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
