import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createHttpApp, prepareRuntime, Runtime } from '../../src/bootstrap.js';
import { createRootLogger } from '../../src/common/logging/logger.js';
import { loadConfig, Role } from '../../src/config/config.js';

export interface TestApp {
  app: INestApplication;
  runtime: Runtime;
  http: TestAgent;
  close(): Promise<void>;
}

export interface TestAppOptions {
  role?: Role;
  queue?: 'bullmq' | 'in-process';
  databaseUrl?: string;
  /** Shared between apps that must see the same BullMQ queues. */
  queuePrefix?: string;
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
  });
  const runtime = await prepareRuntime(config, options.role ?? 'all', createRootLogger('silent', 'json'));
  if (options.queue === 'in-process') {
    runtime.queueMode = { driver: 'in-process', description: 'in-process (test)' };
  }
  const app = await createHttpApp(runtime);
  return { app, runtime, http: request(app.getHttpServer()), close: () => app.close() };
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
