import pg from 'pg';
import { AppConfig, redactUrl } from '../config/config.js';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  /** Where the data lives, for the start-up log (no password). */
  description: string;
  embedded?: EmbeddedPostgres;
}

export class DatabaseUnreachableError extends Error {}

/** The configured PostgreSQL (DATABASE_URL), or the embedded one under EMBEDDED_PG_DIR. */
export async function resolveDatabase(
  config: AppConfig['database'],
  logger: { log(message: string): void },
  options: { exclusive?: boolean } = {},
): Promise<ResolvedDatabase> {
  if (config.url) {
    await assertReachable(config.url);
    return { url: config.url, description: `PostgreSQL at ${redactUrl(config.url)}` };
  }
  const embedded = await startEmbeddedPostgres(config.embedded.dir, config.embedded.port, logger, options);
  const how = embedded.ownedByUs ? 'embedded PostgreSQL' : 'embedded PostgreSQL (already running)';
  return {
    url: embedded.url,
    description: `${how} with data in ${embedded.dataDir}, at ${redactUrl(embedded.url)}`,
    embedded,
  };
}

/** One connection attempt with a short timeout; a failure becomes one clear sentence. */
export async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    const code = (error as { code?: string }).code;
    throw new DatabaseUnreachableError(
      `Cannot reach the database at ${redactUrl(url)}: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
