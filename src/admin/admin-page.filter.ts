import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, CommonError, CommonErrorCode } from '../common/errors.js';
import { isDatabaseUnavailable } from '../common/http/error.filter.js';
import { loginPage, messagePage } from './admin-pages.js';

/** Errors a browser on an admin page can act on, as an HTML page (the API answers JSON). */
export function asAppError(exception: unknown, logger: Logger): AppError {
  if (exception instanceof AppError) return exception;
  if (exception instanceof HttpException)
    return new AppError(exception.getStatus(), `HTTP_${exception.getStatus()}`, 'Yêu cầu không hợp lệ.');
  if (isDatabaseUnavailable(exception)) return new CommonError(CommonErrorCode.DatabaseUnavailable);
  logger.error(exception instanceof Error ? exception : String(exception));
  return new CommonError(CommonErrorCode.Internal);
}

export function sendPage(res: Response, status: number, html: string): void {
  res.status(status).setHeader('Cache-Control', 'no-store').type('html').send(html);
}

export function errorPage(error: AppError): string {
  const title =
    error.status === 403
      ? 'Không có quyền truy cập'
      : error.status === 404
        ? 'Không tìm thấy'
        : 'Không thực hiện được';
  return messagePage(title, error.message);
}

/** A failed sign-in shows the form again with the reason; anything else, a short page. */
@Catch()
export class AdminPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('Admin');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const error = asAppError(exception, this.logger);
    if (res.headersSent) return;
    const signingIn = req.method === 'POST' && req.path === '/admin/login';
    if (signingIn && [400, 401, 429].includes(error.status)) {
      const body = req.body as { username?: unknown } | undefined;
      const message =
        error.code === CommonErrorCode.ValidationFailed
          ? 'Hãy nhập tên đăng nhập và mật khẩu.'
          : error.message;
      const username = typeof body?.username === 'string' ? body.username.slice(0, 64) : '';
      sendPage(res, error.status, loginPage({ error: message, username }));
      return;
    }
    sendPage(res, error.status, errorPage(error));
  }
}
