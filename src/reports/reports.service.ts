import { Injectable } from '@nestjs/common';
import { type Basis, PerCapitaChild, PerCapitaLine, PerCapitaReport } from './per-capita.view.js';
import {
  type Population,
  type ReportUnit,
  ReportsRepository,
  type SubtreeInKind,
  type SubtreeMoney,
} from './reports.repository.js';
import { type AppliedTarget, applicableTarget } from './target-source.js';

/** One year of a unit's history: the per-capita figure and the money behind it. */
export interface YearFigure {
  year: number;
  /** Raised in the year (gifts, voids left out). */
  raised: number;
  /** Paid out to award recipients in the year, returned payments deducted. */
  paidOut: number;
  /** Fund balances at the year's end. */
  balance: number;
  /** Raised or balance, as the basis says. */
  numerator: number;
  population: number | null;
  /** The population is an earlier year's figure. */
  populationEstimated: boolean;
  perCapita: number | null;
}

const NATIONAL_REFERENCE = { min: 32_000, max: 35_000 };

function definition(basis: Basis, year: number): string {
  const numerator =
    basis === 'raised'
      ? `số tiền vận động được trong năm ${year} (tiền mặt, chuyển khoản và hiện vật theo giá trị quy đổi; trừ các khoản đã hủy) vào các quỹ của đơn vị và mọi đơn vị trực thuộc`
      : `số dư các quỹ của đơn vị và mọi đơn vị trực thuộc tại ngày 31/12/${year} (tiền và giá trị hiện vật còn giữ, chưa xuất trao)`;
  return (
    `Bình quân quỹ khuyến học trên đầu người = ${numerator}, không tính tiền điều chuyển giữa các đơn vị, ` +
    `chia cho dân số năm ${year} của đơn vị (năm gần nhất trước đó nếu chưa có); làm tròn xuống đến đồng. ` +
    `Hiện vật được tính theo giá trị quy đổi ghi trên phiếu thu; phần tiền và phần hiện vật được nêu riêng. ` +
    `Địa giới theo cây đơn vị có hiệu lực trong năm ${year}.`
  );
}

/** Per cent of a target, one decimal, rounded down (the report and the dashboard alike). */
export const percentOf = (value: number, target: number) => Math.floor((1000 * value) / target) / 10;

/** Per-capita learning fund against the action programme's target, from the summary totals. */
@Injectable()
export class ReportsService {
  constructor(private readonly reports: ReportsRepository) {}

  /** `lineage`: the unit's, root first, when the caller has read it already (see lineage()). */
  async perCapita(
    unitId: string,
    year: number,
    basis: Basis,
    lineage?: ReportUnit[],
  ): Promise<PerCapitaReport> {
    lineage ??= await this.lineage(unitId);
    const unit = lineage.at(-1)!;
    const children = await this.reports.children(unit.id, year);
    const all = [unit, ...children];
    const ids = all.map((u) => u.id);
    const [money, inKind, own, populations, earlier, targets] = await Promise.all([
      this.reports.subtreeMoney(all, year),
      this.reports.subtreeInKind(all, year),
      this.reports.ownMoney(unit.id, year),
      this.reports.populations(ids, year),
      this.reports.populations(ids, year - 1),
      this.reports.targets([...lineage, ...children], year),
    ]);
    // Nearest first: the unit, then its ancestors; a child looks at itself before them.
    const above = [...lineage].reverse();
    const line = (u: ReportUnit): PerCapitaLine =>
      this.line(
        u,
        year,
        basis,
        money.get(u.id)!,
        inKind.get(u.id)!,
        populations.get(u.id),
        earlier.get(u.id),
        applicableTarget(u === unit ? above : [u, ...above], targets, year),
      );
    const lines = children.map((c) =>
      Object.assign(new PerCapitaChild(), line(c), { rank: null as number | null }),
    );
    // Rank among siblings by per-capita, highest first; equal figures share a rank.
    const ranked = lines.filter((l) => l.perCapita !== null).sort((a, b) => b.perCapita! - a.perCapita!);
    ranked.forEach(
      (l, i) => (l.rank = i > 0 && ranked[i - 1].perCapita === l.perCapita ? ranked[i - 1].rank : i + 1),
    );
    const pick = (m: SubtreeMoney) => (basis === 'raised' ? m.raised : m.balance);
    const total = pick(money.get(unit.id)!);
    const ownFunds = pick(own);
    const childrenTotal = lines.reduce((sum, l) => sum + l.numerator, 0);
    return Object.assign(new PerCapitaReport(), line(unit), {
      year,
      basis,
      definition: definition(basis, year),
      nationalReference: NATIONAL_REFERENCE,
      children: lines,
      ownFunds,
      otherUnits: total - childrenTotal - ownFunds,
      missingPopulation: children
        .filter((c) => !populations.has(c.id))
        .map((c) => ({ unitId: c.id, code: c.code, name: c.name })),
    });
  }

