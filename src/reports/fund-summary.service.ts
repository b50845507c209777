import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { renderFundSummary } from '../../templates/fund-report.js';
import { EXPORT_CONTENT_TYPE, exportStream, type ExportFormat } from '../common/csv-export.js';
import { todayInVietnam } from '../common/dates.js';
import { documentFonts } from '../documents/fonts.js';
import { pdfBytes } from '../documents/qr.js';
import { add, DONOR_GROUP_LABEL, emptyAccumulator, figures, RECIPIENT_GROUP_LABEL } from './fund-figures.js';
import { FundReportsRepository, type ReportRoot, reportHeading } from './fund-reports.repository.js';
import type {
  DonorKindAmounts,
  FundFigures,
  FundSummaryReport,
  RecipientAmounts,
} from './fund-summary.view.js';

/** A report as a file to download. */
export interface ReportFile {
  body: Readable | Buffer;
  contentType: string;
  fileName: string;
}

export const FILE_TYPE: Record<ExportFormat | 'pdf', string> = {
  ...EXPORT_CONTENT_TYPE,
  pdf: 'application/pdf',
};

const NOTES = [
  'Số liệu theo ngày giá trị của từng khoản (ngày nhận, ngày chi, ngày điều chuyển), từ bảng tổng hợp theo ngày được cập nhật cùng giao dịch tiền.',
  'Đơn vị và mọi đơn vị trực thuộc; mỗi quỹ một dòng, dòng tổng cộng cho cả phạm vi.',
  'Phiếu thu bị hủy ghi dòng riêng "Hủy phiếu thu" vào ngày hủy và trừ vào tổng thu; tiền chi bị trả lại ghi dòng riêng vào ngày trả lại và trừ vào tổng chi.',
  'Điều chuyển: ở từng quỹ tính là thu hoặc chi. Ở dòng tổng cộng, điều chuyển giữa các quỹ trong phạm vi báo cáo vẫn được nêu (hai chiều bằng nhau) nhưng triệt tiêu; chỉ điều chuyển với đơn vị ngoài phạm vi được tính vào thu, chi.',
  'Bút toán đảo của điều chuyển và của số dư chuyển từ sổ sách được trừ thẳng vào dòng tương ứng, vào ngày đảo.',
  'Tiền dành cho các đợt xét học bổng vẫn thuộc số dư quỹ (không phải khoản chi); chỉ tiền đã chi trả mới là chi.',
  'Hiện vật được ghi thu theo giá trị quy đổi và giữ riêng khỏi tiền mặt: số dư cuối kỳ gồm tiền và giá trị hiện vật còn giữ; khả dụng chỉ tính tiền (trừ phần dành cho các đợt xét). Hiện vật đã xuất trao là khoản chi.',
];

/** The period asked for: both days given, one (the rest of its year), or none (this calendar year). */
export function period(from?: string, to?: string): { from: string; to: string } {
  const year = (from ?? to ?? todayInVietnam()).slice(0, 4);
  return { from: from ?? `${(to ?? year).slice(0, 4)}-01-01`, to: to ?? `${year}-12-31` };
}

/**
 * Fund summary of a unit's subtree over a period, from fund_day_totals: per fund and in total, the
 * opening balance, money in by donor kind, transfers, money out by recipient type, voids and
 * returns on their own lines, what award rounds hold, the closing balance, and the identity.
 */
@Injectable()
export class FundSummaryService {
  constructor(private readonly reports: FundReportsRepository) {}

  /** The report as JSON, or as a file in `format`. */
  async summary(
    unitId: string,
    from: string,
    to: string,
    format: ExportFormat | 'pdf' | 'json' = 'json',
  ): Promise<FundSummaryReport | ReportFile> {
    const unit = await this.reports.unit(unitId);
    const report = await this.compute(unit, from, to);
    return format === 'json' ? report : this.file(unit, report, format);
  }

  async compute(unit: ReportRoot, from: string, to: string): Promise<FundSummaryReport> {
    const [funds, sums] = await Promise.all([
      this.reports.funds(unit.path, to),
      this.reports.categorySums(unit.path, from, to),
    ]);
    const perFund = new Map(funds.map((f) => [f.id, emptyAccumulator()]));
    const whole = emptyAccumulator();
    for (const s of sums) {
      add(whole, s);
      const acc = perFund.get(s.fundId);
      if (acc) add(acc, s);
    }
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name },
      from,
      to,
      funds: funds.map((f) => ({
        fundId: f.id,
        fundName: f.name,
        fundKind: f.kind,
        unitId: f.unitId,
        unitCode: f.unitCode,
        unitName: f.unitName,
        ...figures(perFund.get(f.id)!, false),
      })),
      total: figures(whole, true),
      notes: NOTES,
    };
  }

  private async file(
    unit: ReportRoot,
    report: FundSummaryReport,
    format: ExportFormat | 'pdf',
  ): Promise<ReportFile> {
    const name = `tong-hop-quy-${report.unit.code}-${report.from}-${report.to}`.replace(
      /[^A-Za-z0-9._-]/g,
      '-',
    );
    if (format === 'pdf') {
      return { body: await this.pdf(unit, report), contentType: FILE_TYPE.pdf, fileName: `${name}.pdf` };
    }
    const rows = [
      ...report.funds.map((f) => [f.unitName, f.unitCode, f.fundName, ...columns(f)]),
      [
        'Tổng cộng',
        report.unit.code,
        `${report.unit.name} và các đơn vị trực thuộc`,
        ...columns(report.total),
      ],
    ];
    return {
      body: exportStream(
        format,
        'Tổng hợp quỹ',
        ['Đơn vị', 'Mã đơn vị', 'Quỹ', ...COLUMN_HEADERS],
        (async function* () {
          yield rows;
        })(),
      ),
      contentType: FILE_TYPE[format],
      fileName: `${name}.${format}`,
    };
  }

  private async pdf(unit: ReportRoot, report: FundSummaryReport): Promise<Buffer> {
    const t = report.total;
    const doc = renderFundSummary(
      {
        ...reportHeading(unit),
        from: report.from,
        to: report.to,
        lines: summaryLines(t),
        funds: report.funds.map((f) => ({
          name: f.fundName,
          unitName: f.unitName,
          opening: f.opening,
          moneyIn: f.moneyIn,
          moneyOut: f.moneyOut,
          closing: f.closing,
          inKind: f.inKind.atEnd,
        })),
        identity: t.identity.text,
        balanced: t.identity.holds,
        chart: report.funds.map((f) => ({ label: f.fundName, raised: f.raisedNet, paid: f.paidOutNet })),
        dated: report.to,
      },
      documentFonts(),
    );
    return pdfBytes(doc);
  }
}

