import { SetMetadata } from '@nestjs/common';
import { JobName } from './queue.constants.js';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** The code that does one job; the same class runs under BullMQ workers and the in-process driver. */
export interface JobHandler<T = unknown> {
  /** `attempt.final`: no retry follows if this one fails (a handler may record the failure). */
  handle(data: T, attempt?: { final: boolean }): Promise<void>;
}

export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);
