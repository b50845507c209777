import { defineErrors } from '../common/errors.js';

export enum UnitErrorCode {
  NotFound = 'UNIT_NOT_FOUND',
  ParentNotFound = 'UNIT_PARENT_NOT_FOUND',
  Cycle = 'UNIT_TREE_CYCLE',
  CodeTaken = 'UNIT_CODE_TAKEN',
  ParentKindInvalid = 'UNIT_PARENT_KIND_INVALID',
  BranchKindRequired = 'UNIT_BRANCH_KIND_REQUIRED',
  BranchKindNotAllowed = 'UNIT_BRANCH_KIND_NOT_ALLOWED',
  ValidityInvalid = 'UNIT_VALIDITY_INVALID',
  ValidityOutsideParent = 'UNIT_VALIDITY_OUTSIDE_PARENT',
  ValidityExcludesChildren = 'UNIT_VALIDITY_EXCLUDES_CHILDREN',
  RootImmutable = 'UNIT_ROOT_IMMUTABLE',
}

export const UnitError = defineErrors<UnitErrorCode>({
  [UnitErrorCode.NotFound]: { status: 404, message: 'Không tìm thấy đơn vị.' },
  [UnitErrorCode.ParentNotFound]: { status: 404, message: 'Không tìm thấy đơn vị cấp trên.' },
  [UnitErrorCode.Cycle]: {
    status: 409,
    message: 'Không thể chuyển đơn vị vào chính nó hoặc vào một đơn vị trực thuộc nó.',
  },
  [UnitErrorCode.CodeTaken]: {
    status: 409,
    message: 'Mã đơn vị đã được dùng cho một đơn vị khác trong cùng thời gian hiệu lực.',
  },
  [UnitErrorCode.ParentKindInvalid]: {
    status: 422,
    message: 'Đơn vị cấp trên không phù hợp với cấp của đơn vị.',
  },
  [UnitErrorCode.BranchKindRequired]: { status: 400, message: 'Chi hội cần có loại (branchKind).' },
  [UnitErrorCode.BranchKindNotAllowed]: { status: 400, message: 'Chỉ chi hội mới có loại (branchKind).' },
  [UnitErrorCode.ValidityInvalid]: {
    status: 400,
    message: 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.',
  },
  [UnitErrorCode.ValidityOutsideParent]: {
    status: 422,
    message: 'Thời gian hiệu lực của đơn vị phải nằm trong thời gian hiệu lực của đơn vị cấp trên.',
  },
  [UnitErrorCode.ValidityExcludesChildren]: {
    status: 422,
    message: 'Thời gian hiệu lực mới không bao được các đơn vị trực thuộc.',
  },
  [UnitErrorCode.RootImmutable]: { status: 422, message: 'Không thể chuyển hoặc đổi cấp đơn vị gốc.' },
});
