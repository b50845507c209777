import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BackgroundJob } from './entities/background-job.entity.js';

export class JobResultView {
  @ApiProperty({ example: '/api/v1/jobs/7b0c…/result' })
  url: string;

  @ApiProperty({ example: 'giay-chung-nhan-hoc-bong-2026.zip' })
  name: string;

  @ApiProperty({ description: 'SHA-256 of the result file' })
  sha256: string;
}

/** A job as its watcher sees it: how far, how long still, and where the result is. */
export class JobView {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: ['certificates'] })
  kind: string;

  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] })
  status: string;

  @ApiProperty({ description: 'Items to make (e.g. certificates)' })
  total: number;

  @ApiProperty()
  done: number;

  @ApiProperty()
  failed: number;

  @ApiProperty({ description: 'Percent processed (done or failed)' })
  percent: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Estimated seconds left' })
  etaSeconds: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  startedAt: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  finishedAt: string | null;

  @ApiPropertyOptional({ type: JobResultView, nullable: true })
  result: JobResultView | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  error: string | null;

  static of(job: BackgroundJob, now = Date.now()): JobView {
    const processed = job.done + job.failed;
    const elapsed = job.startedAt ? (now - job.startedAt.getTime()) / 1000 : 0;
    const eta =
      job.status === 'running' && processed > 0
        ? Math.ceil(((job.total - processed) * elapsed) / processed)
        : job.status === 'done' || job.status === 'failed'
          ? 0
          : null;
    return Object.assign(new JobView(), {
      id: job.id,
      kind: job.kind,
      status: job.status,
      total: job.total,
      done: job.done,
      failed: job.failed,
      percent: job.total ? Math.floor((100 * processed) / job.total) : job.status === 'done' ? 100 : 0,
      etaSeconds: eta,
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
      result:
        job.status === 'done'
          ? { url: `/api/v1/jobs/${job.id}/result`, name: job.resultName!, sha256: job.resultSha256! }
          : null,
      error: job.error,
    });
  }
}
