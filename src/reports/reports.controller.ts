import { applyDecorators, Controller, Get, Query, StreamableFile, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EXPORT_CONTENT_TYPE } from '../common/csv-export.js';
import { todayInVietnam } from '../common/dates.js';
import { Access, inQuery } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import { DisclosureService } from './disclosure.service.js';
import { DisclosureReport } from './disclosure.view.js';
import { DisclosureQuery, FundSummaryQuery } from './fund-summary.query.js';
import { FundSummaryService, period, type ReportFile } from './fund-summary.service.js';
import { FundSummaryReport } from './fund-summary.view.js';
import { PerCapitaExportService } from './per-capita-export.service.js';
import { PerCapitaQuery } from './per-capita.query.js';
import { PerCapitaReport } from './per-capita.view.js';
import { fileResponse } from './report-file.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly fundSummaries: FundSummaryService,
    private readonly disclosures: DisclosureService,
    private readonly perCapitaExports: PerCapitaExportService,
  ) {}

  @ReportRoute(
    'reports/per-capita',
    PerCapitaReport,
    'Bình quân quỹ khuyến học trên đầu người của đơn vị và từng đơn vị trực thuộc, so với chỉ tiêu',
  )
  async perCapita(@Query() query: PerCapitaQuery): Promise<PerCapitaReport | StreamableFile> {
    const report = await this.reports.perCapita(
      query.unitId,
      query.year ?? Number(todayInVietnam().slice(0, 4)),
      query.basis ?? 'raised',
    );
    if (!query.format || query.format === 'json') return report;
    return answer<PerCapitaReport>(await this.perCapitaExports.file(report, query.format));
  }

  @ReportRoute(
    'reports/fund-summary',
    FundSummaryReport,
    'Tổng hợp quỹ của đơn vị và các đơn vị trực thuộc trong kỳ: đầu kỳ, thu theo nhóm nhà hảo tâm, điều chuyển, chi theo đối tượng, cuối kỳ và kiểm tra cân đối; format=csv|xlsx|pdf để tải về',
  )
  async fundSummary(@Query() query: FundSummaryQuery): Promise<FundSummaryReport | StreamableFile> {
    const { from, to } = period(query.from, query.to);
    return answer(await this.fundSummaries.summary(query.unitId, from, to, query.format));
  }

  @ReportRoute(
    'reports/disclosure',
    DisclosureReport,
    'Công khai thu, chi trong năm (Nghị định 03/2026/NĐ-CP): theo quỹ, nhà hảo tâm theo nhóm, danh sách chi trả; format=csv|xlsx|pdf để tải về',
  )
  async disclosure(@Query() query: DisclosureQuery): Promise<DisclosureReport | StreamableFile> {
    const year = query.year ?? Number(todayInVietnam().slice(0, 4)) - 1;
    return answer(await this.disclosures.disclosure(query.unitId, year, query.format));
  }
}

/** A report read within the caller's units (the query's unitId), as JSON or as a CSV, XLSX or PDF file. */
function ReportRoute(path: string, type: Type<unknown>, description: string) {
  return applyDecorators(
    Get(path),
    Access(Action.ReportsRead, inQuery('unitId')),
    ApiProduces('application/json', 'text/csv', EXPORT_CONTENT_TYPE.xlsx, 'application/pdf'),
    ApiOkResponse({ type, description }),
  );
}

/** JSON as it is; a file as a download (a PDF inline). */
function answer<T extends object>(out: T | ReportFile): T | StreamableFile {
  if (!('contentType' in out && 'fileName' in out)) return out as T;
  return fileResponse(out as ReportFile);
}
