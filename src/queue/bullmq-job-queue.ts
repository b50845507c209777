import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { EnqueueOptions, JobQueue } from './job-queue.js';
import { JobName, QUEUE_OF, QueueName } from './queue.constants.js';

const ENQUEUE_TIMEOUT_MS = 5000;

/** Producer side of BullMQ: jobs go to Redis and any worker process picks them up. */
@Injectable()
export class BullmqJobQueue extends JobQueue implements OnModuleInit {
  readonly mode = 'bullmq' as const;
  private readonly logger = new Logger('Jobs');
  private warnedAt = 0;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** A queue whose connection fails says so (at most every 30 s) rather than on the console. */
  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      this.queue(name).on('error', (error: Error) => {
        if (Date.now() - this.warnedAt < 30_000) return;
        this.warnedAt = Date.now();
        this.logger.warn(`queue ${name}: ${error.message} (reconnecting)`);
      });
    }
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