  private line(
    unit: ReportUnit,
    year: number,
    basis: Basis,
    money: SubtreeMoney,
    inKind: SubtreeInKind,
    population: Population | undefined,
    before: Population | undefined,
    target: AppliedTarget | null,
  ): PerCapitaLine {
    const numerator = basis === 'raised' ? money.raised : money.balance;
    const numeratorInKind = basis === 'raised' ? inKind.raised : inKind.balance;
    const previous = basis === 'raised' ? money.raisedBefore : money.balanceBefore;
    const perCapita = population ? Math.floor(numerator / population.population) : null;
    const previousPerCapita = before ? Math.floor(previous / before.population) : null;
    return {
      unitId: unit.id,
      code: unit.code,
      name: unit.name,
      population: population?.population ?? null,
      populationYear: population?.year ?? null,
      populationSource: population?.source ?? null,
      populationEstimated: population !== undefined && population.year !== year,
      numerator,
      numeratorCash: numerator - numeratorInKind,
      numeratorInKind,
      perCapita,
      target: target?.amount ?? null,
      targetYear: target?.source.year ?? null,
      targetSource: target?.source ?? null,
      percentOfTarget: perCapita !== null && target ? percentOf(perCapita, target.amount) : null,
      previousPerCapita,
      change: perCapita !== null && previousPerCapita !== null ? perCapita - previousPerCapita : null,
    };
  }

  /** Units by id (names for links). */
  units(ids: string[]): Promise<ReportUnit[]> {
    return this.reports.unitsByIds(ids);
  }

  /** The unit and its ancestors, root first. */
  async lineage(unitId: string): Promise<ReportUnit[]> {
    const unit = (await this.reports.unit(unitId))!;
    const ids = unit.path.split('/').filter(Boolean);
    const units = new Map((await this.reports.unitsByIds(ids)).map((u) => [u.id, u]));
    return ids.flatMap((id) => units.get(id) ?? []);
  }

  /**
   * The unit's figures for `years` years up to `year`, computed as perCapita() computes the
   * unit's own line (the same subtree, population and rounding), with money paid out beside.
   */
  async history(unitId: string, year: number, basis: Basis, years: number): Promise<YearFigure[]> {
    const unit = (await this.reports.unit(unitId))!;
    const from = year - years + 1;
    const [money, paid, populations] = await Promise.all([
      this.reports.subtreeYears(unit.id, year),
      this.reports.subtreePaidOut(unit.path, from, year),
      this.reports.populationHistory(unit.id, year),
    ]);
    const figures: YearFigure[] = [];
    let balance = money.filter((m) => m.year < from).reduce((sum, m) => sum + m.flow, 0);
    for (let y = from; y <= year; y++) {
      const m = money.find((r) => r.year === y);
      balance += m?.flow ?? 0;
      const raised = m?.raised ?? 0;
      const numerator = basis === 'raised' ? raised : balance;
      const population = populations.filter((p) => p.year <= y).at(-1);
      figures.push({
        year: y,
        raised,
        paidOut: paid.get(y) ?? 0,
        balance,
        numerator,
        population: population?.population ?? null,
        populationEstimated: population !== undefined && population.year !== y,
        perCapita: population ? Math.floor(numerator / population.population) : null,
      });
    }
    return figures;
  }
}
