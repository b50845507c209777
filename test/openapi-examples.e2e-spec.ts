import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { RouteCatalogue } from '../src/identity/access/route-catalogue.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp } from './helpers/test-app.js';

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  example?: unknown;
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
};
type Operation = {
  parameters?: { in: string; name: string; required?: boolean; example?: unknown; schema?: Schema }[];
  requestBody?: {
    content: Record<
      string,
      { schema?: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }
    >;
  };
};

/** Operations whose example must not only be well-formed but succeed on fresh records. */
const CENTRAL = [
  'POST /api/v1/units',
  'PATCH /api/v1/units/{id}',
  'PUT /api/v1/units/{id}/population/{year}',
  'POST /api/v1/funds',
  'POST /api/v1/funds/{id}/opening-balance',
  'POST /api/v1/transfers',
  'POST /api/v1/donations',
  'POST /api/v1/donors',
  'POST /api/v1/award-rounds',
];

/**
 * What Swagger UI's "Try it out" sends, read from the document alone: the body's own example if it
 * has one, else each field's example. A field without one is reported (it would be sent as
 * "string" or 0).
 */
function exampleBody(document: { components: { schemas: Record<string, Schema> } }, operation: Operation) {
  const missing: string[] = [];
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf)
      return { ...Object.assign({}, ...schema.allOf.map(resolve)), ...schema, allOf: undefined };
    return schema;
  };
  const sample = (schema: Schema, path: string): unknown => {
    const s = resolve(schema);
    if ('example' in s) return s.example;
    if ('default' in s) return s.default;
    if (s.properties)
      return Object.fromEntries(
        Object.entries(s.properties).map(([name, p]) => [name, sample(p, `${path}.${name}`)]),
      );
    if (s.type === 'array' && s.items) return [sample(s.items, `${path}[]`)];
    missing.push(path);
    return undefined;
  };
  const media = operation.requestBody?.content['application/json'];
  if (!media) return { body: undefined, missing };
  if (media.example !== undefined) return { body: media.example, missing };
  if (media.examples) return { body: Object.values(media.examples)[0].value, missing };
  return { body: sample(media.schema!, 'body'), missing };
}

