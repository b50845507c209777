import { JobName } from './queue.constants.js';

export interface EnqueueOptions {
  /** Deterministic id: while a job with this id is waiting, adding it again does nothing. */
  jobId?: string;
}

/** How the application hands work to the background; the driver is chosen at start-up. */
export abstract class JobQueue {
  abstract readonly mode: 'bullmq' | 'in-process';
  abstract enqueue(name: JobName, data: object, options?: EnqueueOptions): Promise<void>;
  /** Throws when the queue backend cannot be reached (readiness). */
  abstract check(): Promise<void>;
}
