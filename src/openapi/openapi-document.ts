import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponse, ERROR_DESCRIPTIONS, RETRY_AFTER_HEADER } from '../common/http/api-docs.js';
import { AppError, CommonError, CommonErrorCode, ERROR_TABLE } from '../common/errors.js';
import { IdentityError, IdentityErrorCode } from '../identity/identity.errors.js';
import { LedgerError, LedgerErrorCode } from '../ledger/ledger.errors.js';
import { UnitError, UnitErrorCode } from '../units/units.errors.js';
import { documentValidationRules } from './validation-schemas.js';

const DESCRIPTION = `Learning funds and scholarships of Vietnam's study-promotion associations (Hội Khuyến học):
the unit tree, users and roles, funds on an append-only ledger, donations and their receipts, award
rounds, documents and reports.

**Signing in.** \`POST /api/v1/auth/login\` with \`{username, password}\` answers an \`accessToken\`;
press **Authorize** and paste it. Every other call sends \`Authorization: Bearer <accessToken>\`.

**Scope.** A role held at a unit applies to that unit and its whole subtree. Anything outside the
caller's units answers 404, exactly as if it did not exist; a unit in scope without a role that
allows the action answers 403. Lists and totals only ever count the caller's units.

**Money and dates.** Amounts are JSON integers of đồng (1 … 10^13), never strings or fractions.
Dates are \`YYYY-MM-DD\`, in Asia/Ho_Chi_Minh; timestamps carry their zone.

**Idempotency.** Every POST that moves money needs an \`Idempotency-Key\` header (1–128 printable
characters). The first request answers 201; any repeat with the same key answers 200 with the
first response as stored; the same key with another body answers 409. Keys are kept 30 days.

**Errors** are \`{code, message, fields: [{field, message}], requestId}\` (the ErrorResponse schema):
400 malformed (unknown fields, wrong types — strings are never coerced into numbers), 401 not
signed in, 403 role, 404 not found or out of scope, 409 conflict, 413 too large, 422 a rule refuses
it, 429 too many requests, 503 temporarily unavailable. \`message\` values are Vietnamese, for end users.

**Lists** take \`page\` (from 1) and \`pageSize\` (1–500, default 50) and answer
\`{items, total, page, pageSize}\`; \`q\` searches without accents. Lists and reports also download
as CSV or XLSX with \`format\` (cells starting with = + - @ are escaped).

**Rate limits**: sign-in attempts per username and address, verification look-ups per address,
and writes per signed-in user, each per minute (configurable); a 429 says when to retry.`;

const TAGS: [string, string][] = [
  ['auth', 'Sign-in, token refresh, sign-out and the signed-in user'],
  ['users', 'Users, their roles at units and their passwords (administrators)'],
  ['units', 'The unit tree (province, district, commune, branch) as of a date, and populations'],
  ['funds', 'Funds, balances, journal entries, opening balances, transfers and reversals'],
  ['donations', 'Donors, donations, voids, receipts and yearly statements'],
  ['donation imports', 'Donations recorded from a spreadsheet: check first, then commit all rows or none'],
  ['awards', 'Award rounds, nominations, reviews, the decision, payments and certificates'],
  ['jobs', 'Long-running work (a round’s certificates) and its result'],
  ['reports', 'Per-capita learning fund, fund summary, public disclosure, targets'],
  ['audit', 'The tamper-evident audit trail (administrators)'],
  ['verification', 'Public verification of a receipt or certificate by its code'],
  ['health', 'Liveness and readiness probes'],
];

const HEADERS = {
  'X-RateLimit-Limit': {
    description: 'Requests of this kind allowed per minute',
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 1_000_000 },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests of this kind left in the current minute',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000 },
  },
  'Access-Control-Allow-Origin': {
    description:
      "Sent only when the request's Origin is one of CORS_ORIGINS; CORS is closed by default (no origin allowed)",
    schema: { type: 'string', format: 'uri', maxLength: 2048 },
  },
  ...RETRY_AFTER_HEADER,
};
const header = (name: keyof typeof HEADERS) => ({ [name]: { $ref: `#/components/headers/${name}` } });

