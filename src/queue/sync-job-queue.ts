import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { EnqueueOptions, JobQueue } from './job-queue.js';
import { JobName } from './queue.constants.js';

const ATTEMPTS = 3;

/**
 * The in-process driver for machines without Redis: jobs run in this process, one at a time in
 * the background, through the same handler class a BullMQ worker would use. Like BullMQ, a job id
 * already waiting is not added twice, and a failing job is retried and then logged; it never
 * fails the request that enqueued it. At shutdown the running job finishes and the rest are
 * dropped (the documents sweep queues what is still owed again).
 */
@Injectable()
export class SyncJobQueue extends JobQueue implements OnApplicationShutdown {
  readonly mode = 'in-process' as const;
  private readonly logger = new Logger('Jobs');
  private readonly waiting = new Set<string>();
  private tail: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly registry: JobHandlerRegistry) {
    super();
  }

  enqueue(name: JobName, data: object, options: EnqueueOptions = {}): Promise<void> {
    const handler = this.registry.get(name);
    const id = options.jobId;
    // BullMQ refuses such ids; refusing them here too keeps tests on this driver honest.
    if (id?.includes(':')) return Promise.reject(new Error(`job id "${id}": BullMQ ids cannot contain ":"`));
    if (this.stopped || (id && this.waiting.has(id))) return Promise.resolve();
    if (id) this.waiting.add(id);
    this.tail = this.tail.then(async () => {
      if (id) this.waiting.delete(id);
      if (this.stopped) return;
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          await handler.handle(data, { final: attempt === ATTEMPTS });
          return;
        } catch (error) {
          const last = attempt === ATTEMPTS;
          this.logger[last ? 'error' : 'warn'](
            `job ${name} attempt ${attempt}/${ATTEMPTS} failed: ${String(error)}`,
          );
        }
      }
    });
    return Promise.resolve();
  }

  /** Resolves when every job queued so far has run (tests, and an orderly shutdown). */
  idle(): Promise<void> {
    return this.tail;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.tail;
  }

  async check(): Promise<void> {}
}
