import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
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

/** BullMQ consumer of the documents queue (PDF rendering). */
@Processor(QueueName.Documents)
export class DocumentsQueueWorker extends WorkerHost {
  constructor(private readonly registry: JobHandlerRegistry) {
    super();
  }

  async process(job: Job): Promise<void> {
    await this.registry.get(job.name).handle(job.data);
  }
}

export const QUEUE_WORKERS = [MaintenanceQueueWorker, DocumentsQueueWorker];
