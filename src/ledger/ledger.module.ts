import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { FundsController } from './funds.controller.js';
import { IdempotencyService } from './idempotency.js';
import { InKindService } from './in-kind.service.js';
import { EntryLocator, FundLocator } from './ledger.locators.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';

@Module({
  imports: [AuditModule],
  controllers: [FundsController],
  providers: [LedgerRepository, LedgerService, InKindService, IdempotencyService, FundLocator, EntryLocator],
  exports: [LedgerService, IdempotencyService],
})
export class LedgerModule {}
