import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-docs.js';
import { Action } from './actions.js';
import type { Actor } from './actor.js';
import type { SessionCookie } from '../session-cookie.js';

export const ACCESS_RULE = 'khuyenhoc:access';
export const PUBLIC_ROUTE = 'khuyenhoc:public';
export const PAGE_COOKIE = 'khuyenhoc:page-cookie';

/**
 * Where the guard finds an id whose unit must be in the caller's scope: a path parameter, a
 * body field or a query filter, naming the kind of entity it is (`unit`, `user`, …), or the root.
 */
export interface Target {
  source: 'param' | 'body' | 'query' | 'root';
  name: string;
  entity: string;
  /** Also reachable from units below the target's (a sub-unit nominating into a parent's round). */
  fromBelow?: boolean;
}

export interface AccessRule {
  action: Action;
  targets: Target[];
}

export const inPath = (name = 'id', entity = 'unit'): Target => ({ source: 'param', name, entity });
export const inBody = (name: string, entity = 'unit'): Target => ({ source: 'body', name, entity });
export const inQuery = (name: string, entity = 'unit'): Target => ({ source: 'query', name, entity });
/**
 * A target that callers in its subtree may reach too, not only those above it: an award round of
 * a district is open to the communes and schools that nominate into it.
 */
export const fromBelow = (target: Target): Target => ({ ...target, fromBelow: true });
/** Only users holding the role at the root (national) unit. */
export const atRoot = (): Target => ({ source: 'root', name: 'root', entity: 'root' });

/**
 * The one declaration every non-public route makes: the action it performs and where its
 * targets are. A target that is absent (an optional filter) is not checked; a list without a
 * target is filtered by the service to the caller's subtrees.
 */
export function Access(action: Action, ...targets: Target[]) {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { action, targets } satisfies AccessRule),
    ApiBearerAuth(),
    // A target outside the caller's units answers 404, as if it did not exist.
    ApiErrors(401, 403, ...(targets.length ? [404] : [])),
  );
}

/**
 * A server-rendered page a browser opens: the guard also takes the access token from this cookie
 * (a Bearer header still wins). Scope and roles are checked exactly as for the API.
 */
export const SignedInByCookie = (cookie: SessionCookie) => SetMetadata(PAGE_COOKIE, cookie);

/**
 * A route anyone may call (health, docs, verification, sign-in). Its OpenAPI operation says so
 * with an empty security requirement: anonymous on purpose, not forgotten.
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiSecurity({}));

/** The signed-in user, as the guard resolved them. */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest<{ actor: Actor }>().actor,
);
