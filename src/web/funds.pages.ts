import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppError } from '../common/errors.js';
import { uuidPipe } from '../common/http/params.js';
import { CurrentActor, inBody, inPath } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { CreateFundDto, FundEntriesQuery, ListFundsQuery } from '../ledger/dto/fund.dto.js';
import { FUND_KINDS } from '../ledger/entities/fund.entity.js';
import { UnitsService } from '../units/units.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { emptyForm, formErrors, optional, parseDay, typed, validateAs } from './forms.js';
import type { FormState } from './forms.js';
import { Page, Pages } from './page.decorator.js';
import { Views } from './views.js';

/** Funds: what each holds, what rounds have reserved, what is free; a fund's entries and its balance on a day. */
@Pages()
export class FundPages {
  constructor(
    private readonly ledger: LedgerService,
    private readonly units: UnitsService,
    private readonly views: Views,
  ) {}

  @Get('quy')
  @Page(Action.FundsRead)
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const values = typed(query, ['q', 'status']);
    const filter = await validateAs(ListFundsQuery, {
      q: optional(values.q) ?? undefined,
      status: values.status === 'closed' ? 'closed' : 'open',
      pageSize: 500,
    });
    const page = await this.ledger.listFunds(actor, filter);
    const totals = page.items.reduce(
      (t, f) => ({
        balance: t.balance + f.balance,
        reserved: t.reserved + f.reserved,
        available: t.available + f.available,
        inKind: t.inKind + f.inKind,
      }),
      { balance: 0, reserved: 0, available: 0, inKind: 0 },
    );
    this.views.render(req, res, 'funds', {
      title: 'Quỹ',
      page,
      totals,
      values,
      canRecord: actor.allowsAnywhere(Action.DonationsRecord),
      canManage: actor.allowsAnywhere(Action.FundsManage),
    });
  }

  @Get('quy/moi')
  @Page(Action.FundsManage)
  async newFund(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    await this.renderNew(actor, req, res, emptyForm({ kind: 'general' }));
  }

  @Post('quy/moi')
  @Page(Action.FundsManage, inBody('unitId'))
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const values = typed(body, ['unitId', 'name', 'kind', 'restriction']);
    try {
      const dto = await validateAs(CreateFundDto, { ...values, restriction: optional(values.restriction) });
      const fund = await this.ledger.createFund(actor, dto);
      res.redirect(303, `/quy/${fund.id}`);
    } catch (error) {
      await this.renderNew(actor, req, res, formErrors(error, values), (error as AppError).status);
    }
  }

  private async renderNew(actor: Actor, req: Request, res: Response, form: FormState, status = 200) {
    // The units where the user may open a fund: where they hold a role that allows it.
    const units = await Promise.all(
      actor.grants
        .filter((g) => actor.allows(Action.FundsManage, g.path))
        .map((g) => this.units.unitRef(g.unitId)),
    );
    if (!form.values.unitId && units.length === 1) form.values.unitId = units[0].id;
    this.views.render(req, res, 'fund-new', { title: 'Mở quỹ', form, units, kinds: FUND_KINDS }, status);
  }

  @Get('quy/:id')
  @Page(Action.FundsRead, inPath('id', 'fund'))
  async show(
    @Param('id', uuidPipe('id')) id: string,
    @Query() query: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const values = typed(query, ['asOf', 'page']);
    let form: FormState = emptyForm(values);
    let asOf: string | undefined;
    if (values.asOf.trim()) {
      asOf = parseDay(values.asOf) ?? undefined;
      if (!asOf)
        form = {
          values,
          errors: { asOf: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 25/11/2026' },
          message: 'Hãy sửa các ô được đánh dấu bên dưới.',
        };
    }
    let entriesQuery: FundEntriesQuery;
    try {
      entriesQuery = await validateAs(FundEntriesQuery, {
        page: optional(values.page) ?? undefined,
        pageSize: 50,
      });
    } catch (error) {
      form = formErrors(error, values);
      entriesQuery = await validateAs(FundEntriesQuery, { pageSize: 50 });
    }
    const [fund, balance, entries] = await Promise.all([
      this.ledger.getFund(id),
      this.ledger.balanceAsOf(id, { asOf }),
      this.ledger.entries(id, entriesQuery),
    ]);
    this.views.render(
      req,
      res,
      'fund',
      { title: fund.name, fund, balance, entries, form },
      form.message ? 400 : 200,
    );
  }
}
