import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { asAppError, errorTitle, sendPage } from '../common/http/html.js';
import { NEXT_PATTERN, WEB_COOKIE } from '../web/web-session.js';
import { messagePage } from './dashboard-page.js';

/**
 * Errors on the dashboard's pages as a browser needs them: no sign-in (or an expired one) goes
 * to the workspace's sign-in form and back afterwards, anything else a short page with the API's status (404 for a unit outside the user's, as the API).
 */
@Catch()
export class DashboardPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('Dashboard');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const error = asAppError(exception, this.logger);
    if (res.headersSent) return;
    if (error.status === 401 && req.method === 'GET') {
      // A stale or forged cookie is no better than none: it goes, and the user signs in again.
      if (WEB_COOKIE.read(req)) WEB_COOKIE.clear(req, res);
      const next = NEXT_PATTERN.test(req.originalUrl) ? req.originalUrl : '/dashboard';
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, next === '/dashboard' ? '/login' : `/login?${new URLSearchParams({ next })}`);
      return;
    }
    sendPage(res, error.status, messagePage(errorTitle(error.status), error.message));
  }
}
