import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '../common/dates.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { perCapitaBarChart, perCapitaTrendChart, raisedVersusPaidChart } from '../reports/charts.js';
import type { Basis, PerCapitaChild, PerCapitaReport } from '../reports/per-capita.view.js';
import { type InheritedTarget, ReportsService, type YearFigure } from '../reports/reports.service.js';
import type { DashboardQuery } from './dashboard.query.js';

/** Years of history on the trend and money charts. */
const HISTORY_YEARS = 5;

export interface UnitLink {
  id: string;
  name: string;
}

/** Everything the page shows, already computed: the page itself only lays it out. */
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
  /** The line the charts and the percentages are drawn against (the unit's, or an ancestor's). */
  target: InheritedTarget | null;
  history: YearFigure[];
  top: PerCapitaChild[];
  bottom: PerCapitaChild[];
  charts: { children: string | null; trend: string; money: string };
}

/** The dashboard's figures for a unit the guard has let the user see, read through the reports. */
@Injectable()
export class DashboardService {
  constructor(private readonly reports: ReportsService) {}

  async view(actor: Actor, query: DashboardQuery): Promise<DashboardView> {
    const thisYear = Number(todayInVietnam().slice(0, 4));
    const year = query.year ?? thisYear;
    const basis = query.basis ?? 'raised';
    // The user's subtrees, highest first: the default unit is the top of the first.
    const scopes = actor.scope(Action.ReportsRead).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
    const unitId = query.unitId ?? lastId(scopes[0]);

    const lineage = await this.reports.lineage(unitId);
    const [report, target, history, homes] = await Promise.all([
      this.reports.perCapita(unitId, year, basis),
      this.reports.inheritedTarget(lineage, year),
      this.reports.history(unitId, year, basis, HISTORY_YEARS),
      scopes.length > 1 ? this.reports.units(scopes.map(lastId)) : Promise.resolve([]),
    ]);
    const ranked = report.children
      .filter((c) => c.rank !== null)
      .sort((a, b) => a.rank! - b.rank! || a.name.localeCompare(b.name, 'vi'));
    const topCount = Math.min(3, Math.ceil(ranked.length / 2));
    const top = ranked.slice(0, topCount);
    const bottom = ranked.slice(topCount).slice(-3).reverse();
    const nationalReference = report.nationalReference;
    const withFigure = report.children.filter((c) => c.perCapita !== null);

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
      target,
      history,
      top,
      bottom,
      charts: {
        children: withFigure.length
          ? perCapitaBarChart({
              units: withFigure.map((c) => ({ name: c.name, perCapita: c.perCapita! })),
              target: target?.amount ?? null,
              nationalReference,
            })
          : null,
        trend: perCapitaTrendChart({
          years: history.map((h) => ({ year: h.year, perCapita: h.perCapita })),
          target: target?.amount ?? null,
          nationalReference,
        }),
        money: raisedVersusPaidChart({ years: history }),
      },
    };
  }
}

/** `/<root>/…/<id>/` → how deep, and whose. */
const depth = (path: string) => path.split('/').filter(Boolean).length;
const lastId = (path: string) => path.split('/').filter(Boolean).at(-1)!;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
