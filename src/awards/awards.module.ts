import { Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { uploadMiddleware } from '../common/http/upload.middleware.js';
import { AuditModule } from '../audit/audit.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { UnitsModule } from '../units/units.module.js';
import { AwardsController } from './awards.controller.js';
import { AwardLocator, NominationLocator, RoundLocator } from './awards.locators.js';
import { AwardsRepository } from './awards.repository.js';
import { AwardsService } from './awards.service.js';
import { CertificateBatchJob } from './certificate-batch.job.js';
import { CertificateJob } from './certificate.job.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { NominationImportService } from './nomination-import.service.js';
import { PaymentListService } from './payment-list.service.js';

@Module({
  imports: [AuditModule, LedgerModule, UnitsModule, DocumentsModule, JobsModule],
  controllers: [AwardsController],
  providers: [
    AwardsRepository,
    AwardsService,
    CertificateJob,
    CertificateBatchJob,
    PaymentListService,
    NominationImportService,
    RoundLocator,
    NominationLocator,
    AwardLocator,
  ],
})
export class AwardsModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    // The signed list is parsed before the guard and the handler, its size checked while reading.
    consumer
      .apply(uploadMiddleware(this.config.imports.maxBytes))
      .forRoutes(
        { path: 'award-rounds/:id/payment-list', method: RequestMethod.POST },
        { path: 'award-rounds/:id/nomination-imports', method: RequestMethod.POST },
      );
  }
}