describe('the example request body of every operation in /docs-json', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let agent: TestAgent;
  let actorId: string;
  const ids: Record<string, string> = {};

  const money = (url: string, body: object) =>
    agent.post(url).set('Idempotency-Key', randomUUID()).send(body);
  const ok = <T extends { status: number; body: unknown }>(res: T, what: string): T => {
    if (res.status >= 300) throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    tree = await createFixtureTree(await t.rootAdmin());
    // One caller allowed everything, so each example meets validation rather than the guard.
    const actor = await t.createUser(tree.rootId, [
      { unitId: tree.rootId, role: 'admin' },
      { unitId: tree.rootId, role: 'treasurer' },
      { unitId: tree.rootId, role: 'committee' },
    ]);
    actorId = actor.id;
    agent = await t.as(actor);

    const fund = async (opening: number) => {
      const id = ok(
        await agent
          .post('/api/v1/funds')
          .send({ unitId: tree.commune, name: 'Quỹ khuyến học xã', kind: 'general' }),
        'fund',
      ).body.id as string;
      if (opening)
        ok(
          await money(`/api/v1/funds/${id}/opening-balance`, {
            amount: opening,
            asOf: '2025-12-31',
            reference: 'Sổ quỹ',
          }),
          'opening',
        );
      return id;
    };
    ids.fund = await fund(200_000_000);
    ids.otherFund = await fund(0);
    ids.freshFund = await fund(0);
    const reversible = await fund(0);
    ids.entry = ok(
      await money(`/api/v1/funds/${reversible}/opening-balance`, {
        amount: 1000,
        asOf: '2025-12-31',
        reference: 'Sổ quỹ',
      }),
      'entry',
    ).body.entryId;
    ids.donor = ok(
      await agent.post('/api/v1/donors').send({ unitId: tree.commune, kind: 'person', name: 'Trần Thị Mai' }),
      'donor',
    ).body.id;
    ids.donation = ok(
      await money('/api/v1/donations', {
        fundId: ids.fund,
        donorId: ids.donor,
        amount: 50000,
        method: 'cash',
        receivedOn: '2026-09-05',
      }),
      'donation',
    ).body.id;
    const user = await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'viewer' }]);
    ids.user = user.id;

    // A round open for nominations, with one nomination; and a paid award of another round.
    const round = async () =>
      ok(
        await agent.post('/api/v1/award-rounds').send({
          unitId: tree.commune,
          fundId: ids.fund,
          title: 'Học bổng năm học 2026-2027',
          period: '2026-2027',
          budget: 2_000_000,
          nominationOpensOn: '2026-01-01',
          nominationClosesOn: '2200-12-31',
          approvalsRequired: 1,
          committee: [{ userId: actorId, role: 'chair' }],
          categories: [{ name: 'Học sinh giỏi', recipientType: 'student', amount: 1_000_000, quota: 2 }],
        }),
        'round',
      ).body as { id: string; categories: { id: string }[] };
    const nominate = async (roundId: string, categoryId: string) =>
      ok(
        await agent.post(`/api/v1/award-rounds/${roundId}/nominations`).send({
          unitId: tree.commune,
          categoryId,
          fullName: 'Lê Thị Hoa',
          birthDate: '2000-01-01',
          gender: 'female',
          school: 'Trường THPT Vũ Thư',
          consentGuardian: false,
          consentChild: false,
        }),
        'nomination',
      ).body.id as string;
    const open = await round();
    ok(await money(`/api/v1/award-rounds/${open.id}/transitions`, { to: 'open' }), 'open');
    ids.round = open.id;
    ids.category = open.categories[0].id;
    ids.nomination = await nominate(open.id, ids.category);
    const paid = await round();
    ok(await money(`/api/v1/award-rounds/${paid.id}/transitions`, { to: 'open' }), 'open');
    const nomination = await nominate(paid.id, paid.categories[0].id);
    ok(await money(`/api/v1/award-rounds/${paid.id}/transitions`, { to: 'review' }), 'review');
    ok(await agent.post(`/api/v1/nominations/${nomination}/reviews`).send({ vote: 'approve' }), 'vote');
    ok(
      await money(`/api/v1/award-rounds/${paid.id}/decision`, {
        number: '1/QĐ',
        date: '2026-01-02',
        approved: [nomination],
      }),
      'decision',
    );
    ok(await money(`/api/v1/award-rounds/${paid.id}/transitions`, { to: 'paying' }), 'paying');
    ids.award = ok(await agent.get(`/api/v1/award-rounds/${paid.id}/awards`), 'awards').body.items[0].id;
  });
  afterAll(() => t.close());

  /** The record a path id stands for, by the entity its access rule names. */
  const pathId = (entity: string, label: string) =>
    ({
      unit: tree.commune,
      user: ids.user,
      fund: label.includes('opening-balance') ? ids.freshFund : ids.fund,
      entry: ids.entry,
      donation: ids.donation,
      'award-round': ids.round,
      nomination: ids.nomination,
      award: ids.award,
    })[entity];

  /** Ids in a body stand for records that must exist: the caller fills in real ones. */
  const bodyIds: Record<string, () => unknown> = {
    fundId: () => ids.fund,
    fromFundId: () => ids.fund,
    toFundId: () => ids.otherFund,
    unitId: () => tree.commune,
    parentId: () => tree.commune,
    donorId: () => ids.donor,
    categoryId: () => ids.category,
    userId: () => actorId,
    approved: () => [ids.nomination],
  };
  const withIds = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withIds);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, key in bodyIds ? bodyIds[key]() : withIds(v)]),
    );
  };

  it('is accepted as sent (central operations succeed), and every field has an example', async () => {
    const document = (await t.http.get('/docs-json')).body;
    const routes = t.app.get(RouteCatalogue).routes();
    const problems: string[] = [];
    let sent = 0;
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const label = `${method.toUpperCase()} ${path}`;
        const { body, missing } = exampleBody(document, operation);
        if (body === undefined) continue; // no JSON body (none, or a multipart upload: see their own tests)
        problems.push(...missing.map((field) => `${label}: ${field} has no example`));
        const route = routes.find(
          (r) => r.method === method.toUpperCase() && `/api/v1${r.path.replace(/:(\w+)/g, '{$1}')}` === path,
        );
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const target = route?.rule?.targets.find((x) => x.source === 'param' && x.name === name);
          const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
          return String(
            target ? pathId(target.entity, label) : (parameter?.schema?.example ?? parameter?.example),
          );
        });
        let request = (agent as unknown as Record<string, (url: string) => TestAgent>)[method](
          url,
        ) as unknown as {
          set(name: string, value: string): typeof request;
          send(body: unknown): Promise<{ status: number; body: { code?: string; fields?: unknown } }>;
        };
        for (const header of operation.parameters?.filter((p) => p.in === 'header' && p.required) ?? [])
          // A new key per request, as a client makes one (the example is one key, used once).
          request = request.set(
            header.name,
            header.name === 'Idempotency-Key' ? randomUUID() : String(header.schema?.example),
          );
        const res = await request.send(withIds(body));
        sent++;
        if (res.status === 400 && res.body.code === 'VALIDATION_FAILED')
          problems.push(`${label}: refused as malformed: ${JSON.stringify(res.body.fields)}`);
        else if (CENTRAL.includes(label) && (res.status < 200 || res.status >= 300))
          problems.push(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(25);
  }, 120_000);
});
