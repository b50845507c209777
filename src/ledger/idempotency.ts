import { createHash } from 'node:crypto';
import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  type Type,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { ApiErrors } from '../common/http/api-docs.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { LedgerError, LedgerErrorCode } from './ledger.errors.js';

export interface IdempotentRequest {
  key: string;
  /** SHA-256 of the method, the route and the body: the same key with another body is a 409. */
  hash: string;
}

export interface Outcome<T> {
  status: number;
  body: T;
}

const PRINTABLE_KEY = /^[\x20-\x7e]{1,128}$/;
const LOCK_TIMEOUT_MS = 5000;

/** JSON with object keys sorted, so two equal bodies hash the same whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The request's `Idempotency-Key` header, required on every POST that moves money. */
export const Idempotency = createParamDecorator((_: unknown, ctx: ExecutionContext): IdempotentRequest => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return idempotentRequest(req, req.header('idempotency-key'), 'Idempotency-Key');
});

/**
 * A request's idempotency: its key (from the API's header, or a page form's hidden field made
 * when the form was drawn) and the hash of its method, route and body.
 */
export function idempotentRequest(req: Request, key: string | undefined, field: string): IdempotentRequest {
  if (!key || !PRINTABLE_KEY.test(key)) {
    throw new LedgerError(LedgerErrorCode.IdempotencyKeyMissing, [
      { field, message: key ? 'phải là 1–128 ký tự in được' : 'bắt buộc' },
    ]);
  }
  const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
  const hash = createHash('sha256')
    .update(`${req.method} ${route} ${req.path} ${canonical(req.body)}`)
    .digest('hex');
  return { key, hash };
}

/**
 * The OpenAPI side of an idempotent write: the required header, the first answer (201, `created`)
 * and the replay (200, the same body), the 400 for a missing key and the 409 for a reused one.
 */
export const MovesMoney = (type: Type<unknown>, created: string) =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'One key per operation, chosen by the client (a UUID will do). A repeat with the same key gets the ' +
        'first response (200); the same key with another body gets 409. Keys are kept at least 30 days.',
      schema: { type: 'string', minLength: 1, maxLength: 128, pattern: PRINTABLE_KEY.source },
      example: '2f8a6c1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    }),
    ApiCreatedResponse({ type, description: created }),
    ApiOkResponse({
      type,
      description: 'A repeat of the same Idempotency-Key: the first response, as stored',
    }),
    ApiErrors(400, [409, 'The Idempotency-Key was used before with another body']),
  );

/**
 * Runs a money-changing request exactly once per (caller, key). The key row is inserted first
 * in the request's own transaction: a concurrent request with the same key blocks on the unique
 * key until the first commits, then replays its stored response (status 200), or, if the first
 * rolled back (it failed), runs itself. Only successful responses are stored.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(
    scope: string,
    request: IdempotentRequest,
    work: (manager: EntityManager) => Promise<Outcome<T>>,
  ): Promise<Outcome<T>> {
    return this.dataSource.transaction(async (manager) => {
      // A request never waits long behind another's locks (an import commit holds its fund's for
      // seconds): it fails with 503 and Retry-After rather than hold a pooled connection.
      // (Set in the same statement as the claim: one round trip fewer per request.)
      const claimed = await manager.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash)
         SELECT $1, $2, $3 FROM (SELECT set_config('lock_timeout', $4, true)) AS lock_timeout
         ON CONFLICT (scope, key) DO NOTHING RETURNING scope`,
        [scope, request.key, request.hash, `${LOCK_TIMEOUT_MS}ms`],
      );
      if (claimed.length === 0) {
        const [stored] = await manager.query(
          `SELECT request_hash, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
          [scope, request.key],
        );
        if (stored.request_hash !== request.hash) {
          throw new LedgerError(LedgerErrorCode.IdempotencyKeyReused, [
            { field: 'Idempotency-Key', message: 'đã dùng cho một yêu cầu khác' },
          ]);
        }
        return { status: 200, body: stored.response_body as T };
      }
      const outcome = await work(manager);
      // What is stored is what is sent, byte for byte (json keeps the text as given).
      const text = JSON.stringify(outcome.body);
      await manager.query(
        `UPDATE idempotency_keys SET response_status = $3, response_body = $4::json WHERE scope = $1 AND key = $2`,
        [scope, request.key, outcome.status, text],
      );
      return { status: outcome.status, body: JSON.parse(text) as T };
    });
  }
}
