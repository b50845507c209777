import { join } from 'node:path';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { ERROR_TABLE } from '../src/common/errors.js';
import { projectRoot } from '../src/common/project-root.js';
import { startTestApp, TestApp } from './helpers/test-app.js';

type Operation = {
  summary?: string;
  description?: string;
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: unknown;
  security?: Record<string, string[]>[];
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; tags: { description: string }[] };

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Vietnamese function words: prose that carries them is Vietnamese, not a quoted term. */
const VIETNAMESE = /\b(của|và|không|được|các|cho|để|với|trong|đã|hoặc|khi|theo|này|những|một)\b/iu;
/** Quoted or bracketed text (a Vietnamese term or example in English prose) is left out. */
const unquoted = (text: string) => text.replace(/"[^"]*"|`[^`]*`|\([^)]*\)/g, '');

describe('the OpenAPI document (/docs-json)', () => {
  let t: TestApp;
  let document: Document;
  let text: string;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process' });
    const res = await t.http.get('/docs-json');
    text = res.text;
    document = res.body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({
          label: `${method.toUpperCase()} ${path}`,
          method,
          path,
          operation,
        })),
    );

  /** Spectral with the ruleset the CLI reads too (JavaScript, so loaded as it is, not type-checked). */
  async function lint(json: string): Promise<string[]> {
    const { default: ruleset } = await import(join(projectRoot(), '.spectral.mjs'));
    const spectral = new spectralCore.Spectral();
    spectral.setRuleset(ruleset);
    const results = await spectral.run(new spectralCore.Document(json, spectralParsers.Json));
    return results.map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);
  }

  it("passes Spectral's oas and OWASP rulesets, as configured in .spectral.mjs, without a finding", async () => {
    expect(await lint(text)).toEqual([]);
  });

  it('would catch what the narrowed rules stand for: unbounded input, an unlimited write, a missing 401', async () => {
    // A copy with two operations: a transfer without its limit headers or a bound on its key, and
    // a fund opening without its 429 and 401.
    const paths = ['/api/v1/transfers', '/api/v1/funds'];
    const broken = structuredClone({
      ...document,
      paths: Object.fromEntries(paths.map((path) => [path, { post: document.paths[path].post }])),
    }) as Document;
    const [transfer, fund] = paths.map((path) => broken.paths[path].post);
    delete (transfer.responses['201'] as { headers?: object }).headers;
    delete (transfer.parameters![0] as { schema?: { maxLength?: number } }).schema!.maxLength;
    delete fund.responses['429'];
    delete fund.responses['401'];
    const codes = new Set((await lint(JSON.stringify(broken))).map((finding) => finding.split(' ')[0]));
    expect([...codes].filter((code) => code.startsWith('khuyenhoc-')).sort()).toEqual([
      'khuyenhoc-rate-limit-headers',
      'khuyenhoc-rate-limit-writes',
      'khuyenhoc-request-string-limit',
      'khuyenhoc-signed-in-401',
    ]);
  });

  it('gives every operation a summary and a description', () => {
    const missing = operations()
      .filter(({ operation }) => !operation.summary?.trim() || !operation.description?.trim())
      .map(({ label }) => label);
    expect(missing).toEqual([]);
  });

  it('documents the statuses each operation can answer, errors in the shared format', () => {
    const problems: string[] = [];
    for (const { label, method, path, operation } of operations()) {
      const has = (status: number) => Boolean(operation.responses[status]);
      const want = (status: number, why: string) => {
        if (!has(status)) problems.push(`${label}: no ${status} (${why})`);
      };
      const signedIn = operation.security?.some((s) => 'bearer' in s) ?? false;
      if (operation.parameters?.length || operation.requestBody) want(400, 'it takes input');
      if (signedIn) want(401, 'it needs a token');
      if (/\{(id|\w+Id)\}/.test(path) && signedIn) want(404, 'it takes an id');
      if (method !== 'get' && signedIn) want(429, 'a write counts against the limit');
      if (operation.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
        want(409, 'an idempotent POST answers 409 for a reused key');
        want(200, 'an idempotent POST replays with 200');
        want(201, 'an idempotent POST first answers 201');
      }
      const success = Object.keys(operation.responses).filter((s) => s.startsWith('2'));
      if (!success.length) problems.push(`${label}: no success status`);
      for (const [status, response] of Object.entries(operation.responses)) {
        // The probes answer in Terminus's format, for load balancers.
        if (Number(status) < 400 || path.startsWith('/health')) continue;
        const schema = (response.content?.['application/json'] as { schema?: { $ref?: string } })?.schema;
        if (schema?.$ref !== '#/components/schemas/ErrorResponse')
          problems.push(`${label}: ${status} is not an ErrorResponse`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names only error codes the API has, each with the status it is answered with', () => {
    const wrong: string[] = [];
    for (const { label, operation } of operations())
      for (const [status, response] of Object.entries(operation.responses))
        for (const [, list] of (response.description ?? '').matchAll(/\(([^)]*)\)/g))
          for (const [code] of list.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g))
            if (ERROR_TABLE.get(code)?.status !== Number(status)) wrong.push(`${label} ${status}: ${code}`);
    expect(wrong).toEqual([]);
  });

  it('describes successes truthfully: 201 for a first write, files with their media types', () => {
    const problems: string[] = [];
    for (const { label, operation } of operations()) {
      const created = operation.responses['201']?.description ?? '';
      if (/repeat|replay|Idempotency-Key/i.test(created)) problems.push(`${label}: 201 describes the replay`);
      for (const response of Object.values(operation.responses))
        for (const [type, media] of Object.entries(response.content ?? {}))
          if (type !== 'application/json' && type !== 'text/html') {
            const schema = (media as { schema?: { format?: string } }).schema;
            if (schema?.format !== 'binary') problems.push(`${label}: ${type} is not described as a file`);
          }
    }
    expect(problems).toEqual([]);
  });

  it('writes its prose in English (Vietnamese only in examples and error messages)', () => {
    const prose = [
      ...operations().flatMap(({ label, operation }) => [
        [label, operation.summary ?? ''],
        [label, operation.description ?? ''],
        ...Object.entries(operation.responses).map(([status, r]) => [
          `${label} ${status}`,
          r.description ?? '',
        ]),
      ]),
      ...document.tags.map((tag) => ['tag', tag.description]),
    ];
    const descriptions: [string, string][] = [];
    JSON.stringify(document, (key, value) => {
      if (key === 'description' && typeof value === 'string') descriptions.push(['schema', value]);
      return value;
    });
    const vietnamese = [...prose, ...descriptions]
      .filter(([, value]) => VIETNAMESE.test(unquoted(value)))
      .map(([where, value]) => `${where}: ${value}`);
    expect(vietnamese).toEqual([]);
  });
});
