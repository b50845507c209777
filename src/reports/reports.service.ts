import { Injectable } from '@nestjs/common';
import { type Basis, PerCapitaChild, PerCapitaLine, PerCapitaReport } from './per-capita.view.js';
import {
  type Population,
  type ReportUnit,
  ReportsRepository,
  type SubtreeMoney,
  type Target,
} from './reports.repository.js';

const NATIONAL_REFERENCE = { min: 32_000, max: 35_000 };

function definition(basis: Basis, year: number): string {
  const numerator =
    basis === 'raised'
      ? `số tiền vận động được trong năm ${year} (tiền mặt, chuyển khoản và hiện vật theo giá trị quy đổi; trừ các khoản đã hủy) vào các quỹ của đơn vị và mọi đơn vị trực thuộc`
      : `số dư các quỹ của đơn vị và mọi đơn vị trực thuộc tại ngày 31/12/${year}`;
  return (
    `Bình quân quỹ khuyến học trên đầu người = ${numerator}, không tính tiền điều chuyển giữa các đơn vị, ` +
    `chia cho dân số năm ${year} của đơn vị (năm gần nhất trước đó nếu chưa có); làm tròn xuống đến đồng. ` +
    `Địa giới theo cây đơn vị có hiệu lực trong năm ${year}.`
  );
}

/** Per-capita learning fund against the action programme's target, from the summary totals. */
@Injectable()
export class ReportsService {
  constructor(private readonly reports: ReportsRepository) {}

  async perCapita(unitId: string, year: number, basis: Basis): Promise<PerCapitaReport> {
    const unit = (await this.reports.unit(unitId))!;
    const children = await this.reports.children(unit.id, year);
    const all = [unit, ...children];
    const ids = all.map((u) => u.id);
    const [money, own, populations, earlier, targets] = await Promise.all([
      this.reports.subtreeMoney(all, year),
      this.reports.ownMoney(unit.id, year),
      this.reports.populations(ids, year),
      this.reports.populations(ids, year - 1),
      this.reports.targets(all, year),
    ]);
    const line = (u: ReportUnit): PerCapitaLine =>
      this.line(
        u,
        year,
        basis,
        money.get(u.id)!,
        populations.get(u.id),
        earlier.get(u.id),
        targets.get(u.id),
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
    population: Population | undefined,
    before: Population | undefined,
    target: Target | undefined,
  ): PerCapitaLine {
    const numerator = basis === 'raised' ? money.raised : money.balance;
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
      perCapita,
      target: target?.amount ?? null,
      targetYear: target?.year ?? null,
      targetSource: target?.source ?? null,
      percentOfTarget:
        perCapita !== null && target ? Math.floor((1000 * perCapita) / target.amount) / 10 : null,
      previousPerCapita,
      change: perCapita !== null && previousPerCapita !== null ? perCapita - previousPerCapita : null,
    };
  }
}
