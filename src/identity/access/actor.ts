import type { AuditContext } from '../../audit/audit.types.js';
import type { RoleName } from '../roles.js';
import { Action, PERMISSIONS } from './actions.js';
import type { UnitLocation } from './locators.js';

/** A role held at a unit, with that unit's tree path (`/root/…/unit/`). */
export interface Grant {
  assignmentId: string;
  unitId: string;
  path: string;
  role: RoleName;
}

/** The signed-in user of one request, with what they may do where. */
export class Actor implements AuditContext {
  /** The unit of the request's target, set by the guard: the unit the user acts for. */
  actingUnitId: string | null = null;

  /** Where each checked target sits, by field name (e.g. a `unitId` filter's subtree path). */
  readonly located = new Map<string, UnitLocation>();

  constructor(
    readonly userId: string,
    readonly username: string,
    readonly displayName: string,
    readonly homeUnitId: string,
    readonly sessionId: string,
    readonly grants: readonly Grant[],
    readonly requestId: string | null,
    readonly ip: string | null,
  ) {}

  get actorId(): string {
    return this.userId;
  }

  get actorName(): string {
    return this.username;
  }

  /** The user holds some role at the unit or one of its ancestors. */
  sees(path: string): boolean {
    return this.grants.some((g) => path.startsWith(g.path));
  }

  allows(action: Action, path: string): boolean {
    return this.grants.some((g) => path.startsWith(g.path) && PERMISSIONS[action].includes(g.role));
  }

  /** The user holds some role strictly inside the unit's subtree. */
  holdsBelow(path: string): boolean {
    return this.grants.some((g) => g.path !== path && g.path.startsWith(path));
  }

  /** A role inside the unit's subtree allows the action (for targets reachable from below). */
  allowsBelow(action: Action, path: string): boolean {
    return this.grants.some(
      (g) => g.path !== path && g.path.startsWith(path) && PERMISSIONS[action].includes(g.role),
    );
  }

  allowsAnywhere(action: Action): boolean {
    return action === Action.Self || this.grants.some((g) => PERMISSIONS[action].includes(g.role));
  }

  /**
   * The subtrees where the action is allowed, as path prefixes, without one nested in another:
   * lists filter on these in SQL (`path LIKE ANY(prefix || '%')`).
   */
  scope(action: Action): string[] {
    const paths = [
      ...new Set(this.grants.filter((g) => PERMISSIONS[action].includes(g.role)).map((g) => g.path)),
    ];
    return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
  }
}
