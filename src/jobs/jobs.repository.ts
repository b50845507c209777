import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CommonError, CommonErrorCode } from '../common/errors.js';
import { locateBy, type UnitLocation } from '../identity/access/locators.js';
import { BackgroundJob, type BackgroundJobKind } from './entities/background-job.entity.js';

@Injectable()
export class JobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new job, or the one of the same kind still queued or running on the same subject. */
  async startOrJoin(job: {
    kind: BackgroundJobKind;
    subjectId: string;
    unitId: string;
    resultName: string;
    createdBy: string;
  }): Promise<{ job: BackgroundJob; created: boolean }> {
    // The active job may finish between the refused insert and the look-up: try again, a few times.
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = randomUUID();
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO background_jobs (id, kind, subject_id, unit_id, result_name, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (kind, subject_id) WHERE status IN ('queued', 'running') DO NOTHING RETURNING id`,
        [id, job.kind, job.subjectId, job.unitId, job.resultName, job.createdBy],
      );
      if (inserted.length) return { job: (await this.find(id))!, created: true };
      const [active] = await this.dataSource.manager.find(BackgroundJob, {
        where: { kind: job.kind, subjectId: job.subjectId, status: In(['queued', 'running']) },
        take: 1,
      });
      if (active) return { job: active, created: false };
    }
    throw new CommonError(CommonErrorCode.Conflict);
  }

  find(id: string): Promise<BackgroundJob | null> {
    return this.dataSource.manager.findOneBy(BackgroundJob, { id });
  }

  /** Running: how much there is to do. A resumed job keeps its first start. */
  async begin(id: string, total: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE background_jobs SET status = 'running', total = $2, started_at = coalesce(started_at, now())
        WHERE id = $1`,
      [id, total],
    );
  }

  async progress(id: string, done: number, failed: number): Promise<void> {
    await this.dataSource.query(`UPDATE background_jobs SET done = $2, failed = $3 WHERE id = $1`, [
      id,
      done,
      failed,
    ]);
  }

  async finish(id: string, outcome: { sha256: string } | { error: string }): Promise<void> {
    await this.dataSource.query(
      `UPDATE background_jobs SET status = $2, result_sha256 = $3, error = $4, finished_at = now() WHERE id = $1`,
      'sha256' in outcome ? [id, 'done', outcome.sha256, null] : [id, 'failed', null, outcome.error],
    );
  }

  locate(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT j.unit_id AS "unitId", u.path FROM background_jobs j JOIN units u ON u.id = j.unit_id WHERE j.id = $1`,
      id,
    );
  }
}
