import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../identity/access/actor.js';
import type { PutTargetDto, TargetView } from './targets.dto.js';

/**
 * Per-capita targets are data, each with its source text: a unit's own for a year, or one for
 * every unit of a level (seeded: the province's 80,000 đ of 2025). The report takes the unit's own
 * target, else its level's, for the year or the latest earlier one.
 */
@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every target that applies to the unit, newest year first. */
  list(unitId: string): Promise<TargetView[]> {
    return this.dataSource.query(
      `SELECT t.year, t.amount::int AS amount, t.source, CASE WHEN t.unit_id IS NULL THEN 'level' ELSE 'unit' END AS scope
         FROM per_capita_targets t JOIN units u ON u.id = $1
        WHERE t.unit_id = u.id OR t.unit_kind = u.kind
        ORDER BY t.year DESC, t.unit_id IS NULL`,
      [unitId],
    );
  }

  /** Sets the unit's own target for a year (replacing an earlier figure, audited). */
  async put(
    actor: Actor,
    unitId: string,
    year: number,
    dto: PutTargetDto,
  ): Promise<{ created: boolean; view: TargetView }> {
    const created = await this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query(
        `SELECT amount::int AS amount, source FROM per_capita_targets WHERE unit_id = $1 AND year = $2 FOR UPDATE`,
        [unitId, year],
      );
      await manager.query(
        `INSERT INTO per_capita_targets (unit_id, year, amount, source) VALUES ($1, $2, $3, $4)
         ON CONFLICT (unit_id, year) WHERE unit_id IS NOT NULL DO UPDATE SET amount = $3, source = $4`,
        [unitId, year, dto.amount, dto.source],
      );
      await this.audit.record(manager, actor, {
        action: before ? 'unit.target_replace' : 'unit.target_set',
        entityType: 'per_capita_target',
        entityId: `${unitId}:${year}`,
        unitId,
        before: before ?? null,
        after: { amount: dto.amount, source: dto.source },
      });
      return !before;
    });
    return { created, view: { year, amount: dto.amount, source: dto.source, scope: 'unit' } };
  }
}
