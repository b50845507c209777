import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { htmlDocument, sendPage } from './html.js';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { AppError, CommonError, CommonErrorCode } from '../errors.js';
import { requestIdOf } from './request-context.middleware.js';

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True when the database could not be reached or dropped the connection (not the client's fault). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: unknown };
  if (e?.driverError) return isDatabaseUnavailable(e.driverError);
  const code = e?.code ?? '';
  const message = e?.message ?? '';
  return (
    CONNECTION_ERRORS.has(code) ||
    code.startsWith('08') || // connection exception
    ['57P01', '57P02', '57P03', '53300'].includes(code) || // shutdown, crash, starting up, too many connections
    (code === '3D000' && /database .* does not exist/.test(message)) ||
    /Connection terminated|timeout exceeded when trying to connect|is not currently accepting connections/i.test(
      message,
    )
  );
}

function fromHttpException(exception: HttpException): AppError {
  // Nest wraps body-parser's errors (malformed JSON, too large) and keeps the original as cause.
  const parserError = exception.cause ? fromBodyParser(exception.cause) : undefined;
  if (parserError) return parserError;
  const status = exception.getStatus();
  if (status === 404) return new CommonError(CommonErrorCode.RouteNotFound);
  if (status === 413) return new CommonError(CommonErrorCode.PayloadTooLarge);
  if (status === 429) return new CommonError(CommonErrorCode.TooManyRequests);
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return new AppError(
    status,
    `HTTP_${status}`,
    Array.isArray(message) ? message.join('; ') : String(message ?? ''),
  );
}

/** Maps body-parser's errors (raised before any route runs) to our codes. */
function fromBodyParser(exception: unknown): AppError | undefined {
  const type = (exception as { type?: string })?.type;
  if (type === 'entity.parse.failed') return new CommonError(CommonErrorCode.MalformedJson);
  if (type === 'entity.too.large') return new CommonError(CommonErrorCode.PayloadTooLarge);
  const status = (exception as { status?: number })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && type) {
    return new AppError(status, 'BAD_REQUEST', 'Yêu cầu không hợp lệ.');
  }
  return undefined;
}

/** Last-resort mapping of constraint violations a pre-check missed (e.g. two requests racing). */
function fromConstraint(exception: unknown): AppError | undefined {
  // TypeORM wraps query errors; a COPY's error comes straight from pg.
  const code =
    exception instanceof QueryFailedError
      ? ((exception.driverError as { code?: string }).code ?? '')
      : exception instanceof pg.DatabaseError
        ? (exception.code ?? '')
        : undefined;
  if (code === undefined) return undefined;
  if (code === '23505' || code === '23P01') return new CommonError(CommonErrorCode.Conflict);
  if (code.startsWith('22')) return new CommonError(CommonErrorCode.ValidationFailed);
  // A lock not granted within lock_timeout: another long write holds it; try again shortly.
  if (code === '55P03') return new CommonError(CommonErrorCode.Busy);
  return undefined;
}

/** What may be logged of an error: a failed query keeps its SQL state and message, never its parameters. */
function loggable(exception: unknown): Error | string {
  if (exception instanceof QueryFailedError) {
    const code = (exception.driverError as { code?: string }).code ?? '';
    const safe = new Error(`query failed (${code}): ${exception.message}`);
    safe.stack = `${safe.message}\n${exception.stack?.split('\n').slice(1).join('\n') ?? ''}`;
    return safe;
  }
  return exception instanceof Error ? exception : String(exception);
}

export function sendError(res: Response, error: AppError, requestId: string): void {
  res
    .status(error.status)
    .json({ code: error.code, message: error.message, fields: error.fields, requestId });
}

/** Express handler for paths outside the API prefix that no route matched. */
export function notFoundHandler(req: Request, res: Response): void {
  // A person who typed or followed a wrong address gets a page, a program the error format.
  if (!req.path.startsWith('/api/') && req.accepts(['json', 'html']) === 'html') {
    const body = `<main><h1>Không tìm thấy</h1><p>Không có trang này.</p><p><a href="/">Về trang chủ</a></p></main>`;
    sendPage(
      res,
      404,
      htmlDocument('Không tìm thấy', 'body{font-family:system-ui,sans-serif;margin:2rem}', body),
    );
    return;
  }
  sendError(res, new CommonError(CommonErrorCode.RouteNotFound), requestIdOf(req));
}

/** The one place errors become HTTP responses, in the format of API.md. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const requestId = requestIdOf(req);

    let error: AppError;
    if (exception instanceof AppError) error = exception;
    else if (exception instanceof HttpException) error = fromHttpException(exception);
    else if (isDatabaseUnavailable(exception)) {
      error = new CommonError(CommonErrorCode.DatabaseUnavailable);
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      res.setHeader('Retry-After', '5');
    } else {
      error =
        fromBodyParser(exception) ?? fromConstraint(exception) ?? new CommonError(CommonErrorCode.Internal);
      if (error.status >= 500 || exception instanceof QueryFailedError) {
        this.logger.error(loggable(exception));
      }
    }
    if (res.headersSent) return;
    if (error.code === CommonErrorCode.Busy) res.setHeader('Retry-After', '5');
    sendError(res, error, requestId);
  }
}
