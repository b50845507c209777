import { Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DonationsService } from '../donations/donations.service.js';
import { ListDonationsQuery } from '../donations/dto/donation.dto.js';
import { CurrentActor } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { UnitsService } from '../units/units.service.js';
import { validateAs } from './forms.js';
import { Page, Pages } from './page.decorator.js';
import { Views } from './views.js';

/** After sign-in: the user's roles at their units, what they can start from here, the latest gifts. */
@Pages()
export class HomePages {
  constructor(
    private readonly donations: DonationsService,
    private readonly units: UnitsService,
    private readonly views: Views,
  ) {}

  @Get()
  @Page(Action.Self)
  async home(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const roles = await Promise.all(
      actor.grants.map(async (g) => ({ role: g.role, unit: await this.units.unitRef(g.unitId) })),
    );
    const recent = actor.allowsAnywhere(Action.DonationsRead)
      ? (await this.donations.list(actor, await validateAs(ListDonationsQuery, { pageSize: 5 }))).items
      : [];
    this.views.render(req, res, 'home', {
      title: 'Trang chủ',
      roles,
      recent,
      can: {
        record: actor.allowsAnywhere(Action.DonationsRecord),
        reports: actor.allowsAnywhere(Action.ReportsRead),
      },
    });
  }
}
