import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { symlinkSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { projectRoot } from '../src/common/project-root.js';
import { compiledProject } from './helpers/compiled-project.js';

/**
 * Process managers, closing terminals, `timeout` and container runtimes signal the process they
 * started: here that is npm itself, running the project's own start scripts (copied verbatim
 * from package.json into a scratch package whose dist/ is the transpiled project and whose
 * build is a no-op). A SIGTERM or SIGINT to npm must stop the service and its embedded
 * PostgreSQL; a second start while one runs must say why it cannot, not fail on a port.
 */

const SCRIPTS = ['start', 'start:api', 'start:worker'] as const;

let scratch: string;
let dataDir: string;
let httpPort: number;
let pgPort: number;
const started: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The readiness answer's status, on a connection of its own that is closed after it. */
function readiness(): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: httpPort, path: '/health/ready', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).once('error', reject);
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Processes whose command line or working directory is in the scratch folder. */
function processesOfScratch(): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        // another user's process (postgres runs as postgres): its command line names the folder
      }
      if (cmdline.includes(scratch) || cwd === scratch) found.push({ pid, cmdline });
    } catch {
      // ended while we looked
    }
  }
  return found;
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function npmRun(script: (typeof SCRIPTS)[number], env: Record<string, string> = {}): Run {
  const base = { ...process.env };
  delete base.DATABASE_URL; // the embedded database, as on a fresh clone
  const child = spawn('npm', ['run', script], {
    cwd: scratch,
    env: {
      ...base,
      NODE_ENV: 'test',
      PORT: String(httpPort),
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      DOCUMENTS_DIR: join(scratch, 'documents'),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `khuyenhoc-signals-${randomBytes(4).toString('hex')}`,
      DOCUMENT_SWEEP_SECONDS: '0',
      RENDER_THREADS: '1',
      LOG_FORMAT: 'pretty',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => text, exited };
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function ready(run: Run, marker: string): Promise<void> {
  let ended = false;
  void run.exited.then(() => (ended = true));
  await waitFor(`"${marker}"`, () => {
    if (ended) throw new Error(`exited before it was ready:\n${run.output()}`);
    return run.output().includes(marker);
  });
}

/** Signals npm only (not its process group) and checks that nothing of the service is left. */
async function stopWith(run: Run, signal: NodeJS.Signals): Promise<void> {
  run.child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 20_000)));
  const result = await Promise.race([run.exited, timeout]);
  clearTimeout(timer);
  expect(result).toEqual({ code: 0, signal: null });
  await waitFor('the service and its database to end', () => processesOfScratch().length === 0, 15_000).catch(
    () => undefined,
  );
  expect(processesOfScratch()).toEqual([]);
  expect(run.output()).toContain(`${signal} received: stopping`);
  expect(run.output()).toContain('stopped cleanly');
  expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
}

beforeAll(async () => {
  const { main } = compiledProject(); // .data/test-build/src/main.js
  const build = dirname(dirname(main));
  scratch = mkdtempSync(join(projectRoot(), '.data', 'test-npm-'));
  chmodSync(scratch, 0o755); // initdb runs as the postgres user when we are root
  dataDir = join(scratch, 'postgres');
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8'));
  const scripts: Record<string, string> = { build: 'true' };
  for (const name of SCRIPTS) scripts[name] = pkg.scripts[name];
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'khuyenhoc-signals', private: true, type: 'module', scripts }),
  );
  symlinkSync(build, join(scratch, 'dist'));
  [httpPort, pgPort] = [await freePort(), await freePort()];
});

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  // Anything of ours still running (only on failure): the service first, then its postgres.
  for (const { pid } of processesOfScratch()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('npm start (the whole service with its embedded PostgreSQL)', () => {
  let first: Run;

  it('starts and serves', async () => {
    first = npmRun('start');
    await ready(first, 'khuyenhoc all ready');
    expect(await readiness()).toBe(200);
  }, 90_000);

  it('a second npm start on the same port says the port is taken and exits non-zero', async () => {
    const second = npmRun('start');
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toContain(
      `port ${httpPort} on 127.0.0.1 is already in use by another process (EADDRINUSE) — ` +
        'is khuyenhoc already running? Stop it, or set PORT to a free port',
    );
    expect(second.output()).not.toMatch(/\n\s+at /); // no stack trace
  }, 30_000);

  it('a second npm start on another port says the database folder is in use and exits non-zero', async () => {
    const second = npmRun('start', { PORT: String(await freePort()) });
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(
      new RegExp(`the embedded database in ${dataDir} is in use by another process \\(postgres pid \\d+`),
    );
    expect(second.output()).toContain('is khuyenhoc already running?');
    expect(second.output()).not.toMatch(/\n\s+at /);
    // The first one was not disturbed.
    expect(await readiness()).toBe(200);
  }, 30_000);

  it('SIGTERM to npm stops the service and its PostgreSQL and frees the port', async () => {
    await stopWith(first, 'SIGTERM');
    expect(await portFree(httpPort)).toBe(true);
    expect(await portFree(pgPort)).toBe(true);
  }, 60_000);
});

describe('npm run start:api and start:worker', () => {
  it('SIGINT to npm run start:api stops the API and the database it started', async () => {
    const api = npmRun('start:api');
    await ready(api, 'khuyenhoc api ready');
    await stopWith(api, 'SIGINT');
    expect(await portFree(httpPort)).toBe(true);
  }, 60_000);

  it('SIGTERM to npm run start:worker stops the worker and the database it started', async () => {
    const worker = npmRun('start:worker');
    await ready(worker, 'khuyenhoc worker ready');
    await stopWith(worker, 'SIGTERM');
  }, 60_000);
});
