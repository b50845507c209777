import 'reflect-metadata';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { createHttpApp, createWorkerContext, prepareRuntime, Runtime } from './bootstrap.js';
import { createRootLogger } from './common/logging/logger.js';
import { AppConfig, ConfigError, loadConfig, Role, ROLES } from './config/config.js';
import { DatabaseUnreachableError } from './database/connect.js';
import { EmbeddedDatabaseInUseError } from './database/embedded-postgres.js';
import { UnitsService } from './units/units.service.js';

function fail(message: string): never {
  console.error(`khuyenhoc: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const role = (process.argv[2] ?? 'all') as Role;
  if (!ROLES.includes(role)) fail(`unknown role "${role}"; use one of: ${ROLES.join(', ')}`);

  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createRootLogger(config.log.level, config.log.format);
  const log = logger.child({ context: 'Startup' });
  const started = Date.now();

  // Before the database is touched: a second `npm start` is told why at once.
  if (role !== 'worker') {
    const taken = await portTaken(config.http.port, config.http.host);
    if (taken) fail(portTakenMessage(config.http.port, config.http.host, taken));
  }

  let runtime: Runtime;
  try {
    runtime = await prepareRuntime(config, role, logger);
  } catch (error) {
    if (error instanceof DatabaseUnreachableError || error instanceof EmbeddedDatabaseInUseError)
      fail(error.message);
    fail(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  let app: INestApplicationContext | undefined;
  try {
    app = role === 'worker' ? await createWorkerContext(runtime) : await createHttpApp(runtime);
    if (role !== 'worker') {
      await (app as Awaited<ReturnType<typeof createHttpApp>>).listen(config.http.port, config.http.host);
    }
  } catch (error) {
    // The embedded cluster is our child: it is stopped, not left behind, whatever failed here.
    await app?.close().catch(() => undefined);
    if (!app && runtime.dataSource.isInitialized) await runtime.dataSource.destroy().catch(() => undefined);
    await runtime.database.embedded?.stop().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      fail(portTakenMessage(config.http.port, config.http.host, code));
    throw error;
  }
  if (role === 'worker' && runtime.queueMode.driver === 'in-process') {
    log.warn('role "worker" without Redis has nothing to consume: jobs run inside the api process');
  }

  const host =
    config.http.host === '0.0.0.0' || config.http.host === '127.0.0.1' ? 'localhost' : config.http.host;
  const base = `http://${host}:${config.http.port}`;
  log.info(`database: ${runtime.database.description}`);
  log.info(`queue: ${runtime.queueMode.description}`);
  if (role !== 'worker') {
    log.info(`API docs: ${base}/docs   readiness: ${base}/health/ready`);
  }
  log.info(`khuyenhoc ${role} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  void app.get(UnitsService).refreshStatsLater();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: stopping`);
    const force = setTimeout(() => fail('shutdown timed out'), config.shutdownTimeoutMs);
    force.unref();
    try {
      // Requests in flight finish first: they still find the queues and the database open.
      if (role !== 'worker') await drainHttp(app as INestApplication);
      await app.close(); // queue workers, then the database pool
      await runtime.database.embedded?.stop();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      fail(`shutdown failed: ${String(error)}`);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Whether host:port cannot be listened on, and why (EADDRINUSE, EACCES), or false. */
function portTaken(port: number, host: string): Promise<string | false> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'EADDRINUSE'));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

function portTakenMessage(port: number, host: string, code: string): string {
  return code === 'EACCES'
    ? `port ${port} on ${host} may not be used by this user (EACCES); set PORT to a port above 1023`
    : `port ${port} on ${host} is already in use by another process (EADDRINUSE) — is khuyenhoc ` +
        'already running? Stop it, or set PORT to a free port';
}

/**
 * Stops taking connections and waits for the requests in flight; a keep-alive connection is
 * closed as soon as it is idle rather than when its client lets go.
 */
function drainHttp(app: INestApplication): Promise<void> {
  const server = app.getHttpServer() as Server;
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(idle);
      resolve();
    });
  });
}

void main().catch((error: unknown) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
