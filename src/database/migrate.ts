import { DataSource } from 'typeorm';

// Any constant shared by every process of this app: an advisory lock serialises schema work
// when several api/worker processes (or test files) start at once.
const SCHEMA_LOCK = 7_344_201;

/** Runs `work` while holding the cluster-wide schema lock on one dedicated connection. */
export async function withSchemaLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Applies pending migrations, each in its own transaction; returns their names. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  return withSchemaLock(dataSource, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  });
}
