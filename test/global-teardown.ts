import { query } from './global-setup.ts';

export default async function globalTeardown(): Promise<void> {
  const server = process.env.TEST_DATABASE_SERVER;
  const name = process.env.TEST_DATABASE_NAME;
  if (server && name) await query(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const embedded = (globalThis as { __embedded?: { stop(): Promise<void> } }).__embedded;
  await embedded?.stop();
}
