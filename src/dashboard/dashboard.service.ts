import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '../common/dates.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { perCapitaTrendChart, raisedVersusPaidChart } from '../reports/charts.js';
import type { ReportFile } from '../reports/fund-summary.service.js';
import { PerCapitaExportService } from '../reports/per-capita-export.service.js';
import { childrenCharts } from '../reports/per-capita-chart.js';
import type { Basis, PerCapitaChild, PerCapitaReport } from '../reports/per-capita.view.js';
import { ReportsService, type YearFigure } from '../reports/reports.service.js';
import { targetNotes } from '../reports/target-source.js';
import type { DashboardQuery, DownloadFormat } from './dashboard.query.js';

/** Years of history on the trend and money charts. */
const HISTORY_YEARS = 5;

export interface UnitLink {
  id: string;
  name: string;
}

/**
 * Everything the page shows, already computed: the page itself only lays it out. A part with
 * nothing to show is null (a commune has no children to chart; a year without money has no bars).
 */
export interface DashboardView {
  userName: string;
  year: number;
  basis: Basis;
  yearChoices: number[];
  /** From the highest unit the user sees down to the unit shown. */
  breadcrumbs: UnitLink[];
  /** The user's own top units, when they hold roles in more than one subtree. */
  homes: UnitLink[];
  report: PerCapitaReport;
  /** Nothing raised in the year (or held at its end) anywhere in the unit's subtree. */
  empty: boolean;
  /** Each target in force among the unit and its children, with its citation. */
  targetNotes: string[];
  history: YearFigure[];
  /** The children highest and lowest, when two or more have a figure and not all are nought. */
  ranks: { top: PerCapitaChild[]; bottom: PerCapitaChild[]; of: number } | null;
  /** The children's chart and the target line drawn on it. */
  children: { svg: string; target: number | null } | null;
  trend: string | null;
  /** Money raised, paid out and held, year by year; the chart when some was raised or paid. */
  money: { chart: string | null } | null;
}

/** The dashboard's figures for a unit the guard has let the user see, read through the reports. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: PerCapitaExportService,
  ) {}

  async view(actor: Actor, query: DashboardQuery): Promise<DashboardView> {
    const { year, basis, scopes, unitId, thisYear } = this.resolve(actor, query);
    const lineage = await this.reports.lineage(unitId);
    const [report, history, homes] = await Promise.all([
      this.reports.perCapita(unitId, year, basis, lineage),
      this.reports.history(unitId, year, basis, HISTORY_YEARS),
      scopes.length > 1 ? this.reports.units(scopes.map(lastId)) : Promise.resolve([]),
    ]);
    const ranked = report.children
      .filter((c) => c.rank !== null)
      .sort((a, b) => a.rank! - b.rank! || a.name.localeCompare(b.name, 'vi'));
    const topCount = Math.min(3, Math.ceil(ranked.length / 2));
    const anyAbove = (values: (number | null)[]) => values.some((v) => v !== null && v > 0);
    const chart = childrenCharts(report);

    return {
      userName: actor.displayName,
      year,
      basis,
      yearChoices: [...new Set([year, ...range(thisYear - 5, thisYear)])].sort((a, b) => b - a),
      breadcrumbs: lineage.filter((u) => actor.sees(u.path)).map((u) => ({ id: u.id, name: u.name })),
      homes: scopes.flatMap((path) => {
        const home = homes.find((u) => u.id === lastId(path));
        return home ? [{ id: home.id, name: home.name }] : [];
      }),
      report,
      empty: report.numerator === 0,
      targetNotes: targetNotes([report, ...report.children]),
      history,
      ranks:
        ranked.length >= 2 && anyAbove(ranked.map((c) => c.perCapita))
          ? {
              top: ranked.slice(0, topCount),
              bottom: ranked.slice(topCount).slice(-3).reverse(),
              of: ranked.length,
            }
          : null,
      children:
        chart.charts.length && anyAbove(report.children.map((c) => c.perCapita))
          ? { svg: chart.charts[0], target: chart.target }
          : null,
      trend: anyAbove(history.map((h) => h.perCapita))
        ? perCapitaTrendChart({
            years: history.map((h) => ({ year: h.year, perCapita: h.perCapita })),
            target: report.target,
            nationalReference: report.nationalReference,
          })
        : null,
      money: history.some((h) => h.raised || h.paidOut || h.balance)
        ? {
            chart: history.some((h) => h.raised || h.paidOut)
              ? raisedVersusPaidChart({ years: history })
              : null,
          }
        : null,
    };
  }

  /** The per-capita report of the unit the page shows, as a file: the API's report and export. */
  async file(actor: Actor, query: DashboardQuery, format: DownloadFormat): Promise<ReportFile> {
    const { year, basis, unitId } = this.resolve(actor, query);
    return this.exports.file(await this.reports.perCapita(unitId, year, basis), format);
  }

  /** The query's unit, year and basis, or their defaults: the user's highest unit, this year, raised. */
  private resolve(actor: Actor, query: DashboardQuery) {
    const thisYear = Number(todayInVietnam().slice(0, 4));
    // The user's subtrees, highest first: the default unit is the top of the first.
    const scopes = actor.scope(Action.ReportsRead).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
    return {
      thisYear,
      year: query.year ?? thisYear,
      basis: query.basis ?? ('raised' as const),
      scopes,
      unitId: query.unitId ?? lastId(scopes[0]),
    };
  }
}

/** `/<root>/…/<id>/` → how deep, and whose. */
const depth = (path: string) => path.split('/').filter(Boolean).length;
const lastId = (path: string) => path.split('/').filter(Boolean).at(-1)!;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