const DONOR_KEYS = Object.keys(DONOR_GROUP_LABEL) as (keyof Omit<DonorKindAmounts, 'total'>)[];
const RECIPIENT_KEYS = Object.keys(RECIPIENT_GROUP_LABEL) as (keyof Omit<RecipientAmounts, 'total'>)[];

const COLUMN_HEADERS = [
  'Số dư đầu kỳ',
  ...DONOR_KEYS.map((k) => `Thu: ${DONOR_GROUP_LABEL[k].toLowerCase()}`),
  'Hủy phiếu thu',
  'Thu thuần',
  'Số dư chuyển từ sổ sách',
  'Điều chuyển đến (trong phạm vi)',
  'Điều chuyển đến (từ ngoài phạm vi)',
  'Điều chuyển đi (trong phạm vi)',
  'Điều chuyển đi (ra ngoài phạm vi)',
  ...RECIPIENT_KEYS.map((k) => `Chi: ${RECIPIENT_GROUP_LABEL[k].toLowerCase()}`),
  'Tiền chi bị trả lại',
  'Chi thuần',
  'Trong thu thuần: hiện vật (giá trị)',
  'Xuất hiện vật',
  'Điều chỉnh khác',
  'Tổng thu',
  'Tổng chi',
  'Số dư cuối kỳ',
  'Trong đó: tiền',
  'Trong đó: hiện vật còn giữ',
  'Tiền dành cho các đợt xét',
  'Tiền khả dụng',
  'Chênh lệch cân đối (phải bằng 0)',
];

function columns(f: FundFigures): unknown[] {
  return [
    f.opening,
    ...DONOR_KEYS.map((k) => f.raised[k]),
    f.voided.total,
    f.raisedNet,
    f.broughtIn,
    f.transfersIn.internal,
    f.transfersIn.external,
    f.transfersOut.internal,
    f.transfersOut.external,
    ...RECIPIENT_KEYS.map((k) => f.paidOut[k]),
    f.returned.total,
    f.paidOutNet,
    f.inKindReceived,
    f.handedOut,
    f.otherAdjustments,
    f.moneyIn,
    f.moneyOut,
    f.closing,
    f.cash,
    f.inKind.atEnd,
    f.reserved.atEnd,
    f.available,
    f.identity.difference,
  ];
}

/** The total's lines for the PDF: label, amount, and how it is set. */
function summaryLines(
  t: FundFigures,
): { label: string; amount: number; strong?: boolean; indent?: boolean }[] {
  return [
    { label: 'Số dư đầu kỳ', amount: t.opening, strong: true },
    { label: 'Tiền ủng hộ nhận được', amount: t.raised.total },
    ...DONOR_KEYS.map((k) => ({ label: DONOR_GROUP_LABEL[k], amount: t.raised[k], indent: true })),
    { label: 'Trừ: hủy phiếu thu', amount: -t.voided.total },
    ...(t.inKindReceived
      ? [{ label: 'Trong thu thuần: hiện vật (giá trị quy đổi)', amount: t.inKindReceived, indent: true }]
      : []),
    { label: 'Số dư chuyển từ sổ sách', amount: t.broughtIn },
    { label: 'Điều chuyển đến từ ngoài phạm vi', amount: t.transfersIn.external },
    ...(t.otherAdjustments ? [{ label: 'Điều chỉnh khác', amount: t.otherAdjustments }] : []),
    { label: 'Tổng thu', amount: t.moneyIn, strong: true },
    { label: 'Chi học bổng, phần thưởng', amount: t.paidOut.total },
    ...RECIPIENT_KEYS.map((k) => ({ label: RECIPIENT_GROUP_LABEL[k], amount: t.paidOut[k], indent: true })),
    { label: 'Trừ: tiền chi bị trả lại', amount: -t.returned.total },
    { label: 'Điều chuyển đi ra ngoài phạm vi', amount: t.transfersOut.external },
    ...(t.handedOut ? [{ label: 'Xuất hiện vật (giá trị quy đổi)', amount: t.handedOut }] : []),
    { label: 'Tổng chi', amount: t.moneyOut, strong: true },
    { label: 'Số dư cuối kỳ', amount: t.closing, strong: true },
    { label: 'Trong đó: tiền', amount: t.cash, indent: true },
    { label: 'Trong đó: hiện vật còn giữ (giá trị quy đổi)', amount: t.inKind.atEnd, indent: true },
    { label: 'Tiền dành cho các đợt xét', amount: t.reserved.atEnd, indent: true },
    { label: 'Tiền khả dụng', amount: t.available, indent: true },
    // Shown, not counted: each one is money in for one fund of the subtree and out for another.
    {
      label: 'Điều chuyển giữa các quỹ trong phạm vi (không tính vào thu, chi)',
      amount: t.transfersIn.internal,
    },
  ];
}