/** The body shown for each error status (codes and messages as the API answers them). */
const ERROR_EXAMPLES: Record<number, AppError> = {
  400: new CommonError(CommonErrorCode.ValidationFailed, [
    { field: 'amount', message: 'phải là số nguyên đồng, từ 1 đến 10.000.000.000.000' },
  ]),
  401: new IdentityError(IdentityErrorCode.AuthRequired),
  403: new IdentityError(IdentityErrorCode.Forbidden),
  404: new UnitError(UnitErrorCode.NotFound, [{ field: 'unitId', message: 'không tìm thấy' }]),
  409: new LedgerError(LedgerErrorCode.IdempotencyKeyReused, [
    { field: 'Idempotency-Key', message: 'đã dùng cho một yêu cầu khác' },
  ]),
  413: new CommonError(CommonErrorCode.PayloadTooLarge),
  422: new LedgerError(LedgerErrorCode.FundInsufficient, [
    { field: 'amount', message: 'vượt số dư khả dụng' },
  ]),
  429: new CommonError(CommonErrorCode.TooManyRequests),
  500: new CommonError(CommonErrorCode.Internal),
  503: new CommonError(CommonErrorCode.DatabaseUnavailable),
};
const exampleOf = ({ code, message, fields }: Pick<AppError, 'code' | 'message' | 'fields'>) => ({
  code,
  message,
  fields,
  requestId: '0d4c3b52-6f0e-4a8e-9a53-1c2b3d4e5f60',
});

/** The first error code a route's description names for this status, as the API answers it. */
function namedError(description: string, status: number) {
  for (const [code] of description.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) {
    const entry = ERROR_TABLE.get(code);
    if (entry?.status === status) return { code, message: entry.message, fields: [] };
  }
  return undefined;
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

type Operation = {
  parameters?: { in: string; name: string; schema?: Record<string, unknown> }[];
  requestBody?: unknown;
  security?: Record<string, string[]>[];
  responses: Record<string, { description: string; headers?: object; content?: object }>;
};

/**
 * What holds for every operation by construction, written once here rather than on each route:
 * - every operation refuses a malformed URL (400; its input too), one with a body limits its size (413);
 * - a signed-in write counts against the write limit (429, see RateLimitGuard), and every
 *   limited operation reports its limit on success;
 * - any operation can meet an unexpected error (500) or an unavailable database (503);
 * - ids in paths are UUIDs (the access guard refuses anything else), years are 1900–2200.
 */
function completeOperation(method: string, operation: Operation): void {
  const responses = operation.responses;
  const add = (status: number) => {
    responses[status] ??= {
      description: ERROR_DESCRIPTIONS[status],
      content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } },
    };
  };
  add(400);
  if (operation.requestBody) add(413);
  if (WRITES.has(method) && operation.security?.some((s) => 'bearer' in s)) add(429);
  add(500);
  add(503);
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'path') continue;
    if (/(^id|Id)$/.test(parameter.name))
      parameter.schema = { type: 'string', format: 'uuid', maxLength: 36, ...parameter.schema };
    if (parameter.name === 'year')
      parameter.schema = { type: 'integer', format: 'int32', minimum: 1900, maximum: 2200, example: 2026 };
  }
  for (const [status, response] of Object.entries(responses)) {
    const code = Number(status);
    if (code >= 200 && code < 300 && responses[429])
      response.headers = {
        ...header('X-RateLimit-Limit'),
        ...header('X-RateLimit-Remaining'),
        ...response.headers,
      };
    if (code === 429 || code === 503) response.headers = { ...header('Retry-After'), ...response.headers };
    if (response.headers)
      response.headers = { ...response.headers, ...header('Access-Control-Allow-Origin') };
    const json = (response.content as Record<string, { schema?: { $ref?: string }; example?: unknown }>)?.[
      'application/json'
    ];
    const example = namedError(response.description, code) ?? ERROR_EXAMPLES[code];
    if (json?.schema?.$ref === getSchemaPath(ErrorResponse) && example) json.example ??= exampleOf(example);
  }
  operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** The OpenAPI document served at /docs-json: every route, its input as validated, its answers. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  documentValidationRules();
  const builder = new DocumentBuilder()
    .setTitle('khuyenhoc API')
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'The accessToken from POST /api/v1/auth/login: a JWS signed with HS256 under the server’s secret, ' +
        'expiring after ACCESS_TOKEN_TTL_SECONDS (15 minutes by default), validated as RFC8725 recommends ' +
        '(one fixed algorithm, "none" refused, expiry and signature always checked).',
    });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorResponse] });
  document.servers = [
    {
      url: '/',
      description: 'This server: local (npm start) or production, wherever this document is served from',
      'x-internal': false,
    } as NonNullable<OpenAPIObject['servers']>[number],
  ];
  document.components = { ...document.components, headers: HEADERS };
  for (const path of Object.values(document.paths))
    for (const [method, operation] of Object.entries(path))
      if (WRITES.has(method) || method === 'get') completeOperation(method, operation as Operation);
  return document;
}
