import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { QueueName } from './queue.constants.js';

/** Hands each job of a queue to its handler class, and says when one fails. */
abstract class HandlerWorker extends WorkerHost {
  private readonly logger = new Logger('Jobs');

  constructor(private readonly registry: JobHandlerRegistry) {
    super();
  }

  async process(job: Job): Promise<void> {
    await this.registry.get(job.name).handle(job.data);
  }

  /**
   * A failure BullMQ will retry is a warning; the last attempt's is an error, since the job now
   * waits in the failed set (see /admin/queues) until someone retries it or it ages out.
   */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    const attempts = job?.opts.attempts ?? 1;
    const last = !job || job.attemptsMade >= attempts;
    this.logger[last ? 'error' : 'warn']({
      msg: `job ${job?.name ?? '?'} failed${last ? ' for good' : ', will retry'}: ${error.message}`,
      job: job?.name,
      jobId: job?.id,
      attempt: job?.attemptsMade,
      attempts,
      reason: error.message,
    });
  }
}

/** BullMQ consumer of the maintenance queue. */
@Processor(QueueName.Maintenance)
export class MaintenanceQueueWorker extends HandlerWorker {
  constructor(registry: JobHandlerRegistry) {
    super(registry);
  }
}

/**
 * BullMQ consumer of the documents queue (PDF rendering). Several jobs at once: rendering runs in
 * the render threads, so this keeps each of them fed, and a round's batch never holds up receipts.
 */
@Processor(QueueName.Documents)
export class DocumentsQueueWorker extends HandlerWorker implements OnApplicationBootstrap {
  constructor(
    registry: JobHandlerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(registry);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = Math.max(2, 2 * this.config.renderThreads);
  }
}

export const QUEUE_WORKERS = [MaintenanceQueueWorker, DocumentsQueueWorker];
