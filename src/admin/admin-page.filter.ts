import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, CommonErrorCode } from '../common/errors.js';
import { asAppError, errorTitle, sendPage } from '../common/http/html.js';
import { loginPage, messagePage } from './admin-pages.js';

/** A short page saying why there is nothing to show (403, 404, 500…). */
export function errorPage(error: AppError): string {
  return messagePage(errorTitle(error.status), error.message);
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
