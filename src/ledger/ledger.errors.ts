import { defineErrors } from '../common/errors.js';

export enum LedgerErrorCode {
  FundNotFound = 'FUND_NOT_FOUND',
  FundInsufficient = 'FUND_INSUFFICIENT',
  FundClosed = 'FUND_CLOSED',
  FundNotEmpty = 'FUND_NOT_EMPTY',
  FundTooLarge = 'FUND_TOO_LARGE',
  InKindInsufficient = 'FUND_IN_KIND_INSUFFICIENT',
  TransferSameFund = 'TRANSFER_SAME_FUND',
  TransferUnitsUnrelated = 'TRANSFER_UNITS_UNRELATED',
  OpeningBalanceExists = 'OPENING_BALANCE_EXISTS',
  EntryNotFound = 'ENTRY_NOT_FOUND',
  EntryAlreadyReversed = 'ENTRY_ALREADY_REVERSED',
  EntryNotReversible = 'ENTRY_NOT_REVERSIBLE',
  DateInFuture = 'DATE_IN_FUTURE',
  IdempotencyKeyMissing = 'IDEMPOTENCY_KEY_MISSING',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
}

export const LedgerError = defineErrors<LedgerErrorCode>({
  [LedgerErrorCode.FundNotFound]: { status: 404, message: 'Không tìm thấy quỹ.' },
  [LedgerErrorCode.FundInsufficient]: { status: 422, message: 'Số dư khả dụng của quỹ không đủ.' },
  [LedgerErrorCode.FundClosed]: { status: 422, message: 'Quỹ đã đóng; không thể ghi thêm.' },
  [LedgerErrorCode.FundNotEmpty]: {
    status: 422,
    message: 'Chỉ đóng được quỹ khi số dư tiền và giá trị hiện vật còn giữ đều bằng 0.',
  },
  [LedgerErrorCode.InKindInsufficient]: {
    status: 422,
    message: 'Giá trị hiện vật còn giữ trong quỹ không đủ.',
  },
  [LedgerErrorCode.FundTooLarge]: {
    status: 422,
    message: 'Số dư của quỹ sẽ vượt 9.007.199.254.740.991 đồng, giới hạn một quỹ; hãy dùng quỹ khác.',
  },
  [LedgerErrorCode.TransferSameFund]: { status: 400, message: 'Quỹ chuyển và quỹ nhận phải khác nhau.' },
  [LedgerErrorCode.TransferUnitsUnrelated]: {
    status: 422,
    message: 'Chỉ điều chuyển trong cùng đơn vị, hoặc giữa đơn vị với cấp trên hay cấp dưới trực tiếp.',
  },
  [LedgerErrorCode.OpeningBalanceExists]: { status: 409, message: 'Quỹ đã có số dư đầu kỳ.' },
  [LedgerErrorCode.EntryNotFound]: { status: 404, message: 'Không tìm thấy bút toán.' },
  [LedgerErrorCode.EntryAlreadyReversed]: { status: 409, message: 'Bút toán đã được đảo trước đó.' },
  [LedgerErrorCode.EntryNotReversible]: {
    status: 422,
    message: 'Bút toán này không đảo trực tiếp được (khoản ủng hộ: dùng chức năng hủy phiếu thu).',
  },
  [LedgerErrorCode.DateInFuture]: { status: 400, message: 'Ngày không được ở tương lai.' },
  [LedgerErrorCode.IdempotencyKeyMissing]: {
    status: 400,
    message: 'Cần tiêu đề Idempotency-Key (1–128 ký tự in được) cho thao tác ghi tiền.',
  },
  [LedgerErrorCode.IdempotencyKeyReused]: {
    status: 409,
    message: 'Idempotency-Key này đã dùng cho một yêu cầu khác nội dung.',
  },
});
