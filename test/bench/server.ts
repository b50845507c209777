import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../migrations/index.js';
import { projectRoot } from '../../src/common/project-root.js';
import { createDataSource, useMigrationClasses } from '../../src/database/data-source.js';
import { runMigrations } from '../../src/database/migrate.js';
import { createScratchDatabase } from '../../src/database/scratch-database.js';
import { loadReferenceData } from '../../src/units/reference-data/reference-data.loader.js';

export interface BenchServer {
  url: string;
  pid: number;
  /** Peak resident memory of the server process so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** Its resident memory now (VmRSS), in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

/** A scratch database with the migrations applied and the reference units loaded. */
export async function benchDatabase(serverUrl: string, name: string) {
  const scratch = await createScratchDatabase(serverUrl, name);
  useMigrationClasses(MIGRATIONS);
  const ds = createDataSource(scratch.url, 2);
  await ds.initialize();
  await runMigrations(ds);
  await loadReferenceData(ds);
  await ds.destroy();
  return scratch;
}

export const BENCH_ADMIN_PASSWORD = 'Mật khẩu đo hiệu năng 2026';

/**
 * The built service (`dist-bench/src/main.js api`) in its own process, as in production, on a
 * scratch database whose migrations the bench has applied: the load generator never shares its
 * event loop with the server.
 */
export async function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  role: 'api' | 'worker' = 'api',
): Promise<BenchServer> {
  const port = 21000 + Math.floor(Math.random() * 20000);
  // The Node flags of `npm run start:<role>`, unless BENCH_SERVER_NODE_OPTIONS says otherwise.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_OPTIONS ?? productionNodeFlags(role))
    .split(' ')
    .filter(Boolean);
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, join(projectRoot(), 'dist-bench', 'src', 'main.js'), role],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        MIGRATIONS_RUN: 'false',
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
        RATE_LIMIT_WRITES_PER_MINUTE: '100000',
        RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
        QUEUE_PREFIX: `khuyenhoc-bench-${port}`,
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  // A worker has no HTTP: it is up once it consumes (the caller measures from its first job).
  for (let i = 0; i < (role === 'api' ? 200 : 0); i++) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('bench server exited');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    peakRssMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    rssMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** The flags between `node` and the script in package.json's `start:<role>`. */
function productionNodeFlags(role: 'api' | 'worker'): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (
    new RegExp(`^(?:exec )?node (.*?)\\s*dist/src/main\\.js ${role}$`).exec(
      pkg.scripts[`start:${role}`],
    )?.[1] ?? ''
  );
}

/** JSON calls to the bench server. */
export function client(url: string, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** A treasurer at the root with a fresh fund at a commune; returns their token and the fund. */
export interface BenchFund {
  fundId: string;
  unitId: string;
}

/** A treasurer at the root with a fresh fund in each of `count` communes. */
export async function treasurerWithFunds(
  url: string,
  count: number,
): Promise<{ token: string; funds: BenchFund[]; username: string; password: string }> {
  const anon = client(url);
  const admin = (
    await anon('POST', '/api/v1/auth/login', { username: 'admin', password: BENCH_ADMIN_PASSWORD })
  ).accessToken;
  const api = client(url, admin);
  const root = (await api('GET', '/api/v1/units?kind=national')).items[0].id;
  const communes = (await api('GET', `/api/v1/units?kind=commune&pageSize=${count}`)).items as {
    id: string;
  }[];
  const user = await api('POST', '/api/v1/users', {
    username: `thuquy${Date.now()}`,
    displayName: 'Thủ quỹ đo hiệu năng',
    password: 'Sổ quỹ xanh lá 2026',
    unitId: root,
  });
  await api('POST', `/api/v1/users/${user.id}/roles`, { unitId: root, role: 'treasurer' });
  const token = (
    await anon('POST', '/api/v1/auth/login', { username: user.username, password: 'Sổ quỹ xanh lá 2026' })
  ).accessToken;
  const funds: BenchFund[] = [];
  for (const commune of communes) {
    const fund = await client(url, token)('POST', '/api/v1/funds', {
      unitId: commune.id,
      name: 'Quỹ đo hiệu năng',
      kind: 'general',
    });
    funds.push({ fundId: fund.id, unitId: commune.id });
  }
  return { token, funds, username: user.username, password: 'Sổ quỹ xanh lá 2026' };
}
