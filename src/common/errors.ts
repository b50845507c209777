export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error a client can act on: an HTTP status, a stable machine code, a Vietnamese message,
 * and the fields at fault. Modules subclass it with their own code enum and message table.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

/** Every code of every module's table, for the API document's examples. */
export const ERROR_TABLE = new Map<string, { status: number; message: string }>();

/**
 * Builds a module's error class from a code → {status, message} table, so a new code
 * without its message and status does not compile.
 */
export function defineErrors<Code extends string>(table: Record<Code, { status: number; message: string }>) {
  for (const [code, entry] of Object.entries(table))
    ERROR_TABLE.set(code, entry as { status: number; message: string });
  return class ModuleError extends AppError {
    constructor(code: Code, fields: FieldError[] = [], message?: string) {
      super(table[code].status, code, message ?? table[code].message, fields);
    }
  };
}

export enum CommonErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  BadRequest = 'BAD_REQUEST',
  MalformedJson = 'MALFORMED_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  Conflict = 'CONFLICT',
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Busy = 'BUSY',
  FileTooLarge = 'IMPORT_FILE_TOO_LARGE',
  FileInvalid = 'IMPORT_FILE_INVALID',
  Internal = 'INTERNAL_ERROR',
}

export const CommonError = defineErrors<CommonErrorCode>({
  [CommonErrorCode.ValidationFailed]: { status: 400, message: 'Dữ liệu gửi lên không hợp lệ.' },
  [CommonErrorCode.BadRequest]: { status: 400, message: 'Yêu cầu không hợp lệ.' },
  [CommonErrorCode.MalformedJson]: { status: 400, message: 'Nội dung yêu cầu không phải JSON hợp lệ.' },
  [CommonErrorCode.PayloadTooLarge]: { status: 413, message: 'Nội dung yêu cầu quá lớn.' },
  [CommonErrorCode.RouteNotFound]: { status: 404, message: 'Không tìm thấy địa chỉ yêu cầu.' },
  [CommonErrorCode.Conflict]: { status: 409, message: 'Dữ liệu xung đột với dữ liệu đã có.' },
  [CommonErrorCode.DatabaseUnavailable]: {
    status: 503,
    message: 'Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại sau.',
  },
  [CommonErrorCode.TooManyRequests]: { status: 429, message: 'Quá nhiều yêu cầu; vui lòng thử lại sau.' },
  [CommonErrorCode.Busy]: {
    status: 503,
    message: 'Quỹ đang bận với một thao tác lớn (ví dụ nhập bảng kê); vui lòng thử lại sau ít giây.',
  },
  [CommonErrorCode.FileTooLarge]: { status: 413, message: 'Tệp tải lên quá lớn.' },
  [CommonErrorCode.FileInvalid]: { status: 400, message: 'Tệp tải lên không đọc được.' },
  [CommonErrorCode.Internal]: { status: 500, message: 'Lỗi hệ thống; sự cố đã được ghi lại.' },
});
