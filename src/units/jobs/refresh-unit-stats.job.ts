import { Injectable, Logger } from '@nestjs/common';
import { todayInVietnam } from '../../common/dates.js';
import { HandlesJob, JobHandler } from '../../queue/job-handler.js';
import { JobName } from '../../queue/queue.constants.js';
import { UnitsRepository } from '../units.repository.js';

/** Recounts the units beneath every unit (shown on GET /units/:id as `stats`). */
@Injectable()
@HandlesJob(JobName.RefreshUnitStats)
export class RefreshUnitStatsJob implements JobHandler {
  private readonly logger = new Logger('Jobs');

  constructor(private readonly units: UnitsRepository) {}

  async handle(): Promise<void> {
    const started = Date.now();
    const count = await this.units.refreshStats(todayInVietnam());
    this.logger.log(`unit statistics refreshed for ${count} units in ${Date.now() - started} ms`);
  }
}
