import { defineErrors } from '../common/errors.js';

export enum DonationErrorCode {
  DonationNotFound = 'DONATION_NOT_FOUND',
  DonorNotFound = 'DONOR_NOT_FOUND',
  DonorMissing = 'DONATION_DONOR_MISSING',
  AlreadyVoid = 'DONATION_ALREADY_VOID',
  GoodsHandedOut = 'DONATION_GOODS_HANDED_OUT',
  InKindDescription = 'DONATION_IN_KIND_DESCRIPTION',
  DonorNameRequired = 'DONOR_NAME_REQUIRED',
  ImportNotFound = 'IMPORT_NOT_FOUND',
  ImportAlreadyCommitted = 'IMPORT_ALREADY_COMMITTED',
  ImportInvalid = 'IMPORT_INVALID',
  AnonymousStatement = 'DONOR_ANONYMOUS_STATEMENT',
  PaperReceiptTaken = 'PAPER_RECEIPT_TAKEN',
}

export const DonationError = defineErrors<DonationErrorCode>({
  [DonationErrorCode.DonationNotFound]: { status: 404, message: 'Không tìm thấy khoản ủng hộ.' },
  [DonationErrorCode.DonorNotFound]: { status: 404, message: 'Không tìm thấy nhà hảo tâm.' },
  [DonationErrorCode.DonorMissing]: {
    status: 400,
    message: 'Cần đúng một trong hai: donorId (nhà hảo tâm đã có) hoặc donor (nhà hảo tâm mới hay giấu tên).',
  },
  [DonationErrorCode.AlreadyVoid]: { status: 409, message: 'Khoản ủng hộ này đã bị hủy trước đó.' },
  [DonationErrorCode.GoodsHandedOut]: {
    status: 409,
    message:
      'Không hủy được phiếu thu hiện vật: hiện vật đã được xuất (trao) nên quỹ không còn giữ đủ giá trị. Hãy đảo phiếu xuất trước nếu xuất nhầm.',
  },
  [DonationErrorCode.InKindDescription]: {
    status: 400,
    message: 'Hiện vật cần có mô tả (inKindDescription); tiền mặt và chuyển khoản thì không.',
  },
  [DonationErrorCode.DonorNameRequired]: { status: 400, message: 'Nhà hảo tâm (trừ giấu tên) cần có tên.' },
  [DonationErrorCode.ImportNotFound]: { status: 404, message: 'Không tìm thấy lần tải lên.' },
  [DonationErrorCode.ImportAlreadyCommitted]: {
    status: 409,
    message: 'Tệp này đã được nhập vào quỹ trước đó.',
  },
  [DonationErrorCode.ImportInvalid]: {
    status: 422,
    message: 'Bảng kê còn lỗi hoặc không khớp số dòng, tổng tiền; sửa tệp rồi tải lên lại.',
  },
  [DonationErrorCode.AnonymousStatement]: {
    status: 422,
    message: 'Không lập bảng kê cho nhà hảo tâm giấu tên: khoản giấu tên không gắn với một người.',
  },
  [DonationErrorCode.PaperReceiptTaken]: {
    status: 409,
    message: 'Phiếu thu giấy này (quyển số, số) đã được ghi nhận ở đơn vị trong năm đó.',
  },
});
