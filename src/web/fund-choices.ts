import { Injectable } from '@nestjs/common';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { ListFundsQuery } from '../ledger/dto/fund.dto.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { validateAs } from './forms.js';

/** The funds a form offers: open, at the units where the user's roles allow the action. */
@Injectable()
export class FundChoices {
  constructor(private readonly ledger: LedgerService) {}

  async funds(actor: Actor, action: Action) {
    const query = await validateAs(ListFundsQuery, { status: 'open', pageSize: 500 });
    const pages = await Promise.all(
      actor.scope(action).map((path) => this.ledger.listFunds(actor, query, path)),
    );
    return pages.flatMap((p) => p.items);
  }
}
