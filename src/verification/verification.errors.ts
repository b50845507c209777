import { defineErrors } from '../common/errors.js';

export enum VerificationErrorCode {
  NotFound = 'DOCUMENT_NOT_FOUND',
}

export const VerificationError = defineErrors<VerificationErrorCode>({
  [VerificationErrorCode.NotFound]: {
    status: 404,
    message: 'Không tìm thấy chứng từ có mã này. Kiểm tra lại mã in trên chứng từ.',
  },
});
