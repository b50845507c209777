import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RefreshUnitStatsJob } from './jobs/refresh-unit-stats.job.js';
import { RootLocator, UnitLocator } from './unit.locators.js';
import { UnitsController } from './units.controller.js';
import { UnitsRepository } from './units.repository.js';
import { UnitsService } from './units.service.js';

@Module({
  imports: [AuditModule],
  controllers: [UnitsController],
  providers: [UnitsRepository, UnitsService, RefreshUnitStatsJob, UnitLocator, RootLocator],
  exports: [UnitsService],
})
export class UnitsModule {}
