import { Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { uploadMiddleware } from '../common/http/upload.middleware.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DonationsModule } from '../donations/donations.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { UnitsModule } from '../units/units.module.js';
import { AccountPages } from './account.pages.js';
import { Csrf, CsrfGuard } from './csrf.js';
import { DonationPages } from './donations.pages.js';
import { FundChoices } from './fund-choices.js';
import { ImportPages } from './imports.pages.js';
import { FundPages } from './funds.pages.js';
import { HomePages } from './home.pages.js';
import { PageFilter } from './page.filter.js';
import { SignInPages } from './sign-in.pages.js';
import { Views } from './views.js';

/** The pages controllers, in the order their routes must match (static paths before `:id`). */
export const WEB_CONTROLLERS = [SignInPages, HomePages, AccountPages, ImportPages, DonationPages, FundPages];

/**
 * The workspace: server-rendered Vietnamese pages on the same services, guard and rules as the
 * API, for treasurers, committees and administrators in a browser.
 */
@Module({
  imports: [IdentityModule, LedgerModule, DonationsModule, UnitsModule],
  controllers: WEB_CONTROLLERS,
  providers: [Views, Csrf, CsrfGuard, PageFilter, FundChoices],
})
export class WebModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The spreadsheet upload's multipart body, parsed before the guard and the CSRF check read it. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(uploadMiddleware(this.config.imports.maxBytes, 'form'))
      .forRoutes({ path: 'thu/nhap', method: RequestMethod.POST });
  }
}
