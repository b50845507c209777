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

/** Drawn at a phone's width: a wider screen scales it up, so the text stays readable on both. */
const WIDTH = 380;
const FONT = 14;
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
            fontSize: FONT,
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
        fontSize: FONT - 2,
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
}

/**
 * Per-capita of each unit as horizontal bars, highest first, each unit's name written above its
 * bar across the whole width (nothing truncated on a narrow screen; a long list grows downwards),
 * against the target line and the national band (too narrow to label here: the page's legend
 * names it).
 */
export function perCapitaBarChart(input: {
  units: UnitBar[];
  target: number | null;
  nationalReference: NationalReference;
  /** One scale for charts printed in parts (a PDF page at a time). */
  max?: number;
}): string {
  // Bottom to top on a category axis: the highest last, so it is drawn at the top.
  const units = [...input.units].sort((a, b) => a.perCapita - b.perCapita);
  const { target, nationalReference: reference } = input;
  const band = 46;
  return render(
    {
      grid: { left: 4, right: 60, top: 30, bottom: 26, outerBoundsMode: 'none' },
      xAxis: {
        type: 'value',
        max:
          input.max ??
          axisMax(
            units.map((u) => u.perCapita),
            target,
            reference,
          ),
        axisLabel: { formatter: shortMoney, color: MUTED, fontSize: FONT - 3, hideOverlap: true },
        splitLine: { lineStyle: { color: '#e4e7eb' } },
      },
      yAxis: {
        type: 'category',
        data: units.map((u) => u.name),
        // The name inside the plot, above its bar.
        axisLabel: {
          inside: true,
          align: 'left',
          verticalAlign: 'bottom',
          padding: [0, 0, 9, 2],
          color: TEXT,
          fontSize: FONT,
          width: WIDTH - 70,
          overflow: 'truncate',
        },
        axisTick: { show: false },
        axisLine: { show: false },
        z: 10,
      },
      series: [
        {
          type: 'bar',
          barWidth: 14,
          barCategoryGap: 0,
          data: units.map((u) => ({
            value: u.perCapita,
            itemStyle: { color: colorOf(u.perCapita, target, reference) },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number }) => figure(p.value),
            color: TEXT,
            fontSize: FONT - 1,
          },
          ...guides('xAxis', target, reference, false),
        },
      ],
    },
    WIDTH,
    56 + band * Math.max(units.length, 1),
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
            fontSize: FONT - 1,
          },
          ...guides('yAxis', target, reference, true),
        },
      ],
    },
    WIDTH,
    280,
  );
}

/** The grid and the category axis of a chart by year; `top` leaves room for a legend. */
function byYear(years: number[], top: number) {
  return {
    grid: { left: 8, right: 16, top, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      data: years.map(String),
      axisLabel: { color: TEXT, fontSize: FONT },
      axisTick: { show: false },
    },
  } as const;
}

/** A value axis in đồng, labelled short ("80 nghìn"), up to `max` when given. */
function moneyAxis(max?: number) {
  return {
    type: 'value',
    ...(max === undefined ? {} : { max }),
    axisLabel: { formatter: shortMoney, color: MUTED, fontSize: FONT - 2 },
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
        textStyle: { color: TEXT, fontSize: FONT },
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
    WIDTH,
    260,
  );
}
