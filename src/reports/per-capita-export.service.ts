import { Injectable } from '@nestjs/common';
import { renderPerCapita } from '../../templates/fund-report.js';
import { exportStream, type ExportFormat } from '../common/csv-export.js';
import { todayInVietnam } from '../common/dates.js';
import { documentFonts } from '../documents/fonts.js';
import { pdfBytes } from '../documents/qr.js';
import { FundReportsRepository, reportHeading } from './fund-reports.repository.js';
import { FILE_TYPE, type ReportFile } from './fund-summary.service.js';
import { childrenCharts } from './per-capita-chart.js';
import type { PerCapitaLine, PerCapitaReport } from './per-capita.view.js';
import { targetNotes } from './target-source.js';
import { unitInSentence, unitList } from '../common/unit-names.js';
import { formatMoney } from '../common/vi-format.js';

const HEADERS = [
  'Mã đơn vị',
  'Đơn vị',
  'Dân số',
  'Năm số dân',
  'Nguồn số dân',
  'Tử số (đồng)',
  'Trong đó: tiền (đồng)',
  'Trong đó: hiện vật (đồng)',
  'Bình quân (đồng/người)',
  'Chỉ tiêu (đồng/người)',
  'Nguồn chỉ tiêu',
  '% chỉ tiêu',
  'Hạng',
  'Bình quân năm trước',
  'Tăng, giảm',
];

/** Bars per chart part: one fits a page with room to spare, even with names on two lines. */
const PART = 16;
/** The chart's drawing width for an A4 page: its text prints at about 11 pt. */
const PDF_CHART_WIDTH = 480;

const BASIS = { raised: 'số tiền vận động được trong năm', balance: 'số dư quỹ cuối năm' };

/** The per-capita report as CSV, XLSX or PDF: the same figures as the JSON, the definition beside. */
@Injectable()
export class PerCapitaExportService {
  constructor(private readonly units: FundReportsRepository) {}

  async file(report: PerCapitaReport, format: ExportFormat | 'pdf'): Promise<ReportFile> {
    const fileName = `binh-quan-${report.code}-${report.year}-${report.basis}.${format}`.replace(
      /[^A-Za-z0-9._-]/g,
      '-',
    );
    if (format === 'pdf') return { body: await this.pdf(report), contentType: FILE_TYPE.pdf, fileName };
    const row = (l: PerCapitaLine, rank: number | null) => [
      l.code,
      l.name,
      l.population,
      l.populationYear,
      l.populationSource,
      l.numerator,
      l.numeratorCash,
      l.numeratorInKind,
      l.perCapita,
      l.target,
      l.targetSource?.text ?? null,
      l.percentOfTarget,
      rank,
      l.previousPerCapita,
      l.change,
    ];
    const rows = [row(report, null), ...report.children.map((c) => row(c, c.rank))];
    return {
      body: exportStream(
        format,
        'Bình quân',
        HEADERS,
        (async function* () {
          yield rows;
          yield [
            [`Cách tính: ${report.definition}`],
            ...[...inKindNote(report), ...notes(report)].map((note) => [note]),
          ];
        })(),
      ),
      contentType: FILE_TYPE[format],
      fileName,
    };
  }

  private async pdf(report: PerCapitaReport): Promise<Buffer> {
    const unit = await this.units.unit(report.unitId);
    const line = (l: PerCapitaLine, rank: number | null) => ({
      name: l.name,
      population: l.population,
      estimated: l.populationEstimated,
      numerator: l.numerator,
      perCapita: l.perCapita,
      target: l.target,
      percent: l.percentOfTarget,
      rank,
      change: l.change,
    });
    const { charts, target } = childrenCharts(report, { part: PART, width: PDF_CHART_WIDTH });
    return pdfBytes(
      renderPerCapita(
        {
          ...reportHeading(unit),
          // Signed today, or on the year's last day for a past year.
          dated: [todayInVietnam(), `${report.year}-12-31`].sort()[0],
          year: report.year,
          basisLabel: BASIS[report.basis],
          definition: report.definition,
          lines: [line(report, null), ...report.children.map((c) => line(c, c.rank))],
          target,
          nationalReference: report.nationalReference,
          charts,
          notes: [
            ...inKindNote(report),
            ...(report.children.some((c) => c.populationEstimated) || report.populationEstimated
              ? ['(*) Số dân của năm gần nhất trước đó: năm báo cáo chưa có số liệu.']
              : []),
            ...(report.missingPopulation.length
              ? [`Chưa có số dân: ${report.missingPopulation.map((m) => unitInSentence(m.name)).join(', ')}.`]
              : []),
            ...notes(report),
          ],
        },
        documentFonts(),
      ),
    );
  }
}

/** The cash and in-kind parts of the unit's figure, when there is any in-kind value. */
export function inKindNote(report: PerCapitaLine): string[] {
  if (!report.numeratorInKind) return [];
  return [
    `Trong tử số ${formatMoney(report.numerator)}: tiền ${formatMoney(report.numeratorCash)}, ` +
      `hiện vật theo giá trị quy đổi ${formatMoney(report.numeratorInKind)}.`,
  ];
}

/** Where each line's target and population come from, once each (the export's and the PDF's notes). */
function notes(report: PerCapitaReport): string[] {
  const lines = [report, ...report.children];
  const bySource = new Map<string, string[]>();
  for (const l of lines)
    if (l.populationSource)
      bySource.set(l.populationSource, [...(bySource.get(l.populationSource) ?? []), l.name]);
  return [
    ...targetNotes(lines),
    ...[...bySource].map(([source, names]) => `Số dân của ${unitList(names)}: ${source}.`),
  ];
}
