import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { QUEUE_BOARD_PATH, QueueBoard } from './admin/queue-board.js';
import { AppModule } from './app.module.js';
import { ErrorFilter, notFoundHandler } from './common/http/error.filter.js';
import { answerClientErrors, malformedUrlMiddleware } from './common/http/malformed-url.js';
import { requestContextMiddleware } from './common/http/request-context.middleware.js';
import { AppLogger } from './common/logging/logger.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig, Role } from './config/config.js';
import { resolveDatabase, ResolvedDatabase } from './database/connect.js';
import { createDataSource } from './database/data-source.js';
import { runMigrations, withSchemaLock } from './database/migrate.js';
import { createOpenApiDocument } from './openapi/openapi-document.js';
import { QueueMode, resolveQueueMode } from './queue/queue-mode.js';
import { loadReferenceData } from './units/reference-data/reference-data.loader.js';
import { staticFiles } from './web/static-files.js';
import { WEB_CONTROLLERS } from './web/web.module.js';
import { pageRoutes } from './web/web-routes.js';

export const API_PREFIX = 'api/v1';

/** What start-up resolved before Nest is created: the database, the queue driver and the role. */
export interface Runtime {
  config: AppConfig;
  role: Role;
  database: ResolvedDatabase;
  dataSource: DataSource;
  queueMode: QueueMode;
  logger: Logger;
}

/** Database (embedded or not), schema, reference data and queue driver, in that order. */
export async function prepareRuntime(config: AppConfig, role: Role, logger: Logger): Promise<Runtime> {
  const log = logger.child({ context: 'Startup' });
  // The whole service in one process owns its embedded database; split roles share one.
  const database = await resolveDatabase(
    config.database,
    { log: (m) => log.info(m) },
    { exclusive: role === 'all' },
  );
  const dataSource = createDataSource(database.url, config.database.poolSize);
  try {
    await dataSource.initialize();
    if (config.database.migrationsRun) {
      const applied = await runMigrations(dataSource);
      if (applied.length) log.info(`applied migrations: ${applied.join(', ')}`);
    }
    if (config.database.referenceDataLoad) {
      const result = await withSchemaLock(dataSource, () => loadReferenceData(dataSource));
      if (result.loaded)
        log.info(
          `loaded reference units: ${result.unitsCreated} units, ${result.populationsCreated} populations`,
        );
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.embedded?.stop();
    throw error;
  }
  mkdirSync(resolve(config.documentsDir), { recursive: true });
  const queueMode = await resolveQueueMode(config.queue.redisUrl, config.queue.prefix);
  return { config, role, database, dataSource, queueMode, logger };
}

/** The HTTP application exactly as `main` serves it (tests use this too). */
export async function createHttpApp(runtime: Runtime): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
    logger: new AppLogger(runtime.logger),
    bodyParser: false,
  });
  const { config } = runtime;
  app.use(requestContextMiddleware(runtime.logger));
  app.use(malformedUrlMiddleware);
  answerClientErrors(app.getHttpServer(), runtime.logger);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Swagger UI needs inline styles and data: images; nothing else is loosened.
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  if (config.http.corsOrigins.length) app.enableCors({ origin: config.http.corsOrigins });
  // Behind a reverse proxy, the client's address (rate limits, audit) comes from X-Forwarded-For.
  if (config.http.trustProxyHops > 0) app.set('trust proxy', config.http.trustProxyHops);
  // The workspace, the admin pages and the dashboard are for browsers, outside the API (and its
  // OpenAPI document).
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      'health',
      'health/ready',
      'verify/:code',
      'admin/login',
      'admin/logout',
      'dashboard',
      'dashboard/per-capita/:format',
      ...pageRoutes(WEB_CONTROLLERS),
    ],
  });
  app.use(cookieParser());
  for (const [path, handler] of staticFiles()) app.use(path, handler);
  app.use(QUEUE_BOARD_PATH, ...app.get(QueueBoard).handlers());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    // "Authorize" once with the access token from POST /api/v1/auth/login; it survives a reload.
    swaggerOptions: { persistAuthorization: true },
  });
  await app.init();
  // Nest answers unknown paths under the API prefix; this answers the rest in the same format.
  app.getHttpAdapter().getInstance().use(notFoundHandler);
  return app;
}

/** A process without HTTP: BullMQ workers (role `worker`). */
export async function createWorkerContext(runtime: Runtime): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(runtime), {
    logger: new AppLogger(runtime.logger),
  });
  await app.init();
  return app;
}
