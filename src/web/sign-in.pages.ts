import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from '../common/errors.js';
import { signInAgain } from '../common/http/html.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { CurrentActor } from '../identity/access/access.decorator.js';
import { AuthService } from '../identity/auth.service.js';
import { LoginDto } from '../identity/dto/auth.dto.js';
import { LoginRateLimit } from '../rate-limit/rate-limit.decorator.js';
import { typed, validateAs } from './forms.js';
import { Page, Pages, PublicPage } from './page.decorator.js';
import { Views } from './views.js';
import { safeNext, WEB_COOKIE } from './web-session.js';

/**
 * Sign-in and sign-out for every page (workspace and dashboard): the API's own sign-in (same
 * checks, rate limit and audit), the session's token kept in the workspace cookie.
 */
@Pages()
export class SignInPages {
  constructor(
    private readonly auth: AuthService,
    private readonly views: Views,
  ) {}

  @Get('login')
  @PublicPage()
  form(@Query('next') next: unknown, @Req() req: Request, @Res() res: Response): void {
    this.views.render(req, res, 'login', {
      title: 'Đăng nhập',
      form: { values: { username: '', next: safeNext(next) ?? '' }, errors: {} },
    });
  }

  @Post('login')
  @PublicPage()
  @LoginRateLimit()
  async login(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const values = typed(body, ['username', 'password', 'next']);
    const next = safeNext(values.next) ?? '/';
    try {
      const dto = await validateAs(LoginDto, { username: values.username, password: values.password });
      const session = await this.auth.loginPage(dto, req);
      WEB_COOKIE.set(req, res, session.token, session.seconds);
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, next);
    } catch (error) {
      // The name as typed, never the password; one message for a wrong name or password (as the API).
      const again = error instanceof AppError ? signInAgain(error, body) : null;
      if (!again) throw error;
      const form = {
        values: { username: again.username, next: safeNext(values.next) ?? '' },
        errors: {},
        message: again.error,
      };
      this.views.render(req, res, 'login', { title: 'Đăng nhập', form }, (error as AppError).status);
    }
  }

  @Get('logout')
  @Page(Action.Self)
  confirm(@Req() req: Request, @Res() res: Response): void {
    this.views.render(req, res, 'logout', { title: 'Đăng xuất' });
  }

  /** Ends this browser's session, or with `everywhere`, every session of the user. */
  @Post('logout')
  @Page(Action.Self)
  async logout(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (typed(body, ['everywhere']).everywhere === 'yes') await this.auth.endEverySession(actor);
    else await this.auth.endSession(actor);
    WEB_COOKIE.clear(req, res);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, '/login');
  }
}
