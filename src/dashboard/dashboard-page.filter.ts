import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { asAppError, errorTitle, sendPage, signInAgain } from '../common/http/html.js';
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
    const again = req.method === 'POST' && req.path === '/login' && signInAgain(error, req.body);
    if (again) {
      const next = (req.body as { next?: unknown } | undefined)?.next;
      sendPage(
        res,
        error.status,
        loginPage({ ...again, next: typeof next === 'string' && NEXT_PATTERN.test(next) ? next : undefined }),
      );
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
