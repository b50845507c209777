import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { QueueName } from './queue.constants.js';

/** BullMQ consumer of the maintenance queue: hands each job to its handler class. */
@Processor(QueueName.Maintenance)
export class MaintenanceQueueWorker extends WorkerHost {
  constructor(private readonly registry: JobHandlerRegistry) {
    super();
  }

  async process(job: Job): Promise<void> {
    await this.registry.get(job.name).handle(job.data);
  }
}

/**
 * BullMQ consumer of the documents queue (PDF rendering). Several jobs at once: rendering runs in
 * the render threads, so this keeps each of them fed, and a round's batch never holds up receipts.
 */
@Processor(QueueName.Documents)
export class DocumentsQueueWorker extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly registry: JobHandlerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = Math.max(2, 2 * this.config.renderThreads);
  }

  async process(job: Job): Promise<void> {
    await this.registry.get(job.name).handle(job.data);
  }
}

export const QUEUE_WORKERS = [MaintenanceQueueWorker, DocumentsQueueWorker];
