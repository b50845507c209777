import { Injectable } from '@nestjs/common';
import { Locates, EntityLocator } from './access/locators.js';
import { IdentityError, IdentityErrorCode } from './identity.errors.js';
import { IdentityRepository } from './identity.repository.js';

/** A user sits at their home unit. */
@Injectable()
@Locates('user')
export class UserLocator implements EntityLocator {
  constructor(private readonly identity: IdentityRepository) {}

  locate(id: string) {
    return this.identity.locateUser(id);
  }

  notFound(field: string) {
    return new IdentityError(IdentityErrorCode.UserNotFound, [{ field, message: 'không tìm thấy' }]);
  }
}

/** A role assignment sits at the unit it applies to. */
@Injectable()
@Locates('role-assignment')
export class RoleAssignmentLocator implements EntityLocator {
  constructor(private readonly identity: IdentityRepository) {}

  locate(id: string) {
    return this.identity.locateRole(id);
  }

  notFound(field: string) {
    return new IdentityError(IdentityErrorCode.RoleAssignmentNotFound, [
      { field, message: 'không tìm thấy' },
    ]);
  }
}
