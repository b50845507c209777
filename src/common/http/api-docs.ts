import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorView {
  @ApiProperty({
    description: 'The field, header or parameter at fault; nested fields are dotted (`donor.name`)',
    example: 'amount',
    maxLength: 200,
  })
  field: string;

  @ApiProperty({
    description: 'What is wrong with it, in Vietnamese (shown to end users)',
    example: 'phải là số nguyên đồng, từ 1 đến 10.000.000.000.000',
    maxLength: 1000,
  })
  message: string;
}

/** The body of every error the API answers (components.schemas.ErrorResponse). */
export class ErrorResponse {
  @ApiProperty({
    description: 'A stable machine-readable code, e.g. VALIDATION_FAILED, FUND_INSUFFICIENT',
    example: 'VALIDATION_FAILED',
    pattern: '^[A-Z0-9_]+$',
    maxLength: 64,
  })
  code: string;

  @ApiProperty({
    description: 'What went wrong, in Vietnamese (shown to end users)',
    example: 'Dữ liệu gửi lên không hợp lệ.',
    maxLength: 1000,
  })
  message: string;

  @ApiProperty({ type: [FieldErrorView], maxItems: 1000, description: 'Every field at fault (may be empty)' })
  fields: FieldErrorView[];

  @ApiProperty({
    description: 'The request id, also in the X-Request-Id header and in every log line of the request',
    example: '0d4c3b52-6f0e-4a8e-9a53-1c2b3d4e5f60',
    maxLength: 128,
    pattern: '^[A-Za-z0-9._:-]{1,128}$',
  })
  requestId: string;
}

/** What each error status means across the API; a route may say more for its own case. */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request: a field, parameter or header is missing, of the wrong type, out of range or unknown, or the URL is not valid percent-encoded UTF-8 (`fields` names each); nothing was written',
  401: 'No access token, or an invalid or expired one',
  403: "The unit is within the caller's units, but no role the caller holds there allows this action",
  404: "Not found, or outside the caller's units (the same answer, so existence does not leak)",
  409: 'Conflict with the current state (or a duplicate); nothing was written',
  410: 'Gone: the resource existed but is no longer available',
  413: 'The request body or the uploaded file is too large',
  422: 'Well-formed, but a rule refuses it (the `code` says which); nothing was written',
  429: 'Too many requests: wait for `Retry-After` seconds',
  500: 'Unexpected server error; it was logged with the request id',
  503: 'Temporarily unavailable (the database, or a lock held by a long write): retry after `Retry-After` seconds',
};

/**
 * The error answers a route can give, each in the shared error format: `@ApiErrors(404, 409)`,
 * or with what the status means for this route: `@ApiErrors([422, 'FUND_INSUFFICIENT: …'])`.
 */
export function ApiErrors(...statuses: (number | [number, string])[]) {
  return applyDecorators(
    ...statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, ERROR_DESCRIPTIONS[entry]];
      return ApiResponse({ status, description, type: ErrorResponse });
    }),
  );
}

/** A binary body of one of these media types (a PDF, a spreadsheet, a ZIP). */
const binary = (...mediaTypes: string[]) =>
  Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));

export const RETRY_AFTER_HEADER = {
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 3600 },
  },
};

/** A 200 whose body is a file: `@ApiFile('The receipt (PDF)', 'application/pdf')`. */
export const ApiFile = (description: string, ...mediaTypes: string[]) =>
  ApiResponse({ status: 200, description, content: binary(...mediaTypes) });

/** A 200 in JSON, or as a file when asked for one (`?format=csv`, `Accept: application/pdf`). */
export const ApiJsonOrFile = (type: Type<unknown>, description: string, ...mediaTypes: string[]) =>
  applyDecorators(
    ApiExtraModels(type),
    ApiResponse({
      status: 200,
      description,
      content: { 'application/json': { schema: { $ref: getSchemaPath(type) } }, ...binary(...mediaTypes) },
    }),
  );
