import { HttpException, type Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, CommonError, CommonErrorCode } from '../errors.js';
import { isDatabaseUnavailable } from './error.filter.js';

/** Text for HTML content and attribute values: every user-provided string goes through this. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A server-rendered page: never cached (it shows a signed-in user's data). */
export function sendPage(res: Response, status: number, html: string): void {
  res.status(status).setHeader('Cache-Control', 'no-store').type('html').send(html);
}

/** Errors a browser on a page can act on, as the API would name them (pages show them as HTML). */
export function asAppError(exception: unknown, logger: Logger): AppError {
  if (exception instanceof AppError) return exception;
  if (exception instanceof HttpException)
    return new AppError(exception.getStatus(), `HTTP_${exception.getStatus()}`, 'Yêu cầu không hợp lệ.');
  if (isDatabaseUnavailable(exception)) return new CommonError(CommonErrorCode.DatabaseUnavailable);
  logger.error(exception instanceof Error ? exception : String(exception));
  return new CommonError(CommonErrorCode.Internal);
}

/** The heading of an error page, by status. */
export function errorTitle(status: number): string {
  return status === 403
    ? 'Không có quyền truy cập'
    : status === 404
      ? 'Không tìm thấy'
      : 'Không thực hiện được';
}
