import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CommonError, CommonErrorCode } from '../../common/errors.js';
import { isUuid } from '../../common/validation.js';
import { AuthService } from '../auth.service.js';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';
import { ACCESS_RULE, AccessRule, PAGE_COOKIE, PUBLIC_ROUTE, Target } from './access.decorator.js';
import type { SessionCookie } from '../session-cookie.js';
import type { Actor } from './actor.js';
import { LocatorRegistry, type UnitLocation } from './locators.js';

/**
 * The scope guard. For every non-public route: who is calling (401), where each target of the
 * route lies (the module's own 404 when it is outside every unit the caller holds a role at,
 * exactly as if it did not exist), and whether a role there allows the action (403).
 * Runs before pipes, so it reads raw values and refuses a malformed id itself.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly locators: LocatorRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const keys = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, keys)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule>(ACCESS_RULE, keys);
    // Unreachable: the route catalogue refuses to start with an undeclared route.
    if (!rule) throw new CommonError(CommonErrorCode.Internal);

    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const cookie = this.reflector.getAllAndOverride<SessionCookie | undefined>(PAGE_COOKIE, keys);
    const actor = await this.auth.authenticate(req, cookie);
    req.actor = actor;

    // Every target is located first, so anything outside the caller's units answers 404 whatever
    // the order of the targets; only then may a visible target answer 403.
    const located: { target: Target; location: UnitLocation }[] = [];
    for (const target of rule.targets) {
      const raw = target.source === 'root' ? 'root' : valueOf(req, target);
      // Absent (an optional filter, or a form's empty choice), or left to validation to refuse.
      if (raw === undefined || raw === null || raw === '') continue;
      if (target.source !== 'root' && !isUuid(raw)) {
        throw new CommonError(CommonErrorCode.ValidationFailed, [
          { field: target.name, message: 'phải là mã định danh UUID' },
        ]);
      }
      const locator = this.locators.get(target.entity);
      const location = await locator.locate((raw as string).toLowerCase());
      const below = target.fromBelow === true;
      if (!location || !(actor.sees(location.path) || (below && actor.holdsBelow(location.path))))
        throw locator.notFound(target.name);
      located.push({ target, location });
    }
    for (const { target, location } of located) {
      const below = target.fromBelow === true;
      if (!(
        actor.allows(rule.action, location.path) ||
        (below && actor.allowsBelow(rule.action, location.path))
      ))
        throw new IdentityError(IdentityErrorCode.Forbidden);
      actor.located.set(target.name, location);
      actor.actingUnitId ??= location.unitId;
    }
    if (actor.located.size === 0 && !actor.allowsAnywhere(rule.action)) {
      throw new IdentityError(IdentityErrorCode.Forbidden);
    }
    return true;
  }
}

function valueOf(req: Request, target: Target): unknown {
  const source =
    target.source === 'param' ? req.params : target.source === 'query' ? req.query : (req.body as unknown);
  return source && typeof source === 'object' ? (source as Record<string, unknown>)[target.name] : undefined;
}
