import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { changes } from '../audit/audit.types.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { todayInVietnam } from '../common/dates.js';
import { searchKey } from '../common/text.js';
import { JobQueue } from '../queue/job-queue.js';
import { JobName } from '../queue/queue.constants.js';
import {
  AsOfQuery,
  CreateUnitDto,
  ListUnitsQuery,
  PopulationView,
  PutPopulationDto,
  UnitDetailView,
  UnitPage,
  UnitRefView,
  UnitView,
  UpdateUnitDto,
} from './dto/unit.dto.js';
import { UnitPopulation } from './entities/unit-population.entity.js';
import { Unit } from './entities/unit.entity.js';
import { receiptForm, type ReceiptForm } from './receipt-forms.js';
import { ALLOWED_PARENT_KINDS } from './unit-kinds.js';
import { isOrdered, Validity, withinValidity } from './unit-validity.js';
import { UnitError, UnitErrorCode } from './units.errors.js';
import { UnitsRepository } from './units.repository.js';

const toView = (u: Unit): UnitView => ({
  id: u.id,
  address: u.address,
  code: u.code,
  name: u.name,
  kind: u.kind,
  type: u.type,
  branchKind: u.branchKind,
  parentId: u.parentId,
  validFrom: u.validFrom,
  validTo: u.validTo,
  depth: u.depth,
  receiptForm: u.receiptForm,
});

const toRef = (u: Unit): UnitRefView => ({
  id: u.id,
  code: u.code,
  name: u.name,
  kind: u.kind,
  validFrom: u.validFrom,
  validTo: u.validTo,
});

const toPopulation = (p: UnitPopulation): PopulationView => ({
  unitId: p.unitId,
  year: p.year,
  population: p.population,
  source: p.source,
  note: p.note,
});

/** The ids on a path `/a/b/c/`, root first. */
const idsOnPath = (path: string) => path.split('/').filter(Boolean);

@Injectable()
export class UnitsService {
  private readonly logger = new Logger('Units');

