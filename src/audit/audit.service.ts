import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { AuditRepository } from './audit.repository.js';
import type { AuditContext, AuditRecord } from './audit.types.js';
import { AuditPage, AuditQuery, AuditVerification } from './dto/audit.dto.js';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Appends a row inside the caller's transaction, so the change and its record commit together. */
  record(manager: EntityManager, ctx: AuditContext, record: AuditRecord): Promise<void> {
    return this.audit.append(manager, ctx, {
      ...record,
      unitId: record.unitId ?? (ctx as Partial<Actor>).actingUnitId ?? null,
    });
  }

  /** `unitPath` is set when the guard has checked a `unitId` filter. */
  async list(actor: Actor, query: AuditQuery, unitPath: string | undefined): Promise<AuditPage> {
    const scope = actor.scope(Action.AuditRead);
    const { items, total } = await this.audit.list({
      scope,
      // Rows with no unit (failed sign-ins with an unknown name, the system) belong to the root.
      includeUnitless: scope.some((p) => p.split('/').filter(Boolean).length === 1),
      unitPath,
      entityType: query.entity,
      entityId: query.entityId,
      action: query.action,
      from: query.from,
      to: query.to,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Chains every committed row not yet chained. */
  async sealAll(): Promise<number> {
    let total = 0;
    for (let sealed = -1; sealed !== 0; total += sealed) sealed = await this.audit.seal();
    return total;
  }

  /** Seals what has been committed, then walks the whole chain. */
  async verify(): Promise<AuditVerification> {
    await this.sealAll();
    const broken = await this.audit.firstBreak();
    const head = await this.audit.head();
    return { valid: !broken, ...head, firstBroken: broken };
  }
}
