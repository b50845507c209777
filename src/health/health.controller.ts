import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { Controller, Get, HttpException, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobQueue } from '../queue/job-queue.js';
import { Public } from '../identity/access/access.decorator.js';

const CHECK_TIMEOUT_MS = 1500;

/** Terminus's answer: each check under `info` (up) or `error` (down), and all of them under `details`. */
const CHECK = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    mode: { type: 'string', enum: ['bullmq', 'in-process'] },
    message: { type: 'string', maxLength: 1000 },
  },
};
const CHECKS = { type: 'object', properties: { database: CHECK, queue: CHECK, documents: CHECK } };
const READINESS = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'error'] },
    info: CHECKS,
    error: CHECKS,
    details: CHECKS,
  },
  example: {
    status: 'ok',
    info: {
      database: { status: 'up' },
      queue: { status: 'up', mode: 'bullmq' },
      documents: { status: 'up' },
    },
    error: {},
    details: {
      database: { status: 'up' },
      queue: { status: 'up', mode: 'bullmq' },
      documents: { status: 'up' },
    },
  },
};

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness: the process answers. Never touches a dependency. */
  @Get()
  @ApiOperation({ summary: 'Liveness', description: 'The process answers; no dependency is touched.' })
  @ApiOkResponse({
    description: 'Alive',
    schema: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['ok'] } },
      example: { status: 'ok' },
    },
  })
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the database answers, the queue is reachable (or in-process), documents can be written. */
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness',
    description: 'The database answers, the queue is reachable (or in-process) and documents can be written.',
  })
  @ApiOkResponse({ description: 'Ready: each check and its state', schema: READINESS })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down: `error` names it', schema: READINESS })
  async ready(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.health.check([
        () => this.db.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
        () =>
          this.indicators
            .check('queue')
            .attempt(async () => {
              await this.jobs.check();
              return { mode: this.jobs.mode };
            })
            .withTimeout(CHECK_TIMEOUT_MS),
        () =>
          this.indicators.check('documents').attempt(async () => {
            await access(this.config.documentsDir, constants.W_OK);
          }),
      ]);
    } catch (error) {
      // Terminus reports a failed check as a 503 carrying the per-check details; keep its body.
      if (!(error instanceof HttpException)) throw error;
      res.status(error.getStatus());
      return error.getResponse();
    }
  }
}
