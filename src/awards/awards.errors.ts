import { defineErrors } from '../common/errors.js';

export enum AwardErrorCode {
  RoundNotFound = 'ROUND_NOT_FOUND',
  NominationNotFound = 'NOMINATION_NOT_FOUND',
  AwardNotFound = 'AWARD_NOT_FOUND',
  TransitionInvalid = 'ROUND_TRANSITION_INVALID',
  RoundState = 'ROUND_STATE',
  CommitteeInvalid = 'ROUND_COMMITTEE_INVALID',
  RoundInvalid = 'ROUND_INVALID',
  NotMember = 'ROUND_NOT_COMMITTEE_MEMBER',
  NotChair = 'ROUND_NOT_CHAIR',
  Recused = 'NOMINATION_RECUSED',
  NominationInvalid = 'NOMINATION_INVALID',
  NominationQuota = 'NOMINATION_QUOTA_EXCEEDED',
  BudgetExceeded = 'AWARD_BUDGET_EXCEEDED',
  QuotaExceeded = 'AWARD_QUOTA_EXCEEDED',
  ApprovalsMissing = 'AWARD_APPROVALS_MISSING',
  NotEligible = 'AWARD_NOT_ELIGIBLE',
  DuplicatePerson = 'AWARD_DUPLICATE_PERSON',
  AlreadyPaid = 'AWARD_ALREADY_PAID',
  Revoked = 'AWARD_REVOKED',
  NotPaid = 'AWARD_NOT_PAID',
  UnpaidAwards = 'ROUND_UNPAID_AWARDS',
  PaymentListInvalid = 'AWARD_PAYMENT_LIST_INVALID',
  NothingToCertify = 'ROUND_NOTHING_TO_CERTIFY',
}

export const AwardError = defineErrors<AwardErrorCode>({
  [AwardErrorCode.RoundNotFound]: { status: 404, message: 'Không tìm thấy đợt xét.' },
  [AwardErrorCode.NominationNotFound]: { status: 404, message: 'Không tìm thấy hồ sơ đề cử.' },
  [AwardErrorCode.AwardNotFound]: { status: 404, message: 'Không tìm thấy suất học bổng, phần thưởng.' },
  [AwardErrorCode.TransitionInvalid]: {
    status: 409,
    message: 'Không chuyển được đợt xét sang trạng thái này từ trạng thái hiện tại.',
  },
  [AwardErrorCode.RoundState]: { status: 409, message: 'Đợt xét không ở trạng thái cho phép thao tác này.' },
  [AwardErrorCode.CommitteeInvalid]: {
    status: 422,
    message:
      'Hội đồng xét không hợp lệ: mỗi thành viên phải giữ vai trò hội đồng tại đơn vị, có đúng một chủ tịch.',
  },
  [AwardErrorCode.RoundInvalid]: { status: 422, message: 'Đợt xét không hợp lệ.' },
  [AwardErrorCode.NotMember]: { status: 403, message: 'Bạn không phải thành viên hội đồng của đợt xét này.' },
  [AwardErrorCode.NotChair]: { status: 403, message: 'Chỉ chủ tịch hội đồng ghi nhận quyết định.' },
  [AwardErrorCode.Recused]: {
    status: 409,
    message: 'Bạn đã xin rút khỏi việc xét hồ sơ này (xung đột lợi ích); phiếu không được tính.',
  },
  [AwardErrorCode.NominationInvalid]: { status: 422, message: 'Hồ sơ đề cử không hợp lệ.' },
  [AwardErrorCode.NominationQuota]: {
    status: 422,
    message: 'Đơn vị đã đề cử đủ số suất được phân bổ cho hạng mục này.',
  },
  [AwardErrorCode.BudgetExceeded]: {
    status: 422,
    message: 'Tổng tiền các suất được duyệt vượt kinh phí của đợt xét.',
  },
  [AwardErrorCode.QuotaExceeded]: { status: 422, message: 'Số suất được duyệt vượt chỉ tiêu.' },
  [AwardErrorCode.ApprovalsMissing]: { status: 422, message: 'Có hồ sơ chưa đủ số phiếu đồng ý cần thiết.' },
  [AwardErrorCode.NotEligible]: { status: 422, message: 'Có hồ sơ không đáp ứng điều kiện của hạng mục.' },
  [AwardErrorCode.DuplicatePerson]: {
    status: 422,
    message: 'Một người được duyệt hai lần trong cùng đợt xét.',
  },
  [AwardErrorCode.AlreadyPaid]: { status: 409, message: 'Suất này đã được chi trả.' },
  [AwardErrorCode.Revoked]: { status: 409, message: 'Suất này đã bị thu hồi.' },
  [AwardErrorCode.NotPaid]: { status: 409, message: 'Suất này chưa được chi trả.' },
  [AwardErrorCode.NothingToCertify]: {
    status: 409,
    message: 'Đợt xét chưa có suất nào đã chi trả: chưa có giấy chứng nhận để in.',
  },
  [AwardErrorCode.PaymentListInvalid]: {
    status: 422,
    message: 'Danh sách ký nhận còn lỗi; chưa suất nào được chi. Sửa các dòng được nêu rồi tải lên lại.',
  },
  [AwardErrorCode.UnpaidAwards]: {
    status: 409,
    message: 'Còn suất đã duyệt chưa chi trả: chi trả hoặc thu hồi (có lý do) trước khi kết thúc đợt xét.',
  },
});
