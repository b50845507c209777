import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { Controller, Get, HttpException, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobQueue } from '../queue/job-queue.js';
import { Public } from '../identity/access/access.decorator.js';

const CHECK_TIMEOUT_MS = 1500;

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
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the database answers, the queue is reachable (or in-process), documents can be written. */
  @Get('ready')
  @ApiOkResponse({ description: 'Ready' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; `error` names it' })
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
