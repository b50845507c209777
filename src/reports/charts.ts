import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * The reports' charts as SVG strings, drawn on the server by ECharts' SSR renderer: pure
 * functions of their data (no database, no request), so a page and, later, a PDF can embed the
 * same drawing. Each SVG has a viewBox: it scales to the width of whatever holds it. Text drawn
 * by ECharts is escaped by it.
 */

echarts.use([BarChart, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, SVGRenderer]);

/**
 * Drawn at the width a phone gives a chart (390 px less the page's margins), so its text is shown
 * at its own size there (12–13 px) and a little larger where the page lets the chart grow.
 */
export const CHART_WIDTH = 320;
const FONT = 13;
/** Axis labels and figures on bars: never smaller. */
const SMALL = 12;
const TEXT = '#1f2933';
const MUTED = '#52606d';

export const CHART_COLORS = {
  /** At or above the target. */
  reached: '#2f7d4f',
  /** Below the target but at or above the national reference. */
  nearing: '#c98a0b',
  /** Below the national reference. */
  below: '#c4452f',
  target: '#7b1fa2',
  reference: '#9aa5b1',
  raised: '#2f6fb0',
  paidOut: '#e07b39',
} as const;

export interface NationalReference {
  min: number;
  max: number;
}

/** 45000 → "45.000". */
const figure = (n: number) => n.toLocaleString('vi-VN');

/** Axis labels for large sums: "1,5 tỷ", "250 tr", "80.000". */
export function shortMoney(n: number): string {
  const abs = Math.abs(n);
  const fmt = (v: number) => v.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  if (abs >= 1e9) return `${fmt(n / 1e9)} tỷ`;
  if (abs >= 1e6) return `${fmt(n / 1e6)} tr`;
  return figure(n);
}

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: FONT, color: TEXT },
      ...option,
    });
    return chart.renderToSVGString({ useViewBox: true });
  } finally {
    chart.dispose();
  }
}

const colorOf = (value: number, target: number | null, reference: NationalReference) =>
  target !== null && value >= target
    ? CHART_COLORS.reached
    : value >= reference.max
      ? CHART_COLORS.nearing
      : CHART_COLORS.below;

/** The target as a line and the national reference as a band, along the value axis. */
function guides(
  axis: 'xAxis' | 'yAxis',
  target: number | null,
  reference: NationalReference,
  bandLabel: boolean,
) {
  const vertical = axis === 'xAxis';
  return {
    markLine: target
      ? {
          silent: true,
          symbol: 'none',
          lineStyle: { color: CHART_COLORS.target, width: 2, type: 'dashed' },
          label: {
            formatter: `Chỉ tiêu ${figure(target)}`,
            position: vertical ? 'end' : 'insideEndTop',
            color: CHART_COLORS.target,
            fontSize: SMALL,
            fontWeight: 'bold',
          },
          data: [{ [axis]: target }],
        }
      : undefined,
    markArea: {
      silent: true,
      itemStyle: { color: 'rgba(154,165,177,0.25)' },
      label: {
        show: bandLabel,
        formatter: `Cả nước ${figure(reference.min)}–${figure(reference.max)}`,
        position: 'insideTopLeft',
        color: MUTED,
        fontSize: SMALL,
      },
      data: [[{ [axis]: reference.min }, { [axis]: reference.max }]],
    },
  };
}

/** A value axis that always reaches past the target and the reference, with room for labels. */
export const axisMax = (values: number[], target: number | null, reference: NationalReference) => {
  const top = Math.max(...values, target ?? 0, reference.max) * 1.15;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(top)) - 1);
  return Math.ceil(top / step) * step;
};

export interface UnitBar {
  name: string;
  perCapita: number;
  /** The target this unit is held to, when not the chart's (a bar's colour says whether it reached it). */
  target?: number | null;
}

/** A line of 12 px text, and the room a bar needs beside one line of its name or more. */
const LINE = 14;
const ROW = (lines: number) => Math.max(24, 10 + LINE * lines);

/**
 * About how wide text is in a sans-serif face (ECharts' own estimate, without a canvas, counts
 * every accented letter a full em and would wrap most Vietnamese names): diacritics take no room,
 * capitals and wide letters more, spaces and thin letters less.
 */
