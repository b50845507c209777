import { Injectable } from '@nestjs/common';
import { renderDisclosure } from '../../templates/fund-report.js';
import { publishable } from '../awards/certificate-snapshot.js';
import { exportStream, type ExportFormat } from '../common/csv-export.js';
import { documentFonts } from '../documents/fonts.js';
import { pdfBytes } from '../documents/qr.js';
import type { DisclosureFund, DisclosurePayment, DisclosureReport } from './disclosure.view.js';
import { DONOR_GROUP_LABEL, RECIPIENT_GROUP, RECIPIENT_GROUP_LABEL } from './fund-figures.js';
import {
  type DisclosedPayment,
  FundReportsRepository,
  type ReportRoot,
  reportHeading,
} from './fund-reports.repository.js';
import { FILE_TYPE, FundSummaryService, type ReportFile } from './fund-summary.service.js';
import type { DonorKindAmounts, FundFigures } from './fund-summary.view.js';

export const NOT_PUBLISHED = '(không công bố)';

const NOTES = [
  'Công khai theo Nghị định 03/2026/NĐ-CP: số tiền tiếp nhận và việc sử dụng trong năm, gồm đơn vị và mọi đơn vị trực thuộc.',
  'Nhà hảo tâm chỉ được nêu theo tổng số tiền của từng nhóm (không công bố thông tin cá nhân); tiền nhận đã trừ các phiếu thu bị hủy.',
  'Người nhận là trẻ em chỉ được nêu tên khi có sự đồng ý của người giám hộ (và của trẻ từ đủ 7 tuổi); người không được công bố tên ghi "(không công bố)".',
  'Tiền sử dụng là tiền chi học bổng, phần thưởng đã trừ tiền bị trả lại, cộng hiện vật đã xuất trao (theo giá trị quy đổi); tiền dành cho các đợt xét chưa chi không tính là đã sử dụng.',
  'Hiện vật được tiếp nhận theo giá trị quy đổi ghi trên phiếu thu; số dư cuối năm gồm tiền và giá trị hiện vật còn giữ, nêu riêng.',
  'Điều chuyển giữa các quỹ trong phạm vi triệt tiêu ở dòng tổng cộng.',
];

const DONOR_KEYS = Object.keys(DONOR_GROUP_LABEL) as (keyof Omit<DonorKindAmounts, 'total'>)[];

/** A recipient's name where publication is permitted (the payment's snapshot and the rule today agree). */
function recipientName(p: DisclosedPayment): string {
  const allowed =
    p.fullName !== null &&
    publishable(
      { birthDate: p.birthDate, consentGuardian: p.consentGuardian, consentChild: p.consentChild },
      p.paidOn,
    );
  return allowed ? p.fullName! : NOT_PUBLISHED;
}

/**
 * The yearly public disclosure of a unit's subtree: per fund, money received and used (from the
 * same summary as the fund summary), donors only as totals by kind, and the year's award
 * payments with a recipient's name only where its publication is permitted.
 */
@Injectable()
export class DisclosureService {
  constructor(
    private readonly reports: FundReportsRepository,
    private readonly summaries: FundSummaryService,
  ) {}

  async disclosure(
    unitId: string,
    year: number,
    format: ExportFormat | 'pdf' | 'json' = 'json',
  ): Promise<DisclosureReport | ReportFile> {
    const unit = await this.reports.unit(unitId);
    const report = await this.compute(unit, year);
    return format === 'json' ? report : this.file(unit, report, format);
  }

