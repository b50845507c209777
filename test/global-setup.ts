import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Creates one fresh database for this run (dropped by global-teardown), so runs never see
 * each other's data. PostgreSQL: DATABASE_URL, else 127.0.0.1:5432, else the embedded one.
 */
export default async function globalSetup(): Promise<void> {
  const server = await findServer();
  const name = `khuyenhoc_test_${randomBytes(5).toString('hex')}`;
  await query(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env.TEST_DATABASE_URL = url.toString();
  process.env.TEST_DATABASE_SERVER = server;
  process.env.TEST_DATABASE_NAME = name;
  process.env.TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

async function findServer(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    await query(local, 'SELECT 1');
    return local;
  } catch {
    const { startEmbeddedPostgres } = await import('../src/database/embedded-postgres.ts');
    const embedded = await startEmbeddedPostgres('.data/test-postgres', 54330, { log: () => undefined });
    (globalThis as { __embedded?: unknown }).__embedded = embedded;
    return embedded.url;
  }
}

export async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
