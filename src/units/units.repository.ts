import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike, searchKey } from '../common/text.js';
import { UnitPopulation } from './entities/unit-population.entity.js';
import { UnitTreeStats } from './entities/unit-tree-stats.entity.js';
import { Unit } from './entities/unit.entity.js';
import type { UnitKind } from './unit-kinds.js';
import type { Validity } from './unit-validity.js';

// Any constant: a transaction-level advisory lock that serialises changes to the tree's shape,
// so two concurrent moves can never build a cycle between them.
const TREE_LOCK = 7_344_202;

export interface UnitFilter {
  /** Subtree path prefixes the caller may read (always set: lists never leave the caller's units). */
  scope: string[];
  parentId?: string;
  kind?: UnitKind;
  /** A day, or undefined for every period. */
  asOf?: string;
  q?: string;
  /** Ranks units valid on this day first (for searches across periods). */
  today: string;
  offset: number;
  limit: number;
}

export interface SuccessionRow {
  unit: Unit;
  effectiveOn: string;
  basis: string | null;
}

const VALID_ON = `(u.validFrom IS NULL OR u.validFrom <= :asOf) AND (u.validTo IS NULL OR u.validTo >= :asOf)`;

/** Narrow queries over the unit tree; services never build their own. */
@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async lockTree(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Unit | null> {
    return manager.findOneBy(Unit, { id });
  }

  /** The receipt form set on the unit or its nearest ancestor that has one; null if none has. */
  async nearestReceiptForm(
    unitId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Unit['receiptForm']> {
    const [row] = await manager.query(
      `SELECT a.receipt_form FROM units u
         JOIN units a ON a.id = ANY(string_to_array(trim(both '/' from u.path), '/')::uuid[])
        WHERE u.id = $1 AND a.receipt_form IS NOT NULL
        ORDER BY a.depth DESC LIMIT 1`,
      [unitId],
    );
    return row?.receipt_form ?? null;
  }

  findRoot(): Promise<Unit | null> {
    return this.dataSource.manager.createQueryBuilder(Unit, 'u').where('u.parentId IS NULL').getOne();
  }

  findByIds(ids: string[]): Promise<Unit[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.manager
      .createQueryBuilder(Unit, 'u')
      .where('u.id IN (:...ids)', { ids })
      .getMany();
  }

  async list(filter: UnitFilter): Promise<{ items: Unit[]; total: number }> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Unit, 'u')
      .where('u.path LIKE ANY(:scope)', { scope: filter.scope.map((p) => `${escapeLike(p)}%`) });
    if (filter.asOf) qb.andWhere(VALID_ON, { asOf: filter.asOf });
    if (filter.parentId) qb.andWhere('u.parentId = :parentId', { parentId: filter.parentId });
    if (filter.kind) qb.andWhere('u.kind = :kind', { kind: filter.kind });
    const q = filter.q?.trim();
    if (q) {
      qb.andWhere(`(u.searchName LIKE :like ESCAPE '\\' OR u.code = :code)`, {
        like: `%${escapeLike(searchKey(q))}%`,
        code: q,
      });
    }
    qb.orderBy(
      `CASE WHEN (u.validFrom IS NULL OR u.validFrom <= :today) AND (u.validTo IS NULL OR u.validTo >= :today) THEN 0 ELSE 1 END`,
    )
      .setParameter('today', filter.today)
      .addOrderBy('u.depth')
      .addOrderBy('u.searchName')
      .addOrderBy('u.id')
      .offset(filter.offset)
      .limit(filter.limit);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** Another unit with this code whose validity overlaps the given period. */
  findCodeClash(
    manager: EntityManager,
    code: string,
    period: Validity,
    exceptId?: string,
  ): Promise<Unit | null> {
    const qb = manager
      .createQueryBuilder(Unit, 'u')
      .where('u.code = :code', { code })
      .andWhere(`daterange(u.validFrom, u.validTo, '[]') && daterange(:from::date, :to::date, '[]')`, {
        from: period.validFrom,
        to: period.validTo,
      });
    if (exceptId) qb.andWhere('u.id <> :exceptId', { exceptId });
    return qb.getOne();
  }

  /** The earliest start and latest end among a unit's children (null = unbounded, if any child is). */
  async childrenSpan(manager: EntityManager, id: string): Promise<{ count: number } & Validity> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS count,
              CASE WHEN bool_or(valid_from IS NULL) THEN NULL ELSE to_char(min(valid_from), 'YYYY-MM-DD') END AS valid_from,
              CASE WHEN bool_or(valid_to IS NULL) THEN NULL ELSE to_char(max(valid_to), 'YYYY-MM-DD') END AS valid_to
         FROM units WHERE parent_id = $1`,
      [id],
    );
    return { count: row.count, validFrom: row.valid_from, validTo: row.valid_to };
  }

  async insert(
    manager: EntityManager,
    unit: Omit<Unit, 'createdAt' | 'updatedAt' | 'parent'>,
  ): Promise<void> {
    await manager.insert(Unit, unit);
  }

  async update(manager: EntityManager, id: string, patch: Partial<Unit>): Promise<void> {
    await manager.update(Unit, { id }, patch);
  }

  /** Rewrites the path prefix of a whole subtree after a move, in one statement. */
  async rewriteSubtreePaths(manager: EntityManager, oldPrefix: string, newPrefix: string): Promise<void> {
    const depthDelta = newPrefix.split('/').length - oldPrefix.split('/').length;
    await manager.query(
      `UPDATE units SET path = $2 || substr(path, length($1) + 1), depth = depth + $3, updated_at = now()
        WHERE path LIKE $4`,
      [oldPrefix, newPrefix, depthDelta, `${escapeLike(oldPrefix)}%`],
    );
  }

  async successions(id: string): Promise<{ predecessors: SuccessionRow[]; successors: SuccessionRow[] }> {
    const rows: { side: 'pred' | 'succ'; unit_id: string; effective_on: string; basis: string | null }[] =
      await this.dataSource.query(
        `SELECT 'pred' AS side, predecessor_id AS unit_id, effective_on, basis FROM unit_successors WHERE successor_id = $1
         UNION ALL
         SELECT 'succ', successor_id, effective_on, basis FROM unit_successors WHERE predecessor_id = $1`,
        [id],
      );
    const units = new Map((await this.findByIds(rows.map((r) => r.unit_id))).map((u) => [u.id, u]));
    const pick = (side: 'pred' | 'succ') =>
      rows
        .filter((r) => r.side === side)
        .map((r) => ({ unit: units.get(r.unit_id)!, effectiveOn: r.effective_on, basis: r.basis }))
        .sort((a, b) => a.unit.searchName.localeCompare(b.unit.searchName));
    return { predecessors: pick('pred'), successors: pick('succ') };
  }

  populations(unitId: string): Promise<UnitPopulation[]> {
    return this.dataSource.manager.find(UnitPopulation, { where: { unitId }, order: { year: 'ASC' } });
  }

  /** Inserts or replaces the figure for that year; returns whether it was new. */
  /** The population row of a unit and year, locked for replacement. */
  findPopulationForUpdate(
    manager: EntityManager,
    unitId: string,
    year: number,
  ): Promise<UnitPopulation | null> {
    return manager
      .createQueryBuilder(UnitPopulation, 'p')
      .setLock('pessimistic_write')
      .where('p.unitId = :unitId AND p.year = :year', { unitId, year })
      .getOne();
  }

  async upsertPopulation(
    manager: EntityManager,
    row: Pick<UnitPopulation, 'unitId' | 'year' | 'population' | 'source' | 'note'>,
  ) {
    const [result]: { inserted: boolean }[] = await manager.query(
      `INSERT INTO unit_populations (unit_id, year, population, source, note) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (unit_id, year) DO UPDATE
         SET population = EXCLUDED.population, source = EXCLUDED.source, note = EXCLUDED.note,
             provenance = NULL, updated_at = now()
       RETURNING (xmax = 0) AS inserted`,
      [row.unitId, row.year, row.population, row.source, row.note],
    );
    return { created: result.inserted };
  }

  stats(unitId: string): Promise<UnitTreeStats | null> {
    return this.dataSource.manager.findOneBy(UnitTreeStats, { unitId });
  }

  /** Recounts, for every unit valid today, the units valid today beneath it. */
  async refreshStats(today: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM unit_tree_stats');
      const rows: unknown[] = await manager.query(
        `INSERT INTO unit_tree_stats (unit_id, descendants, communes, branches, refreshed_at)
         SELECT a.id, coalesce(s.descendants, 0), coalesce(s.communes, 0), coalesce(s.branches, 0), now()
           FROM units a
           LEFT JOIN (
             -- each valid unit counts once for every ancestor named in its own path: O(units × depth)
             SELECT anc.id::uuid AS unit_id,
                    count(*) FILTER (WHERE anc.id::uuid <> d.id) AS descendants,
                    count(*) FILTER (WHERE anc.id::uuid <> d.id AND d.kind = 'commune') AS communes,
                    count(*) FILTER (WHERE anc.id::uuid <> d.id AND d.kind = 'branch') AS branches
               FROM units d
               CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from d.path), '/')) AS anc(id)
              WHERE (d.valid_from IS NULL OR d.valid_from <= $1) AND (d.valid_to IS NULL OR d.valid_to >= $1)
              GROUP BY anc.id
           ) s ON s.unit_id = a.id
          WHERE (a.valid_from IS NULL OR a.valid_from <= $1) AND (a.valid_to IS NULL OR a.valid_to >= $1)
         RETURNING unit_id`,
        [today],
      );
      return rows.length;
    });
  }
}
