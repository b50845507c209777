import { Injectable } from '@nestjs/common';
import { EntityLocator, Locates } from '../identity/access/locators.js';
import { LedgerError, LedgerErrorCode } from './ledger.errors.js';
import { LedgerRepository } from './ledger.repository.js';

/** A fund sits at its unit. */
@Injectable()
@Locates('fund')
export class FundLocator implements EntityLocator {
  constructor(private readonly ledger: LedgerRepository) {}

  locate(id: string) {
    return this.ledger.locateFund(id);
  }

  notFound(field: string) {
    return new LedgerError(LedgerErrorCode.FundNotFound, [{ field, message: 'không tìm thấy' }]);
  }
}

/** A journal entry sits at the unit that made it. */
@Injectable()
@Locates('entry')
export class EntryLocator implements EntityLocator {
  constructor(private readonly ledger: LedgerRepository) {}

  locate(id: string) {
    return this.ledger.locateEntry(id);
  }

  notFound(field: string) {
    return new LedgerError(LedgerErrorCode.EntryNotFound, [{ field, message: 'không tìm thấy' }]);
  }
}
