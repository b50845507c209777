import { RequestMethod, type Type } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces/index.js';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';

/**
 * Every route of the page controllers, for the global prefix to leave alone: pages live at the
 * site's root, the API under /api/v1. Read from the controllers, so a new page needs no list.
 */
export function pageRoutes(controllers: Type[]): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '').replace(/^\/|\/$/g, '');
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (typeof handler !== 'function' || !Reflect.hasMetadata(PATH_METADATA, handler)) continue;
      const path = String(Reflect.getMetadata(PATH_METADATA, handler)).replace(/^\/|\/$/g, '');
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      routes.push({ path: [base, path].filter(Boolean).join('/') || '/', method });
    }
  }
  return routes;
}
