import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes `<dir>/<suite>.json`, creating the folder first: a fresh clone has no bench-results/,
 * and a suite must not lose minutes of measurements on an ENOENT at the very end.
 */
export function writeResult(dir: string, suite: string, result: unknown): string {
  const file = join(dir, `${suite}.json`);
  writeFile(file, JSON.stringify({ at: new Date().toISOString(), result }, null, 2));
  return file;
}

/** writeFileSync that creates the folders the file goes in. */
export function writeFile(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}
