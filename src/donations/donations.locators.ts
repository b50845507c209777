import { Injectable } from '@nestjs/common';
import { EntityLocator, Locates } from '../identity/access/locators.js';
import { DonationError, DonationErrorCode } from './donations.errors.js';
import { DonationsRepository } from './donations.repository.js';

/** A donation sits at its issuing unit. */
@Injectable()
@Locates('donation')
export class DonationLocator implements EntityLocator {
  constructor(private readonly donations: DonationsRepository) {}

  locate(id: string) {
    return this.donations.locateDonation(id);
  }

  notFound(field: string) {
    return new DonationError(DonationErrorCode.DonationNotFound, [{ field, message: 'không tìm thấy' }]);
  }
}

/** A donor sits at the unit that recorded them first. */
@Injectable()
@Locates('donor')
export class DonorLocator implements EntityLocator {
  constructor(private readonly donations: DonationsRepository) {}

  locate(id: string) {
    return this.donations.locateDonor(id);
  }

  notFound(field: string) {
    return new DonationError(DonationErrorCode.DonorNotFound, [{ field, message: 'không tìm thấy' }]);
  }
}

/** An import sits at its fund's unit. */
@Injectable()
@Locates('donation-import')
export class DonationImportLocator implements EntityLocator {
  constructor(private readonly donations: DonationsRepository) {}

  locate(id: string) {
    return this.donations.locateImport(id);
  }

  notFound(field: string) {
    return new DonationError(DonationErrorCode.ImportNotFound, [{ field, message: 'không tìm thấy' }]);
  }
}