export function textWidth(text: string, size: number): number {
  let em = 0;
  // Generous: a wide face (DejaVu Sans, Chromium's fallback on Linux) must fit as well as a phone's.
  for (const c of text.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    em +=
      c === ' '
        ? 0.32
        : /[iljtfr.,:;'|!()]/.test(c)
          ? 0.36
          : /[mwMW]/.test(c)
            ? 0.92
            : /[A-ZĐ]/.test(c)
              ? 0.74
              : 0.63;
  return em * size;
}

/** A unit's name in lines no wider than `max` (split between words, never cut). */
function nameLines(name: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of name.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, SMALL) <= max)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * Per-capita of each unit as horizontal bars, highest first: the name to the left of the plot
 * (a long one on two lines, never cut; "Thành phố" shortened to "TP" first), the figure at the end
 * of the bar, the target line and the national band behind (too narrow to label here: the page's
 * legend names it). The height follows the number of units: a row each.
 */
export function perCapitaBarChart(input: {
  units: UnitBar[];
  target: number | null;
  nationalReference: NationalReference;
  /** One scale for charts printed in parts (a PDF page at a time). */
  max?: number;
  /** Drawing width; the page's by default. */
  width?: number;
}): string {
  const { target, nationalReference: reference } = input;
  const width = input.width ?? CHART_WIDTH;
  const room = Math.round(width * 0.46);
  const label = (name: string) =>
    nameLines(textWidth(name, SMALL) > room ? name.replace(/^Thành phố /, 'TP ') : name, room);
  // Bottom to top on a category axis: the highest last, so it is drawn at the top.
  const units = [...input.units]
    .sort((a, b) => a.perCapita - b.perCapita)
    .map((u) => ({ ...u, lines: label(u.name) }));
  const nameWidth = Math.max(...units.flatMap((u) => u.lines.map((l) => textWidth(l, SMALL))), 0);
  const row = ROW(Math.max(...units.map((u) => u.lines.length), 1));
  return render(
    {
      grid: {
        left: Math.ceil(nameWidth) + 12,
        right: 56,
        top: target ? 24 : 8,
        bottom: 4,
        outerBoundsMode: 'none',
      },
      // Each bar carries its figure and the target line its label: no scale to read across.
      xAxis: {
        type: 'value',
        max:
          input.max ??
          axisMax(
            units.map((u) => u.perCapita),
            target,
            reference,
          ),
        axisLabel: { show: false },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'category',
        data: units.map((u) => u.lines.join('\n')),
        // Every name, however close the rows (ECharts would otherwise skip some).
        axisLabel: { color: TEXT, fontSize: SMALL, lineHeight: LINE, interval: 0, margin: 8 },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#9aa5b1' } },
      },
      series: [
        {
          type: 'bar',
          barWidth: 14,
          data: units.map((u) => ({
            value: u.perCapita,
            itemStyle: { color: colorOf(u.perCapita, u.target === undefined ? target : u.target, reference) },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number }) => figure(p.value),
            color: TEXT,
            fontSize: SMALL,
            // Readable where it crosses the target line.
            backgroundColor: 'rgba(255,255,255,0.85)',
          },
          ...guides('xAxis', target, reference, false),
        },
      ],
    },
    width,
    (target ? 30 : 12) + row * Math.max(units.length, 1),
  );
}

export interface TrendPoint {
  year: number;
  perCapita: number | null;
}

/** The unit's per-capita year by year, against the target line and the national band. */
export function perCapitaTrendChart(input: {
  years: TrendPoint[];
  target: number | null;
  nationalReference: NationalReference;
}): string {
  const { target, nationalReference: reference } = input;
  const values = input.years.flatMap((y) => (y.perCapita === null ? [] : [y.perCapita]));
  return render(
    {
      ...byYear(
        input.years.map((y) => y.year),
        30,
      ),
      yAxis: moneyAxis(axisMax(values, target, reference)),
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data: input.years.map((y) =>
            y.perCapita === null
              ? '-'
              : { value: y.perCapita, itemStyle: { color: colorOf(y.perCapita, target, reference) } },
          ),
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: number }) => figure(p.value),
            color: TEXT,
            fontSize: SMALL,
          },
          ...guides('yAxis', target, reference, true),
        },
      ],
    },
    CHART_WIDTH,
    240,
  );
}

/** The grid and the category axis of a chart by year; `top` leaves room for a legend. */
function byYear(years: number[], top: number) {
  return {
    grid: { left: 8, right: 16, top, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      data: years.map(String),
      axisLabel: { color: TEXT, fontSize: SMALL },
      axisTick: { show: false },
    },
  } as const;
}

/** A value axis in đồng, labelled short ("80 nghìn"), up to `max` when given. */
function moneyAxis(max?: number) {
  return {
    type: 'value',
    ...(max === undefined ? {} : { max }),
    // Whole đồng: never "0,2" ticks between 0 and 1.
    minInterval: 1,
    axisLabel: { formatter: shortMoney, color: MUTED, fontSize: SMALL },
    splitLine: { lineStyle: { color: '#e4e7eb' } },
  } as const;
}

export interface MoneyYear {
  year: number;
  raised: number;
  paidOut: number;
}

/** Money raised beside money paid out to award recipients, year by year. */
export function raisedVersusPaidChart(input: { years: MoneyYear[] }): string {
  return render(
    {
      legend: {
        top: 0,
        left: 'center',
        itemWidth: 14,
        itemHeight: 14,
        textStyle: { color: TEXT, fontSize: SMALL },
      },
      ...byYear(
        input.years.map((y) => y.year),
        36,
      ),
      yAxis: moneyAxis(),
      series: [
        {
          name: 'Vận động được',
          type: 'bar',
          barMaxWidth: 28,
          itemStyle: { color: CHART_COLORS.raised },
          data: input.years.map((y) => y.raised),
        },
        {
          name: 'Đã chi trao thưởng',
          type: 'bar',
          barMaxWidth: 28,
          itemStyle: { color: CHART_COLORS.paidOut },
          data: input.years.map((y) => y.paidOut),
        },
      ],
    },
    CHART_WIDTH,
    240,
  );
}
