import { axisMax, perCapitaBarChart, type UnitBar } from './charts.js';
import type { PerCapitaReport } from './per-capita.view.js';

/**
 * The bars of a report's children that have a figure, highest first, and the line they are
 * drawn against: the target they share (a province's communes held to the province's), else
 * the unit's own; each bar is coloured by its own unit's target.
 */
export function childBars(report: PerCapitaReport): { units: UnitBar[]; target: number | null } {
  const units = report.children
    .flatMap((c) =>
      c.perCapita === null ? [] : [{ name: c.name, perCapita: c.perCapita, target: c.target }],
    )
    .sort((a, b) => b.perCapita - a.perCapita);
  const targets = new Set(units.map((u) => u.target));
  return { units, target: targets.size === 1 ? [...targets][0] : report.target };
}

/**
 * The children's bar chart, as the dashboard and the PDF draw it: in parts of `part` bars (a page
 * each) on one scale, or whole. No part when no child has a figure.
 */
export function childrenCharts(report: PerCapitaReport, options: { part?: number; width?: number } = {}) {
  const { units, target } = childBars(report);
  const max = axisMax(
    units.map((u) => u.perCapita),
    target,
    report.nationalReference,
  );
  const part = options.part ?? units.length;
  const charts: string[] = [];
  for (let i = 0; i < units.length; i += part)
    charts.push(
      perCapitaBarChart({
        units: units.slice(i, i + part),
        target,
        nationalReference: report.nationalReference,
        max,
        width: options.width,
      }),
    );
  return { charts, target };
}
