import { applyDecorators, ValidationError, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  getMetadataStorage,
  IsInt,
  isUUID,
  Max,
  Min,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { cleanText } from './text.js';
import { CommonError, CommonErrorCode, FieldError } from './errors.js';

/** The constraint arguments of one rule of a property, as declared (`@MaxLength(500)` → [500]). */
export function ruleConstraints(target: object | undefined, property: string, rule: string): unknown[] {
  const type = (target as { constructor?: new () => object } | undefined)?.constructor;
  if (!type) return [];
  const rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  return rules.find((r) => r.propertyName === property && r.name === rule)?.constraints ?? [];
}

const count = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('vi-VN') : String(n));

/**
 * Vietnamese messages for the constraints we use, naming the limit or the allowed values;
 * class-validator's English text is the fallback.
 */
const MESSAGES: Record<string, (limit: unknown) => string> = {
  whitelistValidation: () => 'trường này không được phép',
  isDefined: () => 'bắt buộc',
  isNotEmpty: () => 'không được để trống',
  isString: () => 'phải là chuỗi ký tự',
  isInt: () => 'phải là số nguyên',
  isBoolean: () => 'phải là true hoặc false',
  isArray: () => 'phải là một danh sách',
  isUuid: () => 'phải là mã định danh UUID',
  isUUID: () => 'phải là mã định danh UUID',
  isIn: (values) => `phải là một trong: ${(values as unknown[]).join(', ')}`,
  isIsoDay: () => 'phải là ngày có thật, dạng YYYY-MM-DD',
  maxLength: (n) => `tối đa ${count(n)} ký tự`,
  minLength: (n) => `tối thiểu ${count(n)} ký tự`,
  min: (n) => `không được nhỏ hơn ${count(n)}`,
  max: (n) => `không được lớn hơn ${count(n)}`,
  arrayMinSize: (n) => `cần ít nhất ${count(n)} phần tử`,
  arrayMaxSize: (n) => `tối đa ${count(n)} phần tử`,
  arrayUnique: () => 'không được có phần tử trùng nhau',
  matches: () => 'có ký tự không hợp lệ',
  isMoney: () => 'phải là số nguyên đồng, từ 1 đến 10.000.000.000.000',
  isMark: () => 'phải là số, tối đa hai chữ số thập phân',
};

/** Flattens nested validation errors into `{field: "donor.name", message}` entries. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const missing = error.value === undefined || error.value === null;
    const own = Object.entries(error.constraints ?? {}).map(([name, fallback]) => {
      if (missing && name !== 'whitelistValidation') return { field, message: 'bắt buộc' };
      const message = MESSAGES[name];
      if (!message) return { field, message: fallback };
      // The rule's limit is looked up only for the messages that name one.
      const limit = message.length ? ruleConstraints(error.target, error.property, name)[0] : undefined;
      return { field, message: message(limit) };
    });
    return own.concat(toFieldErrors(error.children ?? [], field));
  });
}

/**
 * whitelist + forbidNonWhitelisted: unknown fields are refused, never silently kept;
 * transform without implicit conversion: a JSON string is never coerced into a number.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    // One message per field: the first rule it breaks.
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value tells a missing field from a wrong one, the target finds the rule's limit for the
    // message; neither is ever sent back.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new CommonError(CommonErrorCode.ValidationFailed, toFieldErrors(errors)),
  });
}

export function isIsoDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < 1900 || year > 2200) return false; // PostgreSQL has no year 0, and no record is that old
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar day `YYYY-MM-DD` that exists (no 2025-02-30). */
export function IsIsoDay(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDay',
      target: object.constructor,
      propertyName,
      options,
      validator: { validate: (value: unknown) => isIsoDay(value) },
    });
}

/** A calendar year in a query string ("2026"): an integer from 1900 to 2200. */
export const IsQueryYear = () =>
  applyDecorators(
    Type(() => Number),
    IsInt(),
    Min(1900),
    Max(2200),
  );

/** The largest amount the API takes: 10^13 đồng (API.md). */
export const MAX_AMOUNT = 10_000_000_000_000;

/** Money: a JSON integer of đồng, 1 … 10^13 (never a string, never a fraction). */
export function IsMoney(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isMoney',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_AMOUNT,
      },
    });
}

/** A mark or score: a JSON number with at most two decimals (8.25, not "8.25", not 1e-7). */
export function IsMark(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isMark',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isFinite(value) &&
          Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      },
    });
}

/** `@Transform(cleanTextValue)`: free text stored NFC, white space collapsed, control characters dropped. */
export const cleanTextValue = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? cleanText(value) : value;

/** A UUID string of any version, in either case. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && isUUID(value);
