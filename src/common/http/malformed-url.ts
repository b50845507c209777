import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { CommonError, CommonErrorCode } from '../errors.js';
import { sendError } from './error.filter.js';
import { requestIdOf } from './request-context.middleware.js';

const NOT_ENCODED = 'phải được mã hóa URL (percent-encoding) theo UTF-8';

const decodes = (text: string) => {
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
};

/** The query parameter's name as the client meant it (its raw text if even that is malformed). */
const nameOf = (pair: string) => {
  const raw = pair.split('=')[0];
  return decodes(raw) ? decodeURIComponent(raw.replace(/\+/g, ' ')) : raw;
};

/**
 * The field to blame in a request target (`/path?query`) that is not valid percent-encoded UTF-8:
 * the first query parameter at fault, else `path`; undefined when the target is sound.
 */
export function malformedUrlField(target: string, isBad: (text: string) => boolean): string | undefined {
  const at = target.indexOf('?');
  const path = at < 0 ? target : target.slice(0, at);
  const query = at < 0 ? '' : target.slice(at + 1);
  const pair = query.split('&').find(isBad);
  if (pair !== undefined) return nameOf(pair);
  return isBad(path) ? 'path' : undefined;
}

const malformedError = (field: string) =>
  new CommonError(CommonErrorCode.ValidationFailed, [{ field, message: NOT_ENCODED }]);

/**
 * Refuses a URL whose percent-encoding does not decode as UTF-8 (`?q=%E0%A4%A`), naming the
 * parameter: Express would otherwise pass the query on with replacement characters, or answer
 * a path in English.
 */
export function malformedUrlMiddleware(req: Request, res: Response, next: NextFunction): void {
  const field = malformedUrlField(req.originalUrl, (text) => !decodes(text));
  if (field === undefined) return next();
  sendError(res, malformedError(field), requestIdOf(req));
}

/** What Node answers itself for request errors other than a malformed request line. */
const OTHER_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Node's HTTP parser refuses a request line with raw (unencoded) bytes, such as UTF-8 typed into
 * a query string, before any route runs, and by default answers 400 with no body. This answers in
 * the API's error format instead, naming the parameter.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (error: Error & { code?: string; rawPacket?: Buffer }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = OTHER_STATUS[error.code ?? ''] ?? 400;
    const requestId = randomUUID();
    let body = '';
    if (status === 400) {
      // The request line as sent: `GET /api/v1/units?q=Thái HTTP/1.1`.
      const target = (error.rawPacket?.toString('latin1').split('\r\n')[0] ?? '').split(' ')[1] ?? '';
      const field =
        error.code === 'HPE_INVALID_URL'
          ? malformedUrlField(target, (text) => /[^\x21-\x7e]/.test(text))
          : undefined;
      const { code, message, fields } = field
        ? malformedError(field)
        : new CommonError(CommonErrorCode.BadRequest);
      body = JSON.stringify({ code, message, fields, requestId });
    }
    logger.warn({ context: 'HTTP', requestId, status, error: error.code }, `malformed request (${status})`);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nX-Request-Id: ${requestId}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}
