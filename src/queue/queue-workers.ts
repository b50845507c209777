import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
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

/** BullMQ consumer of the documents queue (PDF rendering). */
@Processor(QueueName.Documents)
export class DocumentsQueueWorker extends HandlerWorker {
  constructor(registry: JobHandlerRegistry) {
    super(registry);
  }
}

export const QUEUE_WORKERS = [MaintenanceQueueWorker, DocumentsQueueWorker];
