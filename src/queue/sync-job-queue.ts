import { Injectable, Logger } from '@nestjs/common';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { EnqueueOptions, JobQueue } from './job-queue.js';
import { JobName } from './queue.constants.js';

const ATTEMPTS = 3;

/**
 * The in-process driver for machines without Redis: a job runs at once, in this process,
 * through the same handler class a BullMQ worker would use. Like BullMQ, a failing job is
 * retried and then logged; it never fails the request that enqueued it.
 */
@Injectable()
export class SyncJobQueue extends JobQueue {
  readonly mode = 'in-process' as const;
  private readonly logger = new Logger('Jobs');
  private readonly running = new Set<string>();

  constructor(private readonly registry: JobHandlerRegistry) {
    super();
  }

  async enqueue(name: JobName, data: object, options: EnqueueOptions = {}): Promise<void> {
    const handler = this.registry.get(name);
    const id = options.jobId;
    if (id && this.running.has(id)) return;
    if (id) this.running.add(id);
    try {
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          await handler.handle(data);
          return;
        } catch (error) {
          const last = attempt === ATTEMPTS;
          this.logger[last ? 'error' : 'warn'](
            `job ${name} attempt ${attempt}/${ATTEMPTS} failed: ${String(error)}`,
          );
        }
      }
    } finally {
      if (id) this.running.delete(id);
    }
  }

  async check(): Promise<void> {}
}
