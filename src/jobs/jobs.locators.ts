import { Injectable } from '@nestjs/common';
import { EntityLocator, Locates } from '../identity/access/locators.js';
import { JobError, JobErrorCode } from './jobs.errors.js';
import { JobsRepository } from './jobs.repository.js';

/** A job sits at the unit whose work it does (a round's certificates: the round's unit). */
@Injectable()
@Locates('job')
export class JobLocator implements EntityLocator {
  constructor(private readonly jobs: JobsRepository) {}

  locate(id: string) {
    return this.jobs.locate(id);
  }

  notFound(field: string) {
    return new JobError(JobErrorCode.NotFound, [{ field, message: 'không tìm thấy' }]);
  }
}
