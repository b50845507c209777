import { Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuditModule } from '../audit/audit.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { UnitsModule } from '../units/units.module.js';
import { DonationsController } from './donations.controller.js';
import { DonationImportLocator, DonationLocator, DonorLocator } from './donations.locators.js';
import { DonationsRepository } from './donations.repository.js';
import { DonationsService } from './donations.service.js';
import { ReceiptJob } from './receipt.job.js';
import { DonationImportsController } from './import/donation-imports.controller.js';
import { DonationImportsService } from './import/donation-imports.service.js';
import { uploadMiddleware } from '../common/http/upload.middleware.js';

@Module({
  imports: [AuditModule, LedgerModule, UnitsModule, DocumentsModule],
  controllers: [DonationsController, DonationImportsController],
  providers: [
    DonationsRepository,
    DonationsService,
    DonationImportsService,
    DonationLocator,
    DonorLocator,
    DonationImportLocator,
    ReceiptJob,
  ],
  exports: [DonationsService, DonationImportsService],
})
export class DonationsModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(uploadMiddleware(this.config.imports.maxBytes))
      .forRoutes({ path: 'donation-imports', method: RequestMethod.POST });
  }
}
