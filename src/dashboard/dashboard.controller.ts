import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Redirect,
  Req,
  Res,
  StreamableFile,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendPage } from '../common/http/html.js';
import {
  Access,
  CurrentActor,
  inQuery,
  Public,
  SignedInByCookie,
} from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { AuthService } from '../identity/auth.service.js';
import { LoginRateLimit } from '../rate-limit/rate-limit.decorator.js';
import { fileResponse } from '../reports/report-file.js';
import { DASHBOARD_COOKIE } from './dashboard-cookie.js';
import { dashboardPage, loginPage } from './dashboard-page.js';
import { DashboardPageFilter } from './dashboard-page.filter.js';
import {
  DashboardQuery,
  type DownloadFormat,
  DownloadFormatPipe,
  NEXT_PATTERN,
  PageLoginDto,
} from './dashboard.query.js';
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
  constructor(
    private readonly dashboard: DashboardService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @Access(Action.ReportsRead, inQuery('unitId'))
  @SignedInByCookie(DASHBOARD_COOKIE)
  async show(@CurrentActor() actor: Actor, @Query() query: DashboardQuery, @Res() res: Response) {
    sendPage(res, 200, dashboardPage(await this.dashboard.view(actor, query)));
  }

  /**
   * The page's report as a PDF, XLSX or CSV file: the API's per-capita report and export, for a
   * browser signed in with the cookie (a link cannot send the API's Bearer header).
   */
  @Get('per-capita/:format')
  @Access(Action.ReportsRead, inQuery('unitId'))
  @SignedInByCookie(DASHBOARD_COOKIE)
  async download(
    @CurrentActor() actor: Actor,
    @Param('format', DownloadFormatPipe) format: DownloadFormat,
    @Query() query: DashboardQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    res.setHeader('Cache-Control', 'no-store');
    return fileResponse(await this.dashboard.file(actor, query, format));
  }

  /** Ends the session behind the cookie (a POST: SameSite=Strict keeps other sites from sending it). */
  @Post('logout')
  @Public()
  @Redirect('/login', 303)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = DASHBOARD_COOKIE.read(req);
    if (token) await this.auth.endSessionOfToken(token, req);
    DASHBOARD_COOKIE.clear(req, res);
  }
}

/**
 * Sign-in for the dashboard: the API's own sign-in (same checks, rate limit and audit), keeping
 * the access token in the dashboard's cookie. The refresh token is not kept: a browser signs in
 * again when the access token ends (ACCESS_TOKEN_TTL_SECONDS).
 */
@ApiExcludeController()
@Controller('login')
@UseFilters(DashboardPageFilter)
export class SignInController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @Public()
  form(@Query('next') next: unknown, @Res() res: Response): void {
    const back = typeof next === 'string' && NEXT_PATTERN.test(next) ? next : undefined;
    sendPage(res, 200, loginPage({ next: back }));
  }

  @Post()
  @Public()
  @LoginRateLimit()
  async login(@Body() dto: PageLoginDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const session = await this.auth.login({ username: dto.username, password: dto.password }, req);
    DASHBOARD_COOKIE.set(req, res, session.accessToken, session.expiresIn);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, dto.next ?? '/dashboard');
  }
}
