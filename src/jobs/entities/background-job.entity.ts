import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type BackgroundJobKind = 'certificates';
export type BackgroundJobStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * Long work a user started and watches (a round's certificates as one ZIP): its progress, kept in
 * the database so any api process can answer GET /jobs/:id and a restarted worker resumes it, and
 * at the end its result file.
 */
@Entity('background_jobs')
@Check('ck_background_jobs_kind', `kind IN ('certificates')`)
@Check('ck_background_jobs_status', `status IN ('queued', 'running', 'done', 'failed')`)
@Check('ck_background_jobs_progress', `done >= 0 AND failed >= 0 AND done + failed <= total`)
@Index('ux_background_jobs_active', ['kind', 'subjectId'], {
  unique: true,
  where: `status IN ('queued', 'running')`,
})
export class BackgroundJob {
  @PrimaryColumn('uuid')
  id: string;

  @Column('varchar', { length: 16 })
  kind: BackgroundJobKind;

  /** What it works on (the award round). */
  @Column('uuid')
  subjectId: string;

  @Column('uuid')
  unitId: string;

  @Column('varchar', { length: 8, default: 'queued' })
  status: BackgroundJobStatus;

  @Column('int', { default: 0 })
  total: number;

  @Column('int', { default: 0 })
  done: number;

  @Column('int', { default: 0 })
  failed: number;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;

  /** The result's download name, and its SHA-256 once written. */
  @Column('text', { nullable: true })
  resultName: string | null;

  @Column('char', { length: 64, nullable: true })
  resultSha256: string | null;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
