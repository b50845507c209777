import { Module } from '@nestjs/common';
import { DonationsModule } from '../donations/donations.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { UnitsModule } from '../units/units.module.js';
import { Csrf, CsrfGuard } from './csrf.js';
import { DonationPages } from './donations.pages.js';
import { FundPages } from './funds.pages.js';
import { HomePages } from './home.pages.js';
import { PageFilter } from './page.filter.js';
import { SignInPages } from './sign-in.pages.js';
import { Views } from './views.js';

/** The pages controllers, in the order their routes must match (static paths before `:id`). */
export const WEB_CONTROLLERS = [SignInPages, HomePages, DonationPages, FundPages];

/**
 * The workspace: server-rendered Vietnamese pages on the same services, guard and rules as the
 * API, for treasurers, committees and administrators in a browser.
 */
@Module({
  imports: [IdentityModule, LedgerModule, DonationsModule, UnitsModule],
  controllers: WEB_CONTROLLERS,
  providers: [Views, Csrf, CsrfGuard, PageFilter],
})
export class WebModule {}
