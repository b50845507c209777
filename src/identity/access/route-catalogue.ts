import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ACCESS_RULE, AccessRule, PAGE_COOKIE, PUBLIC_ROUTE } from './access.decorator.js';
import { LocatorRegistry } from './locators.js';

export interface RouteInfo {
  method: string;
  /** Without the global prefix: `/units/:id`. */
  path: string;
  controller: string;
  handler: string;
  rule?: AccessRule;
  isPublic: boolean;
  /** A page for browsers (signed in by a cookie, outside the API prefix). */
  isPage: boolean;
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/**
 * Every route of every controller with its access declaration. Start-up fails when a route
 * has none, names an entity no locator knows, or takes an id in its path the guard would not check.
 */
@Injectable()
export class RouteCatalogue implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly locators: LocatorRegistry,
  ) {}

  routes(): RouteInfo[] {
    const routes: RouteInfo[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type || !wrapper.instance) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined) ?? '';
      const prototype = Object.getPrototypeOf(wrapper.instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, object>)[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const rule =
          (Reflect.getMetadata(ACCESS_RULE, handler) as AccessRule | undefined) ??
          (Reflect.getMetadata(ACCESS_RULE, type) as AccessRule | undefined);
        const isPublic = Boolean(
          Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, type),
        );
        const isPage = Boolean(
          Reflect.getMetadata(PAGE_COOKIE, handler) ?? Reflect.getMetadata(PAGE_COOKIE, type),
        );
        for (const b of [base].flat()) {
          for (const p of [path].flat()) {
            const route = { method, path: join(b, p), controller: type.name, handler: name, rule, isPublic };
            routes.push({ ...route, isPage });
          }
        }
      }
    }
    return routes;
  }

  problems(): string[] {
    const problems: string[] = [];
    for (const route of this.routes()) {
      const where = `${route.method} ${route.path} (${route.controller}.${route.handler})`;
      if (!route.rule && !route.isPublic) problems.push(`${where} declares no @Access or @Public`);
      if (route.rule && route.isPublic) problems.push(`${where} is both @Access and @Public`);
      for (const target of route.rule?.targets ?? []) {
        if (!this.locators.has(target.entity)) problems.push(`${where}: no locator for ${target.entity}`);
      }
      if (route.isPublic) continue;
      const checked = new Set(route.rule?.targets.filter((t) => t.source === 'param').map((t) => t.name));
      for (const [, param] of route.path.matchAll(/:(\w+)/g)) {
        if (/(^id|Id)$/.test(param) && !checked.has(param)) {
          problems.push(`${where}: path id :${param} is not a target the guard checks`);
        }
      }
    }
    return problems;
  }

  onApplicationBootstrap(): void {
    const problems = this.problems();
    if (problems.length) throw new Error(`Routes without a sound access rule:\n  ${problems.join('\n  ')}`);
  }
}
