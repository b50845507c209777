import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { UnitsModule } from '../units/units.module.js';
import { DonationsController } from './donations.controller.js';
import { DonationLocator, DonorLocator } from './donations.locators.js';
import { DonationsRepository } from './donations.repository.js';
import { DonationsService } from './donations.service.js';

@Module({
  imports: [AuditModule, LedgerModule, UnitsModule, DocumentsModule],
  controllers: [DonationsController],
  providers: [DonationsRepository, DonationsService, DonationLocator, DonorLocator],
  exports: [DonationsService],
})
export class DonationsModule {}
