import { defineErrors } from '../common/errors.js';

export enum IdentityErrorCode {
  AuthRequired = 'AUTH_REQUIRED',
  TokenInvalid = 'AUTH_TOKEN_INVALID',
  TokenExpired = 'AUTH_TOKEN_EXPIRED',
  SessionEnded = 'AUTH_SESSION_ENDED',
  InvalidCredentials = 'AUTH_INVALID_CREDENTIALS',
  RefreshInvalid = 'AUTH_REFRESH_INVALID',
  RefreshReused = 'AUTH_REFRESH_REUSED',
  Forbidden = 'ACCESS_FORBIDDEN',
  UserNotFound = 'USER_NOT_FOUND',
  UsernameTaken = 'USER_USERNAME_TAKEN',
  RoleExists = 'USER_ROLE_EXISTS',
  RoleAssignmentNotFound = 'ROLE_ASSIGNMENT_NOT_FOUND',
  PasswordWeak = 'PASSWORD_WEAK',
  PasswordWrong = 'PASSWORD_CURRENT_WRONG',
  SelfLockout = 'USER_SELF_LOCKOUT',
  UserOutranks = 'USER_OUTRANKS_CALLER',
  OwnPasswordReset = 'USER_OWN_PASSWORD_RESET',
}

export const IdentityError = defineErrors<IdentityErrorCode>({
  [IdentityErrorCode.AuthRequired]: { status: 401, message: 'Cần đăng nhập (thiếu mã truy cập Bearer).' },
  [IdentityErrorCode.TokenInvalid]: { status: 401, message: 'Mã truy cập không hợp lệ.' },
  [IdentityErrorCode.TokenExpired]: {
    status: 401,
    message: 'Mã truy cập đã hết hạn; hãy làm mới bằng refresh token.',
  },
  [IdentityErrorCode.SessionEnded]: {
    status: 401,
    message: 'Phiên đăng nhập đã kết thúc; vui lòng đăng nhập lại.',
  },
  [IdentityErrorCode.InvalidCredentials]: { status: 401, message: 'Sai tên đăng nhập hoặc mật khẩu.' },
  [IdentityErrorCode.RefreshInvalid]: { status: 401, message: 'Refresh token không hợp lệ hoặc đã hết hạn.' },
  [IdentityErrorCode.RefreshReused]: {
    status: 401,
    message: 'Refresh token đã được dùng trước đó; phiên đã bị thu hồi để bảo vệ tài khoản.',
  },
  [IdentityErrorCode.Forbidden]: {
    status: 403,
    message: 'Vai trò của bạn tại đơn vị này không cho phép thao tác này.',
  },
  [IdentityErrorCode.UserNotFound]: { status: 404, message: 'Không tìm thấy người dùng.' },
  [IdentityErrorCode.UsernameTaken]: { status: 409, message: 'Tên đăng nhập đã được dùng.' },
  [IdentityErrorCode.RoleExists]: { status: 409, message: 'Người dùng đã có vai trò này tại đơn vị này.' },
  [IdentityErrorCode.RoleAssignmentNotFound]: { status: 404, message: 'Không tìm thấy phân quyền.' },
  [IdentityErrorCode.PasswordWeak]: { status: 400, message: 'Mật khẩu chưa đủ mạnh.' },
  [IdentityErrorCode.PasswordWrong]: { status: 400, message: 'Mật khẩu hiện tại không đúng.' },
  [IdentityErrorCode.SelfLockout]: {
    status: 422,
    message: 'Không thể tự khóa tài khoản hoặc tự bỏ quyền quản trị của chính mình.',
  },
  [IdentityErrorCode.OwnPasswordReset]: {
    status: 422,
    message: 'Đổi mật khẩu của chính mình tại POST /api/v1/me/password (cần mật khẩu hiện tại).',
  },
  [IdentityErrorCode.UserOutranks]: {
    status: 403,
    message: 'Người dùng này có vai trò ở đơn vị ngoài phạm vi quản trị của bạn.',
  },
});
