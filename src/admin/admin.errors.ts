import { defineErrors } from '../common/errors.js';

export enum AdminErrorCode {
  NotAdmin = 'ADMIN_ROLE_REQUIRED',
}

export const AdminError = defineErrors<AdminErrorCode>({
  [AdminErrorCode.NotAdmin]: {
    status: 403,
    message: 'Trang quản trị hệ thống chỉ dành cho quản trị viên cấp Trung ương.',
  },
});
