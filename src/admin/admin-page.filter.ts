import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from '../common/errors.js';
import { asAppError, errorTitle, sendPage, signInAgain } from '../common/http/html.js';
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
    const again = req.method === 'POST' && req.path === '/admin/login' && signInAgain(error, req.body);
    if (again) {
      sendPage(res, error.status, loginPage(again));
      return;
    }
    sendPage(res, error.status, errorPage(error));
  }
}
