import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobError, JobErrorCode, jobFailed } from './jobs.errors.js';
import { JobsRepository } from './jobs.repository.js';
import type { BackgroundJob } from './entities/background-job.entity.js';
import { JobView } from './job.view.js';

/** Progress and results of long work started by users; the work itself runs in job handlers. */
@Injectable()
export class JobsService {
  constructor(
    private readonly jobs: JobsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  startOrJoin(...args: Parameters<JobsRepository['startOrJoin']>) {
    return this.jobs.startOrJoin(...args);
  }

  find(id: string): Promise<BackgroundJob | null> {
    return this.jobs.find(id);
  }

  begin(id: string, total: number): Promise<void> {
    return this.jobs.begin(id, total);
  }

  progress(id: string, done: number, failed: number): Promise<void> {
    return this.jobs.progress(id, done, failed);
  }

  fail(id: string, error: string): Promise<void> {
    return this.jobs.finish(id, { error });
  }

  private resultPath(id: string): string {
    return join(resolve(this.config.documentsDir), 'jobs', `${id}.zip`);
  }

  /** Writes the job's result (whole, then renamed into place) and marks it done with its SHA-256. */
  async finish(id: string, result: Readable): Promise<void> {
    const target = this.resultPath(id);
    await mkdir(join(resolve(this.config.documentsDir), 'jobs'), { recursive: true });
    // A name of its own: a batch handed to a second worker never writes over the first's file.
    const temporary = `${target}.${randomUUID()}.tmp`;
    const hash = createHash('sha256');
    result.on('data', (chunk: Buffer) => hash.update(chunk));
    try {
      await pipeline(result, createWriteStream(temporary));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await rename(temporary, target);
    await this.jobs.finish(id, { sha256: hash.digest('hex') });
  }

  async view(id: string): Promise<JobView> {
    const job = await this.jobs.find(id);
    if (!job) throw new JobError(JobErrorCode.NotFound, [{ field: 'id', message: 'không tìm thấy' }]);
    return JobView.of(job);
  }

  /** The finished job's file, or its view while it is still working; 409 once it failed for good. */
  async result(id: string): Promise<{ file: Readable; name: string } | JobView> {
    const view = await this.view(id);
    if (view.status === 'failed') throw jobFailed(view.error);
    if (view.status !== 'done') return view;
    const path = this.resultPath(id);
    // Gone from this process's DOCUMENTS_DIR (another disk, cleaned up): say so, not where it was.
    if (!(await stat(path).catch(() => null)))
      throw new JobError(JobErrorCode.ResultMissing, [{ field: 'id', message: 'tệp kết quả không còn' }]);
    return { file: createReadStream(path), name: view.result!.name };
  }
}
