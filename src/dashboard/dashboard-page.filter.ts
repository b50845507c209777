import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommonErrorCode } from '../common/errors.js';
import { asAppError, errorTitle, sendPage } from '../common/http/html.js';
import { DASHBOARD_COOKIE } from './dashboard-cookie.js';
import { NEXT_PATTERN } from './dashboard.query.js';
import { loginPage, messagePage } from './dashboard-page.js';

/**
 * Errors on the dashboard's pages as a browser needs them: no sign-in (or an expired one) goes
 * to the sign-in form and back afterwards, a failed sign-in shows the form again with the reason,
 * anything else a short page with the API's status (404 for a unit outside the user's, as the API).
 */
@Catch()
export class DashboardPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('Dashboard');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const error = asAppError(exception, this.logger);
    if (res.headersSent) return;
    if (req.method === 'POST' && req.path === '/login' && [400, 401, 429].includes(error.status)) {
      const body = req.body as { username?: unknown; next?: unknown } | undefined;
      const message =
        error.code === CommonErrorCode.ValidationFailed
          ? 'Hãy nhập tên đăng nhập và mật khẩu.'
          : error.message;
      const username = typeof body?.username === 'string' ? body.username.slice(0, 64) : '';
      const next = typeof body?.next === 'string' && NEXT_PATTERN.test(body.next) ? body.next : undefined;
      sendPage(res, error.status, loginPage({ error: message, username, next }));
      return;
    }
    if (error.status === 401 && req.method === 'GET') {
      // A stale or forged cookie is no better than none: it goes, and the user signs in again.
      if (DASHBOARD_COOKIE.read(req)) DASHBOARD_COOKIE.clear(req, res);
      const next = NEXT_PATTERN.test(req.originalUrl) ? req.originalUrl : '/dashboard';
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, next === '/dashboard' ? '/login' : `/login?${new URLSearchParams({ next })}`);
      return;
    }
    sendPage(res, error.status, messagePage(errorTitle(error.status), error.message));
  }
}
