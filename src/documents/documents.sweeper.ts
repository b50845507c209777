import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobQueue } from '../queue/job-queue.js';
import { JobName } from '../queue/queue.constants.js';
import { DocumentKind, DocumentsService } from './documents.service.js';

/** How each kind of document is rendered: its job, the job's data and a job id derived from it. */
export const RENDER_JOBS: Partial<Record<DocumentKind, { job: JobName; data: (id: string) => object }>> = {
  receipt: { job: JobName.RenderReceipt, data: (id) => ({ donationId: id }) },
  certificate: { job: JobName.RenderCertificate, data: (id) => ({ awardId: id }) },
};

/** Queues the rendering of a document; the id (`receipt-<id>`) makes repeats harmless. */
export function renderJob(jobs: JobQueue, kind: DocumentKind, subjectId: string): Promise<void> {
  const render = RENDER_JOBS[kind]!;
  return jobs.enqueue(render.job, render.data(subjectId), { jobId: `${kind}-${subjectId}` });
}

/**
 * Queues again the documents still pending after a minute: Redis was down at commit, the process
 * died between commit and enqueue, or an import or a signed list wrote many at once.
 */
@Injectable()
export class DocumentsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Documents');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly documents: DocumentsService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.documentSweepSeconds) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((error: unknown) => this.logger.warn(`sweeping pending documents failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.config.documentSweepSeconds * 1000);
    this.timer.unref();
  }

  async sweep(): Promise<number> {
    let queued = 0;
    for (const kind of Object.keys(RENDER_JOBS) as DocumentKind[]) {
      for (const id of await this.documents.pending(kind, 60, 500)) {
        await renderJob(this.jobs, kind, id);
        queued++;
      }
    }
    return queued;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
