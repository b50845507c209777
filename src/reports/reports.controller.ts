import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { todayInVietnam } from '../common/dates.js';
import { Access, inQuery } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import { PerCapitaQuery } from './per-capita.query.js';
import { PerCapitaReport } from './per-capita.view.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('reports/per-capita')
  @Access(Action.ReportsRead, inQuery('unitId'))
  @ApiOkResponse({
    type: PerCapitaReport,
    description:
      'Bình quân quỹ khuyến học trên đầu người của đơn vị và từng đơn vị trực thuộc, so với chỉ tiêu',
  })
  perCapita(@Query() query: PerCapitaQuery): Promise<PerCapitaReport> {
    return this.reports.perCapita(
      query.unitId,
      query.year ?? Number(todayInVietnam().slice(0, 4)),
      query.basis ?? 'raised',
    );
  }
}
