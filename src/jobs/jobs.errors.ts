import { defineErrors } from '../common/errors.js';

export enum JobErrorCode {
  NotFound = 'JOB_NOT_FOUND',
  ResultMissing = 'JOB_RESULT_MISSING',
}

export const JobError = defineErrors<JobErrorCode>({
  [JobErrorCode.NotFound]: { status: 404, message: 'Không tìm thấy tác vụ.' },
  [JobErrorCode.ResultMissing]: {
    status: 410,
    message: 'Tệp kết quả của tác vụ không còn; hãy chạy lại tác vụ.',
  },
});
