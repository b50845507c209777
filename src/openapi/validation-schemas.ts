import { DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { MAX_AMOUNT } from '../common/validation.js';

/** An example id for uuid fields that declare none (Swagger UI's own is the same for every field). */
export const EXAMPLE_UUID = '4b6f1c2e-8a3d-4f5b-9c7e-2d1a0b3c4e5f';

type Schema = Record<string, unknown>;
type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/** What one validation rule says about the value's schema. */
function fromRule(rule: ValidationMetadata): Schema {
  const [limit] = (rule.constraints ?? []) as unknown[];
  switch (rule.name) {
    case 'isString':
      return { type: 'string' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isArray':
      return { type: 'array' };
    case 'isInt':
      return { type: 'integer' };
    case 'isMoney':
      return { type: 'integer', format: 'int64', minimum: 1, maximum: MAX_AMOUNT };
    case 'isMark':
      return { type: 'number' };
    case 'isUuid':
      return { type: 'string', format: 'uuid', maxLength: 36, example: EXAMPLE_UUID };
    case 'isIsoDay':
      return { type: 'string', format: 'date', maxLength: 10 };
    case 'isIn':
      return { enum: limit };
    case 'maxLength':
      return { maxLength: limit };
    case 'minLength':
    case 'isNotEmpty':
      return { minLength: rule.name === 'isNotEmpty' ? 1 : limit };
    case 'min':
      return { minimum: limit };
    case 'max':
      return { maximum: limit };
    case 'arrayMinSize':
      return { minItems: limit };
    case 'arrayMaxSize':
      return { maxItems: limit };
    case 'arrayUnique':
      return { uniqueItems: true };
    case 'matches':
      // OpenAPI patterns have no flags: one that needs Unicode mode (\p{L}) is left to the description.
      return (limit as RegExp).flags.includes('u') ? {} : { pattern: (limit as RegExp).source };
    default:
      return {};
  }
}

/** The schema the rules of one property imply: its own value's, and its items' for `each` rules. */
function fromRules(rules: ValidationMetadata[]): Schema {
  const own = rules.filter((r) => !r.each);
  const each = rules.filter((r) => r.each);
  // A rule that applies only under a condition (`asOf` is a day *or* "all") does not describe
  // every value: such a property declares its schema itself.
  const conditional = own.some((r) => r.type === 'conditionalValidation' && r.name !== 'isOptional');
  const schema: Schema = Object.assign(
    {},
    ...own.filter((r) => !(conditional && r.name === 'isIsoDay')).map(fromRule),
  );
  if (schema.type === 'integer') {
    schema.format ??= Number(schema.maximum ?? Infinity) <= 2 ** 31 - 1 ? 'int32' : 'int64';
  }
  const items = Object.assign({}, ...each.map(fromRule)) as Schema;
  if (Object.keys(items).length) schema.items = items;
  schema.required = !own.some((r) => r.name === 'isOptional');
  return schema;
}

/** Types that only say what TypeScript emitted (`string | null` emits Object): a rule knows better. */
const EMITTED = new Set<unknown>([Object, String, Number, Boolean, undefined]);

/**
 * Writes what each DTO's validation rules say (type, format, limits, enum, required) into the
 * OpenAPI metadata of its properties, so the document states exactly what the API accepts and
 * cannot drift from it. What a property declares with `@ApiProperty` wins, except a type that
 * TypeScript emitted by itself.
 */
export function documentValidationRules(): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<object, ValidationMetadata[]>;
  };
  for (const [target, rules] of storage.validationMetadatas) {
    if (typeof target !== 'function') continue; // a schema registered by name: none here
    const prototype = (target as { prototype: object }).prototype;
    for (const property of new Set(rules.map((r) => r.propertyName))) {
      const declared = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, property) ??
        {}) as Schema;
      const derived = fromRules(rules.filter((r) => r.propertyName === property));
      const merged: Schema = { ...derived, ...declared, required: derived.required };
      if (EMITTED.has(declared.type) && derived.type) merged.type = derived.type;
      merged.type ??= Reflect.getMetadata('design:type', prototype, property);
      Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, merged, prototype, property);
      const listed = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) ??
        []) as string[];
      if (!listed.includes(`:${property}`))
        Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, [...listed, `:${property}`], prototype);
    }
  }
}
