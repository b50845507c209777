import { Module } from '@nestjs/common';
import { DisclosureService } from './disclosure.service.js';
import { FundReportsRepository } from './fund-reports.repository.js';
import { FundSummaryService } from './fund-summary.service.js';
import { PerCapitaExportService } from './per-capita-export.service.js';
import { AuditModule } from '../audit/audit.module.js';
import { ReportsController } from './reports.controller.js';
import { TargetsController } from './targets.controller.js';
import { TargetsService } from './targets.service.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [AuditModule],
  controllers: [ReportsController, TargetsController],
  providers: [
    ReportsService,
    ReportsRepository,
    FundSummaryService,
    DisclosureService,
    FundReportsRepository,
    PerCapitaExportService,
    TargetsService,
  ],
  exports: [ReportsService, PerCapitaExportService],
})
export class ReportsModule {}