  constructor(
    private readonly units: UnitsRepository,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /** Units in the caller's subtrees only: the filter is part of the query, so totals agree. */
  async list(actor: Actor, query: ListUnitsQuery): Promise<UnitPage> {
    const today = todayInVietnam();
    // A search without a date looks in every period, so a former unit (e.g. the old
    // province of Thái Bình) is still found; units valid today are listed first.
    const asOf = query.asOf === 'all' ? undefined : (query.asOf ?? (query.q ? undefined : today));
    const { items, total } = await this.units.list({
      scope: actor.scope(Action.UnitsRead),
      parentId: query.parentId,
      kind: query.kind,
      q: query.q,
      asOf,
      today,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: items.map(toView), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * A unit with its ancestors (part of its name: "Xã X, Tỉnh Y"), and its predecessors and
   * successors inside the caller's units only.
   */
  async get(actor: Actor, id: string): Promise<UnitDetailView> {
    const unit = await this.mustFind(id);
    const ancestorIds = idsOnPath(unit.path).slice(0, -1);
    const [ancestors, succession, populations, stats] = await Promise.all([
      this.units.findByIds(ancestorIds),
      this.units.successions(id),
      this.units.populations(id),
      this.units.stats(id),
    ]);
    const byId = new Map(ancestors.map((a) => [a.id, a]));
    const setAt = [unit, ...ancestorIds.map((a) => byId.get(a)!).reverse()].find((u) => u.receiptForm);
    return {
      ...toView(unit),
      ancestors: ancestorIds.map((a) => toRef(byId.get(a)!)),
      predecessors: succession.predecessors
        .filter((s) => actor.sees(s.unit.path))
        .map((s) => ({ ...s, unit: toRef(s.unit) })),
      successors: succession.successors
        .filter((s) => actor.sees(s.unit.path))
        .map((s) => ({ ...s, unit: toRef(s.unit) })),
      populations: populations.map(toPopulation),
      stats: stats && {
        descendants: stats.descendants,
        communes: stats.communes,
        branches: stats.branches,
        refreshedAt: stats.refreshedAt,
      },
      receiptFormInEffect: { ...receiptForm(setAt?.receiptForm ?? null), setAt: setAt?.id ?? null },
    };
  }

  async children(actor: Actor, id: string, query: AsOfQuery): Promise<UnitPage> {
    await this.mustFind(id);
    return this.list(actor, { parentId: id, asOf: query.asOf ?? todayInVietnam(), page: 1, pageSize: 500 });
  }

  async create(actor: Actor, dto: CreateUnitDto): Promise<UnitView> {
    const period: Validity = { validFrom: dto.validFrom ?? null, validTo: dto.validTo ?? null };
    if (!isOrdered(period)) throw new UnitError(UnitErrorCode.ValidityInvalid, [field('validTo')]);
    checkBranchKind(dto.kind, dto.branchKind);

    const unit = await this.units.transaction(async (manager) => {
      await this.units.lockTree(manager);
      const parent = await this.units.findById(dto.parentId, manager);
      // Checked again under the tree lock: a concurrent move may have taken it out of the caller's units.
      if (!parent || !actor.allows(Action.UnitsManage, parent.path)) {
        throw new UnitError(UnitErrorCode.ParentNotFound, [field('parentId')]);
      }
      if (!ALLOWED_PARENT_KINDS[dto.kind].includes(parent.kind)) {
        throw new UnitError(UnitErrorCode.ParentKindInvalid, [field('parentId')]);
      }
      if (!withinValidity(period, parent)) {
        throw new UnitError(UnitErrorCode.ValidityOutsideParent, [field('validFrom'), field('validTo')]);
      }
      await this.assertCodeFree(manager, dto.code, period);
      const id = randomUUID();
      const created = {
        id,
        code: dto.code,
        name: dto.name,
        searchName: searchKey(dto.name),
        address: dto.address ?? null,
        kind: dto.kind,
        type: dto.type,
        branchKind: dto.branchKind ?? null,
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        receiptForm: null,
        ...period,
      };
      await this.units.insert(manager, created);
      await this.audit.record(manager, actor, {
        action: 'unit.create',
        entityType: 'unit',
        entityId: id,
        unitId: id,
        after: toView(created as Unit) as unknown as Record<string, unknown>,
      });
      return created;
    });
    await this.refreshStatsLater();
    return toView(unit as Unit);
  }

  async update(actor: Actor, id: string, dto: UpdateUnitDto): Promise<UnitView> {
    await this.units.transaction(async (manager) => {
      await this.units.lockTree(manager);
      const unit = await this.units.findById(id, manager);
      if (!unit || !actor.allows(Action.UnitsManage, unit.path)) {
        throw new UnitError(UnitErrorCode.NotFound, [field('id')]);
      }
      const period: Validity = {
        validFrom: dto.validFrom !== undefined ? dto.validFrom : unit.validFrom,
        validTo: dto.validTo !== undefined ? dto.validTo : unit.validTo,
      };
      if (!isOrdered(period)) throw new UnitError(UnitErrorCode.ValidityInvalid, [field('validTo')]);
      if (dto.branchKind !== undefined) checkBranchKind(unit.kind, dto.branchKind);

      const moving = dto.parentId !== undefined && dto.parentId !== unit.parentId;
      if (unit.kind === 'national' && (moving || dto.validFrom !== undefined || dto.validTo !== undefined)) {
        throw new UnitError(UnitErrorCode.RootImmutable);
      }
      const parentId = dto.parentId ?? unit.parentId;
      const parent = parentId ? await this.units.findById(parentId, manager) : null;
      if (parentId && (!parent || (moving && !actor.allows(Action.UnitsManage, parent.path)))) {
        throw new UnitError(UnitErrorCode.ParentNotFound, [field('parentId')]);
      }
      if (moving && parent) {
        if (parent.path.startsWith(unit.path)) throw new UnitError(UnitErrorCode.Cycle, [field('parentId')]);
        if (!ALLOWED_PARENT_KINDS[unit.kind].includes(parent.kind)) {
          throw new UnitError(UnitErrorCode.ParentKindInvalid, [field('parentId')]);
        }
      }
      if (parent && !withinValidity(period, parent)) {
        throw new UnitError(UnitErrorCode.ValidityOutsideParent, [field('validFrom'), field('validTo')]);
      }
      const span = await this.units.childrenSpan(manager, id);
      if (span.count > 0 && !withinValidity(span, period)) {
        throw new UnitError(UnitErrorCode.ValidityExcludesChildren, [field('validFrom'), field('validTo')]);
      }
      const code = dto.code ?? unit.code;
      if (code !== unit.code || dto.validFrom !== undefined || dto.validTo !== undefined) {
        await this.assertCodeFree(manager, code, period, id);
      }

      const patch = {
        code,
        name: dto.name ?? unit.name,
        searchName: searchKey(dto.name ?? unit.name),
        address: dto.address !== undefined ? dto.address : unit.address,
        type: dto.type ?? unit.type,
        branchKind: dto.branchKind ?? unit.branchKind,
        receiptForm: dto.receiptForm !== undefined ? dto.receiptForm : unit.receiptForm,
        parentId: parent?.id ?? null,
        ...period,
      };
      const { searchName: _derived, ...visible } = patch;
      const diff = changes(unit, visible);
      if (!diff) return;
      await this.units.update(manager, id, patch);
      await this.audit.record(manager, actor, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: id,
        ...diff,
      });
      if (moving && parent) {
        await this.units.rewriteSubtreePaths(manager, unit.path, `${parent.path}${unit.id}/`);
      }
    });
    await this.refreshStatsLater();
    return toView(await this.mustFind(id));
  }

  /** What a receipt prints of a unit. */
  async unitRef(
    id: string,
    manager?: EntityManager,
  ): Promise<{ id: string; code: string; name: string; address: string | null; parentId: string | null }> {
    const unit = await this.units.findById(id, manager);
    if (!unit) throw new UnitError(UnitErrorCode.NotFound, [field('id')]);
    return { id: unit.id, code: unit.code, name: unit.name, address: unit.address, parentId: unit.parentId };
  }

  /**
   * The receipt form a unit issues on: its own setting, else its nearest ancestor's, else the
   * default. One query by primary key over the ids on the unit's path.
   */
  async receiptFormOf(unitId: string, manager?: EntityManager): Promise<ReceiptForm> {
    return receiptForm(await this.units.nearestReceiptForm(unitId, manager));
  }

  /** What a certificate or a list prints of a unit: unitRef(), and the name of the unit above it. */
  async unitWithParent(id: string, manager?: EntityManager) {
    const unit = await this.unitRef(id, manager);
    const parent = unit.parentId ? await this.units.findById(unit.parentId, manager) : null;
    return { ...unit, parentName: parent?.name ?? null };
  }

  async populations(id: string): Promise<PopulationView[]> {
    await this.mustFind(id);
    return (await this.units.populations(id)).map(toPopulation);
  }

  async putPopulation(actor: Actor, id: string, year: number, dto: PutPopulationDto) {
    await this.mustFind(id);
    const row = { unitId: id, year, population: dto.population, source: dto.source, note: dto.note ?? null };
    const created = await this.units.transaction(async (manager) => {
      const before = await this.units.findPopulationForUpdate(manager, id, year);
      const diff = before
        ? changes(toPopulation(before), row)
        : { before: null, after: { ...row } as Record<string, unknown> };
      await this.units.upsertPopulation(manager, row);
      if (diff) {
        await this.audit.record(manager, actor, {
          action: before ? 'unit.population_replace' : 'unit.population_set',
          entityType: 'unit_population',
          entityId: `${id}:${year}`,
          unitId: id,
          ...diff,
        });
      }
      return !before;
    });
    return { created, view: row };
  }

  /** Recount the tree in the background; a deterministic id collapses a burst of edits into one job. */
  async refreshStatsLater(): Promise<void> {
    try {
      await this.jobs.enqueue(JobName.RefreshUnitStats, {}, { jobId: JobName.RefreshUnitStats });
    } catch (error) {
      // Derived counts only: the next change or start-up will refresh them.
      this.logger.warn(`could not enqueue the unit statistics refresh: ${String(error)}`);
    }
  }

  private async mustFind(id: string): Promise<Unit> {
    const unit = await this.units.findById(id);
    if (!unit) throw new UnitError(UnitErrorCode.NotFound, [field('id')]);
    return unit;
  }

  private async assertCodeFree(manager: EntityManager, code: string, period: Validity, exceptId?: string) {
    const clash = await this.units.findCodeClash(manager, code, period, exceptId);
    if (clash) {
      throw new UnitError(UnitErrorCode.CodeTaken, [
        // The other unit may lie outside the caller's units: its name is not told.
        { field: 'code', message: `mã ${code} đang được dùng cho một đơn vị khác trong cùng thời gian` },
      ]);
    }
  }
}

function field(name: string) {
  return { field: name, message: name === 'id' || name === 'parentId' ? 'không tìm thấy' : 'không hợp lệ' };
}

function checkBranchKind(kind: string, branchKind: string | undefined | null) {
  if (kind === 'branch' && !branchKind)
    throw new UnitError(UnitErrorCode.BranchKindRequired, [field('branchKind')]);
  if (kind !== 'branch' && branchKind)
    throw new UnitError(UnitErrorCode.BranchKindNotAllowed, [field('branchKind')]);
}
