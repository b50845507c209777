import { Injectable } from '@nestjs/common';
import { EntityLocator, Locates } from '../identity/access/locators.js';
import { AwardError, AwardErrorCode } from './awards.errors.js';
import { AwardsRepository } from './awards.repository.js';

/** A round sits at the unit that opened it. */
@Injectable()
@Locates('award-round')
export class RoundLocator implements EntityLocator {
  constructor(private readonly awards: AwardsRepository) {}

  locate(id: string) {
    return this.awards.locateRound(id);
  }

  notFound(field: string) {
    return new AwardError(AwardErrorCode.RoundNotFound, [{ field, message: 'không tìm thấy' }]);
  }
}

/** A nomination is reviewed where its round sits (by the round's committee). */
@Injectable()
@Locates('nomination')
export class NominationLocator implements EntityLocator {
  constructor(private readonly awards: AwardsRepository) {}

  locate(id: string) {
    return this.awards.locateNomination(id);
  }

  notFound(field: string) {
    return new AwardError(AwardErrorCode.NominationNotFound, [{ field, message: 'không tìm thấy' }]);
  }
}

/** An award is paid where its round sits (from that unit's fund). */
@Injectable()
@Locates('award')
export class AwardLocator implements EntityLocator {
  constructor(private readonly awards: AwardsRepository) {}

  locate(id: string) {
    return this.awards.locateAward(id);
  }

  notFound(field: string) {
    return new AwardError(AwardErrorCode.AwardNotFound, [{ field, message: 'không tìm thấy' }]);
  }
}
