import { defineErrors } from '../common/errors.js';

export enum JobErrorCode {
  NotFound = 'JOB_NOT_FOUND',
}

export const JobError = defineErrors<JobErrorCode>({
  [JobErrorCode.NotFound]: { status: 404, message: 'Không tìm thấy tác vụ.' },
});
