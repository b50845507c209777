import { Controller, Get, Param, Query, Res, StreamableFile, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendPage } from '../common/http/html.js';
import { Access, CurrentActor, inQuery, SignedInByCookie } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { fileResponse } from '../reports/report-file.js';
import { WEB_COOKIE } from '../web/web-session.js';
import { dashboardPage } from './dashboard-page.js';
import { DashboardPageFilter } from './dashboard-page.filter.js';
import { DashboardQuery, type DownloadFormat, DownloadFormatPipe } from './dashboard.query.js';
import { DashboardService } from './dashboard.service.js';

/**
 * The dashboard for every signed-in user: per-capita progress of a unit in their subtree. A page
 * for browsers, outside the API prefix and the OpenAPI document; the scope guard checks it like
 * the per-capita report (a unit outside the user's answers 404), reading the session cookie.
 */
@ApiExcludeController()
@Controller('dashboard')
@UseFilters(DashboardPageFilter)
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Access(Action.ReportsRead, inQuery('unitId'))
  @SignedInByCookie(WEB_COOKIE)
  async show(@CurrentActor() actor: Actor, @Query() query: DashboardQuery, @Res() res: Response) {
    sendPage(res, 200, dashboardPage(await this.dashboard.view(actor, query)));
  }

  /**
   * The page's report as a PDF, XLSX or CSV file: the API's per-capita report and export, for a
   * browser signed in with the cookie (a link cannot send the API's Bearer header).
   */
  @Get('per-capita/:format')
  @Access(Action.ReportsRead, inQuery('unitId'))
  @SignedInByCookie(WEB_COOKIE)
  async download(
    @CurrentActor() actor: Actor,
    @Param('format', DownloadFormatPipe) format: DownloadFormat,
    @Query() query: DashboardQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    res.setHeader('Cache-Control', 'no-store');
    return fileResponse(await this.dashboard.file(actor, query, format));
  }
}
