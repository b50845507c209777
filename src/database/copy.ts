import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

const SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format: \\N for null; backslash, tab, newline and return escaped. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  // Most values need no escape: tested first, they are passed on without a copy.
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/**
 * Rows through `COPY … FROM STDIN` on the transaction's own connection (so they commit or roll
 * back with it): for PostgreSQL several times cheaper to take in than the same INSERT. Triggers,
 * constraints and foreign keys apply as for an INSERT.
 */
export async function copyRows(manager: EntityManager, copySql: string, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const client = (manager.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
  // Fed 1,000 rows at a time, so the whole text is never held at once.
  function* chunks() {
    for (let i = 0; i < rows.length; i += 1000) {
      yield `${rows
        .slice(i, i + 1000)
        .map((r) => r.map(copyText).join('\t'))
        .join('\n')}\n`;
    }
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(copySql)));
}
