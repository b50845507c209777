import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { UnitsModule } from '../units/units.module.js';
import { AwardsController } from './awards.controller.js';
import { AwardLocator, NominationLocator, RoundLocator } from './awards.locators.js';
import { AwardsRepository } from './awards.repository.js';
import { AwardsService } from './awards.service.js';

@Module({
  imports: [AuditModule, LedgerModule, UnitsModule, DocumentsModule],
  controllers: [AwardsController],
  providers: [AwardsRepository, AwardsService, RoundLocator, NominationLocator, AwardLocator],
})
export class AwardsModule {}
