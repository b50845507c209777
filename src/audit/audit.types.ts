/** Who acted, and from which request: every audit row carries it. */
export interface AuditContext {
  actorId: string | null;
  actorName: string | null;
  requestId: string | null;
  ip: string | null;
}

/** What happened: the action, the entity it touched, the unit it was for, and what changed. */
export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  unitId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** The context of work done outside any request (start-up, CLI). */
export const systemContext = (name = 'system'): AuditContext => ({
  actorId: null,
  actorName: name,
  requestId: null,
  ip: null,
});

/**
 * A compact before/after: only the fields whose value changed, from both sides; a field
 * left undefined in `after` was not touched.
 * Dates become ISO strings so the stored JSON compares and hashes the same way every time.
 */
export function changes<T extends object>(
  before: T,
  after: Partial<T>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (after[key] === undefined) continue;
    const was = plain(before[key]);
    const now = plain(after[key]);
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      b[key] = was;
      a[key] = now;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}
