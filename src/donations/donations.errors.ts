import { defineErrors } from '../common/errors.js';

export enum DonationErrorCode {
  DonationNotFound = 'DONATION_NOT_FOUND',
  DonorNotFound = 'DONOR_NOT_FOUND',
  DonorMissing = 'DONATION_DONOR_MISSING',
  AlreadyVoid = 'DONATION_ALREADY_VOID',
  InKindDescription = 'DONATION_IN_KIND_DESCRIPTION',
  DonorNameRequired = 'DONOR_NAME_REQUIRED',
}

export const DonationError = defineErrors<DonationErrorCode>({
  [DonationErrorCode.DonationNotFound]: { status: 404, message: 'Không tìm thấy khoản ủng hộ.' },
  [DonationErrorCode.DonorNotFound]: { status: 404, message: 'Không tìm thấy nhà hảo tâm.' },
  [DonationErrorCode.DonorMissing]: {
    status: 400,
    message: 'Cần đúng một trong hai: donorId (nhà hảo tâm đã có) hoặc donor (nhà hảo tâm mới hay giấu tên).',
  },
  [DonationErrorCode.AlreadyVoid]: { status: 409, message: 'Khoản ủng hộ này đã bị hủy trước đó.' },
  [DonationErrorCode.InKindDescription]: {
    status: 400,
    message: 'Hiện vật cần có mô tả (inKindDescription); tiền mặt và chuyển khoản thì không.',
  },
  [DonationErrorCode.DonorNameRequired]: { status: 400, message: 'Nhà hảo tâm (trừ giấu tên) cần có tên.' },
});
