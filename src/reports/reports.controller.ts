import { applyDecorators, Controller, Get, Query, StreamableFile, type Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonOrFile } from '../common/http/api-docs.js';
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

  @ReportRoute('reports/per-capita', PerCapitaReport, {
    summary: 'Per-capita learning fund of a unit and its children',
    description:
      'Learning fund per inhabitant (bình quân quỹ khuyến học trên đầu người) of the unit and each child as the ' +
      'tree stood that year, against its target, ranked among siblings, with the definition used. `raised`: ' +
      "gifts received in the year; `balance`: the funds' balance on 31 December. Transfers never count.",
  })
  async perCapita(@Query() query: PerCapitaQuery): Promise<PerCapitaReport | StreamableFile> {
    const report = await this.reports.perCapita(
      query.unitId,
      query.year ?? Number(todayInVietnam().slice(0, 4)),
      query.basis ?? 'raised',
    );
    if (!query.format || query.format === 'json') return report;
    return answer<PerCapitaReport>(await this.perCapitaExports.file(report, query.format));
  }

  @ReportRoute('reports/fund-summary', FundSummaryReport, {
    summary: 'Fund summary of a unit and its subtree over a period',
    description:
      'Per fund and in total: opening balance, money raised by donor kind, voids, transfers in and out ' +
      '(internal and external), award payments by recipient type, what rounds hold, closing balance, and ' +
      'whether opening + in − out = closing.',
  })
  async fundSummary(@Query() query: FundSummaryQuery): Promise<FundSummaryReport | StreamableFile> {
    const { from, to } = period(query.from, query.to);
    return answer(await this.fundSummaries.summary(query.unitId, from, to, query.format));
  }

  @ReportRoute('reports/disclosure', DisclosureReport, {
    summary: 'Yearly public disclosure of a unit',
    description:
      'What Nghị định 03/2026/NĐ-CP asks to publish: per fund, received, transferred, used and closing; donors ' +
      "only as totals by kind; the year's award payments, a recipient's name only where publication was agreed.",
  })
  async disclosure(@Query() query: DisclosureQuery): Promise<DisclosureReport | StreamableFile> {
    const year = query.year ?? Number(todayInVietnam().slice(0, 4)) - 1;
    return answer(await this.disclosures.disclosure(query.unitId, year, query.format));
  }
}

/** A report read within the caller's units (the query's unitId), as JSON or as a CSV, XLSX or PDF file. */
function ReportRoute(path: string, type: Type<unknown>, operation: { summary: string; description: string }) {
  return applyDecorators(
    Get(path),
    Access(Action.ReportsRead, inQuery('unitId')),
    ApiOperation(operation),
    ApiJsonOrFile(
      type,
      'The report in JSON, or with `format` as a CSV, XLSX or PDF download',
      EXPORT_CONTENT_TYPE.csv,
      EXPORT_CONTENT_TYPE.xlsx,
      'application/pdf',
    ),
  );
}

/** JSON as it is; a file as a download (a PDF inline). */
function answer<T extends object>(out: T | ReportFile): T | StreamableFile {
  if (!('contentType' in out && 'fileName' in out)) return out as T;
  return fileResponse(out as ReportFile);
}
