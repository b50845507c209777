import { Injectable, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { AppError } from '../../common/errors.js';

/** Where an entity sits in the tree: its unit and that unit's path. */
export interface UnitLocation {
  unitId: string;
  path: string;
}

/**
 * Finds the unit of one kind of entity, for the guard. `notFound` is the module's own 404, so
 * an id outside the caller's units answers exactly like an id that does not exist.
 */
export interface EntityLocator {
  locate(id: string): Promise<UnitLocation | null>;
  notFound(field: string): AppError;
}

/** Runs a locator's query: one row `{unitId, path}` for the id, or null. */
export async function locateBy(
  dataSource: DataSource,
  sql: string,
  id: string,
): Promise<UnitLocation | null> {
  const [row] = await dataSource.query(sql, [id]);
  return row ?? null;
}

const LOCATES = Symbol('LOCATES');

/** Marks a provider as the locator of an entity kind named in `inPath('id', kind)` and friends. */
export const Locates = (entity: string) => SetMetadata(LOCATES, entity);

@Injectable()
export class LocatorRegistry implements OnModuleInit {
  private readonly locators = new Map<string, EntityLocator>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const entity = wrapper.metatype
        ? (Reflect.getMetadata(LOCATES, wrapper.metatype) as string | undefined)
        : undefined;
      if (!entity || !wrapper.instance) continue;
      if (this.locators.has(entity)) throw new Error(`Two locators for entity ${entity}`);
      this.locators.set(entity, wrapper.instance as EntityLocator);
    }
  }

  has(entity: string): boolean {
    return this.locators.has(entity);
  }

  get(entity: string): EntityLocator {
    const locator = this.locators.get(entity);
    if (!locator) throw new Error(`No locator for entity ${entity}`);
    return locator;
  }
}
