import { Module } from '@nestjs/common';
import { DisclosureService } from './disclosure.service.js';
import { FundReportsRepository } from './fund-reports.repository.js';
import { FundSummaryService } from './fund-summary.service.js';
import { PerCapitaExportService } from './per-capita-export.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

@Module({
  controllers: [ReportsController],
  providers: [
    ReportsService,
    ReportsRepository,
    FundSummaryService,
    DisclosureService,
    FundReportsRepository,
    PerCapitaExportService,
  ],
  exports: [ReportsService],
})
export class ReportsModule {}
