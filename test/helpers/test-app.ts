import type { Response as SuperagentResponse } from 'superagent';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createHttpApp, prepareRuntime, Runtime } from '../../src/bootstrap.js';
import { createRootLogger } from '../../src/common/logging/logger.js';
import { systemContext } from '../../src/audit/audit.types.js';
import { loadConfig, Role } from '../../src/config/config.js';
import { UsersService } from '../../src/identity/users.service.js';
import type { RoleName } from '../../src/identity/roles.js';

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

export interface TestApp {
  app: INestApplication;
  runtime: Runtime;
  /** Anonymous requests. */
  http: TestAgent;
  /** A new user holding the given roles (each at its unit), created directly through the service. */
  createUser(homeUnitId: string, roles: { unitId: string; role: RoleName }[]): Promise<TestUser>;
  /** Requests carrying the user's access token, from a real sign-in. */
  as(user: TestUser): Promise<TestAgent>;
  /** A fresh administrator at the root unit. */
  rootAdmin(): Promise<TestAgent>;
  close(): Promise<void>;
}

let userSeq = 0;
export const TEST_PASSWORD = 'Mật khẩu thử nghiệm 2026';

export interface TestAppOptions {
  role?: Role;
  queue?: 'bullmq' | 'in-process';
  databaseUrl?: string;
  /** Shared between apps that must see the same BullMQ queues (and rate-limit counters). */
  queuePrefix?: string;
  /** Extra environment, e.g. a small rate limit. */
  env?: Record<string, string>;
  /** Where the app logs; silent by default. */
  logger?: Logger;
}

export function uniqueQueuePrefix(): string {
  return `khuyenhoc-test-${randomBytes(4).toString('hex')}`;
}

/** The real application (migrations, reference data, queue driver) on the run's test database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl ?? process.env.TEST_DATABASE_URL,
    REDIS_URL: options.queue === 'in-process' ? undefined : process.env.TEST_REDIS_URL,
    QUEUE_PREFIX: options.queuePrefix ?? uniqueQueuePrefix(),
    DOCUMENTS_DIR: mkdtempSync(join(tmpdir(), 'khuyenhoc-docs-')),
    DATABASE_POOL_SIZE: '4',
    // Tests share one database: one app's sweep must not render another test's documents, and
    // rendering a PDF per donation would load the concurrency tests; the documents tests turn it on.
    DOCUMENT_SWEEP_SECONDS: '0',
    RENDER_DOCUMENTS: 'false',
    // Every test signs in from 127.0.0.1; the per-username limit still applies and is tested.
    RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '10000',
    ...options.env,
  });
  const runtime = await prepareRuntime(
    config,
    options.role ?? 'all',
    options.logger ?? createRootLogger('silent', 'json'),
  );
  if (options.queue === 'in-process') {
    runtime.queueMode = { driver: 'in-process', description: 'in-process (test)' };
  }
  const app = await createHttpApp(runtime);
  const http = request(app.getHttpServer());
  const createUser: TestApp['createUser'] = async (homeUnitId, roles) => {
    const username = `u${process.pid}.${++userSeq}.${randomBytes(3).toString('hex')}`;
    const id = await runtime.dataSource.transaction((manager) =>
      app.get(UsersService).insert(manager, systemContext('test'), {
        username,
        displayName: 'Người Dùng Thử',
        password: TEST_PASSWORD,
        unitId: homeUnitId,
        roles,
      }),
    );
    return { id, username, password: TEST_PASSWORD };
  };
  const as: TestApp['as'] = async (user) => {
    const login = await http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: user.password });
    if (login.status !== 200)
      throw new Error(`sign-in failed: ${login.status} ${JSON.stringify(login.body)}`);
    return request.agent(app.getHttpServer()).set('Authorization', `Bearer ${login.body.accessToken}`);
  };
  const rootAdmin = async () => {
    const [root] = await runtime.dataSource.query('SELECT id FROM units WHERE parent_id IS NULL');
    return as(await createUser(root.id, [{ unitId: root.id, role: 'admin' }]));
  };
  return { app, runtime, http, createUser, as, rootAdmin, close: () => app.close() };
}

/** A short unique code for units a test creates, so test files never collide. */
export function uniqueCode(prefix = 'T'): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A supertest parser that keeps a response's raw bytes (PDF, ZIP, XLSX): `.buffer(true).parse(rawBody)`. */
export function rawBody(res: SuperagentResponse, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
