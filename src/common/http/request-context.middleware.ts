import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { requestContext } from '../logging/logger.js';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when sane, else a new uuid), echoes it
 * in the response, runs the request inside it so every log line carries it, and logs the outcome.
 */
export function requestContextMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.header('x-request-id');
    const requestId = header && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
    (req as Request & { id: string }).id = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      logger[level](
        {
          context: 'HTTP',
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms),
        },
        `${req.method} ${req.path} ${res.statusCode}`,
      );
    });
    requestContext.run({ requestId }, next);
  };
}

export function requestIdOf(req: unknown): string {
  return (req as { id?: string }).id ?? requestContext.getStore()?.requestId ?? 'unknown';
}
