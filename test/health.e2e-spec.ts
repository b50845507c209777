import { prepareRuntime } from '../src/bootstrap.js';
import { createRootLogger } from '../src/common/logging/logger.js';
import { loadConfig } from '../src/config/config.js';
import { DatabaseUnreachableError } from '../src/database/connect.js';
import { adminQuery as admin, createScratchDatabase } from '../src/database/scratch-database.js';
import { startTestApp, TestApp } from './helpers/test-app.js';

describe('health and faults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness with each dependency', async () => {
    expect((await t.http.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toMatchObject({
      database: { status: 'up' },
      queue: { status: 'up', mode: 'bullmq' },
      documents: { status: 'up' },
    });
  });

  it('serves the OpenAPI document with the unit endpoints', async () => {
    const doc = await t.http.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/units',
        '/api/v1/units/{id}',
        '/api/v1/units/{id}/children',
        '/api/v1/units/{id}/population/{year}',
      ]),
    );
    expect((await t.http.get('/docs')).status).toBe(200);
  });

  it('answers every error in one format with a request id, echoing a sane client id', async () => {
    const res = await t.http.get('/no/such/page').set('X-Request-Id', 'abc-123');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: expect.any(String),
      fields: [],
      requestId: 'abc-123',
    });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const json = await t.http.post('/api/v1/units').set('Content-Type', 'application/json').send('{"code": ');
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('MALFORMED_JSON');
    const big = await t.http.post('/api/v1/units').send({ name: 'x'.repeat(2_000_000) });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const weird = await t.http.get('/api/v1/units').set('X-Request-Id', 'bad id with spaces');
    expect(weird.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('sends security headers and no CORS headers by default', async () => {
    const res = await t.http.get('/health').set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('says 503 while the database is lost, then recovers by itself', async () => {
    const server = process.env.TEST_DATABASE_URL!;
    const scratch = await createScratchDatabase(server, 'khuyenhoc_test_lost');
    const lost = await startTestApp({ databaseUrl: scratch.url, queue: 'in-process' });
    try {
      const api = await lost.rootAdmin();
      expect((await api.get('/api/v1/units')).status).toBe(200);
      await admin(server, `ALTER DATABASE ${scratch.name} ALLOW_CONNECTIONS false`);
      await admin(
        server,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${scratch.name}' AND pid <> pg_backend_pid()`,
      );
      const down = await api.get('/api/v1/units');
      expect(down.status).toBe(503);
      expect(down.body.code).toBe('DATABASE_UNAVAILABLE');
      const notReady = await lost.http.get('/health/ready');
      expect(notReady.status).toBe(503);
      expect(notReady.body.error).toHaveProperty('database');
      expect((await lost.http.get('/health')).status).toBe(200);

      await admin(server, `ALTER DATABASE ${scratch.name} ALLOW_CONNECTIONS true`);
      expect((await api.get('/api/v1/units')).status).toBe(200);
      expect((await lost.http.get('/health/ready')).status).toBe(200);
    } finally {
      await lost.close();
      await scratch.drop();
    }
  });

  it('stops start-up with one clear sentence when the database is unreachable', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/nowhere' });
    const attempt = prepareRuntime(config, 'all', createRootLogger('silent', 'json'));
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(attempt).rejects.toThrow(
      /^Cannot reach the database at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/nowhere: /,
    );
    await expect(attempt).rejects.not.toThrow(/secret|\n/);
  });
});
