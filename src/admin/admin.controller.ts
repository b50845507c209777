import { Body, Controller, Get, Header, Post, Redirect, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../identity/access/access.decorator.js';
import { LoginDto } from '../identity/dto/auth.dto.js';
import { LoginRateLimit } from '../rate-limit/rate-limit.decorator.js';
import { AdminAuthService } from './admin-auth.service.js';
import { ADMIN_COOKIE } from './admin-cookie.js';
import { loginPage, logoutPage } from './admin-pages.js';
import { AdminPageFilter } from './admin-page.filter.js';

/**
 * Sign-in and sign-out pages for the admin pages (the queue dashboard at /admin/queues), outside
 * the API prefix and the OpenAPI document. Public: they check credentials themselves.
 */
@ApiExcludeController()
@Controller('admin')
@UseFilters(AdminPageFilter)
export class AdminController {
  constructor(private readonly admins: AdminAuthService) {}

  @Get('login')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  loginForm(): string {
    return loginPage();
  }

  @Post('login')
  @Public()
  @LoginRateLimit()
  @Redirect('/admin/queues', 303)
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const session = await this.admins.signIn(dto, req);
    ADMIN_COOKIE.set(req, res, session.accessToken, session.expiresIn);
  }

  @Get('logout')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/html; charset=utf-8')
  logoutForm(): string {
    return logoutPage();
  }

  @Post('logout')
  @Public()
  @Redirect('/admin/login', 303)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.admins.signOut(req);
    ADMIN_COOKIE.clear(req, res);
  }
}
