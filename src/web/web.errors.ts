import { defineErrors } from '../common/errors.js';

export enum WebErrorCode {
  FormExpired = 'FORM_EXPIRED',
}

export const WebError = defineErrors<WebErrorCode>({
  [WebErrorCode.FormExpired]: {
    status: 403,
    message: 'Biểu mẫu đã hết hạn hoặc không gửi từ trang của hệ thống. Hãy tải lại trang rồi gửi lại.',
  },
});
