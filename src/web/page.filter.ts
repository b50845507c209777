import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { asAppError, errorTitle } from '../common/http/html.js';
import { Views } from './views.js';
import { NEXT_PATTERN, WEB_COOKIE } from './web-session.js';

/**
 * Errors on workspace pages as a person needs them: without a sign-in (or with an ended one),
 * the sign-in form and back to the page afterwards; anything else a page in the layout with the
 * reason and the same status the API gives (404 for what lies outside the user's units).
 * Forms catch their own field errors and show them beside the fields.
 */
@Catch()
@Injectable()
export class PageFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  constructor(private readonly views: Views) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const error = asAppError(exception, this.logger);
    if (res.headersSent) return;
    if (error.status === 401) {
      // A stale or forged cookie is no better than none: it goes, and the user signs in again.
      if (WEB_COOKIE.read(req)) WEB_COOKIE.clear(req, res);
      const back = req.originalUrl;
      const next = req.method === 'GET' && back !== '/' && NEXT_PATTERN.test(back) ? back : undefined;
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, next ? `/login?${new URLSearchParams({ next })}` : '/login');
      return;
    }
    this.views.render(
      req,
      res,
      'error',
      { title: errorTitle(error.status), message: error.message, code: error.code },
      error.status,
    );
  }
}
