import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppError } from '../common/errors.js';
import { CurrentActor } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { ChangePasswordDto } from '../identity/dto/auth.dto.js';
import { UsersService } from '../identity/users.service.js';
import { emptyForm, formErrors, typed, validateAs } from './forms.js';
import type { FormState } from './forms.js';
import { Page, Pages } from './page.decorator.js';
import { Views } from './views.js';
import { WEB_COOKIE } from './web-session.js';

/** The signed-in person's own account: who they are, their roles, their password. */
@Pages()
export class AccountPages {
  constructor(
    private readonly users: UsersService,
    private readonly views: Views,
  ) {}

  @Get('tai-khoan')
  @Page(Action.Self)
  async show(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    await this.render(actor, req, res, emptyForm());
  }

  /** A new password ends every session (the API's rule): the person signs in again with it. */
  @Post('tai-khoan/mat-khau')
  @Page(Action.Self)
  async password(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const values = typed(body, ['currentPassword', 'newPassword']);
    try {
      await this.users.changeOwnPassword(actor, await validateAs(ChangePasswordDto, values));
      WEB_COOKIE.clear(req, res);
      res.redirect(303, '/login');
    } catch (error) {
      // Passwords are never shown back.
      await this.render(actor, req, res, formErrors(error, {}), (error as AppError).status);
    }
  }

  private async render(actor: Actor, req: Request, res: Response, form: FormState, status = 200) {
    this.views.render(
      req,
      res,
      'account',
      { title: 'Tài khoản', me: await this.users.me(actor), form },
      status,
    );
  }
}
