import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { EnqueueOptions, JobQueue } from './job-queue.js';
import { JobName, QUEUE_OF, QueueName } from './queue.constants.js';

const ENQUEUE_TIMEOUT_MS = 5000;

/** Producer side of BullMQ: jobs go to Redis and any worker process picks them up. */
@Injectable()
export class BullmqJobQueue extends JobQueue {
  readonly mode = 'bullmq' as const;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue(name: JobName, data: object, options: EnqueueOptions = {}): Promise<void> {
    const added = this.queue(QUEUE_OF[name]).add(name, data, {
      jobId: options.jobId,
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      // Finished jobs stay a while so the dashboard (/admin/queues) shows them; failed ones longer.
      removeOnComplete: this.config.queue.keepCompleted,
      removeOnFail: this.config.queue.keepFailed,
    });
    // With Redis gone, ioredis would queue the command forever; a caller must not hang on it.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not accept job ${name} in time`)),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([added, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async check(): Promise<void> {
    await this.queue(QueueName.Maintenance).getJobCounts('waiting');
  }
}
