import { defineErrors } from '../common/errors.js';

export enum JobErrorCode {
  NotFound = 'JOB_NOT_FOUND',
  ResultMissing = 'JOB_RESULT_MISSING',
  Failed = 'JOB_FAILED',
}

export const JobError = defineErrors<JobErrorCode>({
  [JobErrorCode.NotFound]: { status: 404, message: 'Không tìm thấy tác vụ.' },
  [JobErrorCode.ResultMissing]: {
    status: 410,
    message: 'Tệp kết quả của tác vụ không còn; hãy chạy lại tác vụ.',
  },
  [JobErrorCode.Failed]: {
    status: 409,
    message: 'Tác vụ đã thất bại sau nhiều lần thử; không có kết quả để tải.',
  },
});

/** A job (or a document's render) that failed for good: 409 with its reason, never 202 again. */
export function jobFailed(reason: string | null): InstanceType<typeof JobError> {
  return new JobError(JobErrorCode.Failed, [], reason ? `Tác vụ đã thất bại: ${reason}` : undefined);
}
