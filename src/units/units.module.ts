import { Module } from '@nestjs/common';
import { RefreshUnitStatsJob } from './jobs/refresh-unit-stats.job.js';
import { UnitsController } from './units.controller.js';
import { UnitsRepository } from './units.repository.js';
import { UnitsService } from './units.service.js';

@Module({
  controllers: [UnitsController],
  providers: [UnitsRepository, UnitsService, RefreshUnitStatsJob],
  exports: [UnitsService],
})
export class UnitsModule {}