  private async compute(unit: ReportRoot, year: number): Promise<DisclosureReport> {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [summary, payments] = await Promise.all([
      this.summaries.compute(unit, from, to),
      this.reports.payments(unit.path, from, to),
    ]);
    const line = (
      f: FundFigures,
      whole: boolean,
      names: { fundId: string | null; fundName: string; unitName: string },
    ): DisclosureFund => ({
      ...names,
      opening: f.opening,
      received: f.raisedNet,
      broughtIn: f.broughtIn,
      transfersIn: whole ? f.transfersIn.external : f.transfersIn.total,
      transfersOut: whole ? f.transfersOut.external : f.transfersOut.total,
      used: f.paidOutNet + f.handedOut,
      handedOut: f.handedOut,
      otherAdjustments: f.otherAdjustments,
      closing: f.closing,
      inKind: f.inKind.atEnd,
      balanced: f.identity.holds,
    });
    const listed: DisclosurePayment[] = payments.map((p) => ({
      paidOn: p.paidOn,
      unitName: p.unitName,
      fundName: p.fundName,
      roundTitle: p.roundTitle,
      category: p.categoryName,
      recipientType: p.recipientType,
      amount: p.amount,
      recipient: recipientName(p),
      returned: p.returned,
    }));
    const t = summary.total;
    return {
      unit: summary.unit,
      year,
      from,
      to,
      funds: summary.funds.map((f) =>
        line(f, false, { fundId: f.fundId, fundName: f.fundName, unitName: f.unitName }),
      ),
      total: line(t, true, { fundId: null, fundName: 'Tổng cộng', unitName: unit.name }),
      donors: DONOR_KEYS.map((k) => ({
        kind: k,
        label: DONOR_GROUP_LABEL[k],
        amount: t.raised[k] - t.voided[k],
      })),
      payments: listed,
      paymentsTotal: listed.filter((p) => !p.returned).reduce((sum, p) => sum + p.amount, 0),
      notes: NOTES,
    };
  }

  private async file(
    unit: ReportRoot,
    report: DisclosureReport,
    format: ExportFormat | 'pdf',
  ): Promise<ReportFile> {
    const name = `cong-khai-${report.unit.code}-${report.year}`.replace(/[^A-Za-z0-9._-]/g, '-');
    if (format === 'pdf') {
      const doc = renderDisclosure(
        {
          ...reportHeading(unit),
          year: report.year,
          funds: [...report.funds, report.total],
          donors: report.donors.map((d) => ({ label: d.label, amount: d.amount })),
          payments: report.payments.map((p) => ({
            paidOn: p.paidOn,
            category: p.category,
            recipient: p.recipient,
            unitName: p.unitName,
            amount: p.amount,
            returned: p.returned,
          })),
          paymentsTotal: report.paymentsTotal,
          chart: report.funds.map((f) => ({ label: f.fundName, raised: f.received, paid: f.used })),
          notes: report.notes,
          dated: report.to,
        },
        documentFonts(),
      );
      return { body: await pdfBytes(doc), contentType: FILE_TYPE.pdf, fileName: `${name}.pdf` };
    }
    const rows: unknown[][] = [];
    for (const f of [...report.funds, report.total]) {
      const fund = f.fundId
        ? `${f.fundName} — ${f.unitName}`
        : `Tổng cộng — ${f.unitName} và các đơn vị trực thuộc`;
      rows.push(
        ['Quỹ', fund, '', 'Số dư đầu năm', '', f.opening],
        ['Quỹ', fund, '', 'Tiền ủng hộ tiếp nhận', '', f.received],
        ['Quỹ', fund, '', 'Số dư chuyển từ sổ sách', '', f.broughtIn],
        ['Quỹ', fund, '', 'Điều chuyển đến', '', f.transfersIn],
        ['Quỹ', fund, '', 'Điều chuyển đi', '', f.transfersOut],
        ['Quỹ', fund, '', 'Chi học bổng, phần thưởng', '', f.used - f.handedOut],
        ...(f.handedOut ? [['Quỹ', fund, '', 'Xuất hiện vật (giá trị quy đổi)', '', f.handedOut]] : []),
        ...(f.otherAdjustments ? [['Quỹ', fund, '', 'Điều chỉnh khác', '', f.otherAdjustments]] : []),
        ['Quỹ', fund, '', 'Số dư cuối năm', '', f.closing],
        ...(f.inKind ? [['Quỹ', fund, '', 'Trong đó: hiện vật còn giữ', '', f.inKind]] : []),
      );
    }
    for (const d of report.donors) rows.push(['Nhà hảo tâm', d.label, '', '', '', d.amount]);
    for (const p of report.payments)
      rows.push([
        p.returned ? 'Chi trả (đã bị trả lại)' : 'Chi trả',
        `${p.fundName} — ${p.unitName}`,
        p.paidOn,
        `${p.category} (${RECIPIENT_GROUP_LABEL[RECIPIENT_GROUP[p.recipientType]]})`,
        p.recipient,
        p.amount,
      ]);
    return {
      body: exportStream(
        format,
        `Công khai ${report.year}`,
        ['Phần', 'Quỹ / nhóm', 'Ngày chi', 'Nội dung', 'Người nhận', 'Số tiền (đồng)'],
        (async function* () {
          yield rows;
        })(),
      ),
      contentType: FILE_TYPE[format],
      fileName: `${name}.${format}`,
    };
  }
}
