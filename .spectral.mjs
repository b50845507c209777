// The OpenAPI lint of /docs-json (test/openapi-lint.e2e-spec.ts runs it in `npm test`; the CLI
// takes it too: `npx @stoplight/spectral-cli lint -r .spectral.mjs docs.json`). Spectral's own
// `spectral:oas` rules and the OWASP API Security Top 10 (2023) rules, from node_modules (offline).
// A rule turned off below says why; where the reason is its reach, a narrower rule replaces it.
import { oas } from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';
import { defined, schema, truthy } from '@stoplight/spectral-functions';

const OPERATION = '@property.match(/^(get|put|post|patch|delete)$/)';
const WRITE = '@property.match(/^(put|post|patch|delete)$/)';
const SIGNED_IN = '@.security && @.security[0] && @.security[0].bearer';

/** Every schema a client sends: parameters and request bodies (refs resolved, nested included). */
const sent = (filter) => [
  `$.paths[*][get,put,post,patch,delete].parameters[?(@.schema && ${filter.replaceAll('@', '@.schema')})].schema`,
  `$.paths[*][get,put,post,patch,delete].requestBody.content[*].schema..[?(${filter})]`,
];

/** Operations that count against a rate limit (sign-in, verification, signed-in writes) say so with a 429. */
const LIMITED = `$.paths[*][?(${OPERATION} && @.responses && @.responses["429"])]`;

export default {
  extends: [
    [oas, 'recommended'],
    [owasp, 'recommended'],
  ],
  rules: {
    // String, array and integer limits guard against what clients send (OWASP API4, unrestricted
    // resource consumption). Responses are the server's own output: their strings are bounded by
    // the inputs they come from, and limits invented for computed fields would bind no one.
    // Replaced by the same checks on parameters and request bodies (khuyenhoc-request-*).
    'owasp:api4:2023-string-limit': 'off',
    'owasp:api4:2023-array-limit': 'off',
    'owasp:api4:2023-integer-limit-legacy': 'off',
    'owasp:api4:2023-integer-format': 'off',
    // Names, addresses, reasons and notes are free Vietnamese text (any Unicode letter, stored NFC):
    // no format or pattern describes them. Strings with a shape (ids, days, codes, phone numbers, tax
    // codes) carry their format or pattern, derived from their validation rules.
    'owasp:api4:2023-string-restricted': 'off',
    // Reads are not rate-limited (only sign-in, verification look-ups and signed-in writes are:
    // RATE_LIMIT_*), so rate-limit headers and a 429 on every response would be false. Replaced by
    // khuyenhoc-rate-limit-*: every limited operation documents its 429 and its limit headers, and
    // every signed-in write is limited.
    'owasp:api4:2023-rate-limit': 'off',
    'owasp:api4:2023-rate-limit-responses-429': 'off',
    // Public operations (health, verification, sign-in) cannot answer 401. Replaced by
    // khuyenhoc-signed-in-401: every operation that needs a token documents its 401.
    'owasp:api8:2023-define-error-responses-401': 'off',

    'khuyenhoc-request-string-limit': {
      description:
        'A string a client sends has a maxLength, an enum or a const (files: IMPORT_MAX_BYTES, 413).',
      severity: 'error',
      given: sent('@ && @.type == "string" && @.format != "binary"'),
      then: {
        function: schema,
        functionOptions: {
          schema: { anyOf: [{ required: ['maxLength'] }, { required: ['enum'] }, { required: ['const'] }] },
        },
      },
    },
    'khuyenhoc-request-array-limit': {
      description: 'An array a client sends has a maxItems.',
      severity: 'error',
      given: sent('@ && @.type == "array"'),
      then: { field: 'maxItems', function: defined },
    },
    'khuyenhoc-request-integer-limit': {
      description: 'An integer a client sends has a format, a minimum and a maximum.',
      severity: 'error',
      given: sent('@ && @.type == "integer"'),
      then: [
        { field: 'format', function: defined },
        { field: 'minimum', function: defined },
        { field: 'maximum', function: defined },
      ],
    },
    'khuyenhoc-rate-limit-headers': {
      description: 'A rate-limited operation reports its limit (X-RateLimit-Limit) on success.',
      severity: 'error',
      given: `${LIMITED}.responses[?(@property.match(/^2/))]`,
      then: { field: 'headers.X-RateLimit-Limit', function: truthy },
    },
    'khuyenhoc-rate-limit-writes': {
      description: 'A write by a signed-in user counts against the write limit: it documents its 429.',
      severity: 'error',
      given: `$.paths[*][?(${WRITE} && ${SIGNED_IN})].responses`,
      then: { field: '429', function: truthy },
    },
    'khuyenhoc-signed-in-401': {
      description: 'An operation that needs a token documents its 401.',
      severity: 'error',
      given: `$.paths[*][?(${OPERATION} && ${SIGNED_IN})].responses`,
      then: { field: '401.content', function: truthy },
    },
  },
};
