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
    // attemptsMade counts the attempts before this one.
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.registry.get(job.name).handle(job.data, { final });
  }

  private warnedAt = 0;

  /**
   * The worker's connection failed (Redis unreachable): ioredis reconnects by itself and the
   * sweep queues again what was missed, so a warning at most every 30 s, not an error per retry.
   */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.warnedAt < 30_000) return;
    this.warnedAt = Date.now();
    this.logger.warn(`queue worker: ${error.message} (reconnecting)`);
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

// BullMQ takes a worker's lock settings where the class is declared, before the config is
// loaded; loadConfig() validates QUEUE_LOCK_SECONDS at start all the same. A dead worker's job
// is seen stalled and handed on within about two intervals.
const LOCK_MS = 1000 * (Number(process.env.QUEUE_LOCK_SECONDS) || 30);
const LOCKS = { lockDuration: LOCK_MS, stalledInterval: LOCK_MS };

/** BullMQ consumer of the maintenance queue. */
@Processor(QueueName.Maintenance, LOCKS)
export class MaintenanceQueueWorker extends HandlerWorker {
  constructor(registry: JobHandlerRegistry) {
    super(registry);
  }
}

/**
 * BullMQ consumer of the documents queue (PDF rendering). Several jobs at once: rendering runs in
 * the render threads, so this keeps each of them fed, and a round's batch never holds up receipts.
 */
@Processor(QueueName.Documents, LOCKS)
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
