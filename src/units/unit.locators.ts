import { Injectable } from '@nestjs/common';
import { EntityLocator, Locates } from '../identity/access/locators.js';
import { UnitError, UnitErrorCode } from './units.errors.js';
import { UnitsRepository } from './units.repository.js';

/** A unit sits at itself. */
@Injectable()
@Locates('unit')
export class UnitLocator implements EntityLocator {
  constructor(private readonly units: UnitsRepository) {}

  async locate(id: string) {
    const unit = await this.units.findById(id);
    return unit && { unitId: unit.id, path: unit.path };
  }

  notFound(field: string) {
    return new UnitError(field === 'parentId' ? UnitErrorCode.ParentNotFound : UnitErrorCode.NotFound, [
      { field, message: 'không tìm thấy' },
    ]);
  }
}

/** The root (national) unit, for routes only administrators at the top may call. */
@Injectable()
@Locates('root')
export class RootLocator implements EntityLocator {
  constructor(private readonly units: UnitsRepository) {}

  async locate() {
    const root = await this.units.findRoot();
    return root && { unitId: root.id, path: root.path };
  }

  notFound() {
    return new UnitError(UnitErrorCode.NotFound);
  }
}
