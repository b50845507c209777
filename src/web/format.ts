import { type DonationMethod, METHOD_LABEL } from '../donations/entities/donation.entity.js';
import { DONOR_KIND_LABEL, type DonorKind } from '../donations/entities/donor.entity.js';
import type { RoleName } from '../identity/roles.js';
import type { FundKind } from '../ledger/entities/fund.entity.js';
import { amountInWords, formatDate, formatMoney, formatShortDate } from '../common/vi-format.js';

const TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** What templates show numbers, days and labels with (`it.f.money(…)`), as the documents do. */
export const FORMAT = {
  /** `1.250.000 đ` */
  money: formatMoney,
  /** `Một triệu hai trăm năm mươi nghìn đồng` */
  words: amountInWords,
  /** `ngày 25 tháng 11 năm 2026` */
  longDay: formatDate,
  /** `25/11/2026` */
  day: formatShortDate,
  /** `14:05 25/11/2026`, in Vietnam's time */
  time: (at: Date | string) => TIME.format(new Date(at)),
  method: (m: DonationMethod) => METHOD_LABEL[m],
  role: (r: RoleName) => ROLE_LABEL[r],
  donorKind: (k: DonorKind) => DONOR_KIND_LABEL[k],
  fundKind: (k: FundKind) => FUND_KIND_LABEL[k],
  /** A receipt's number as people say it: `000123/2026`, or a paper one's book and number. */
  receiptNo: (r: { book: string; number: string; paper: boolean }) =>
    r.paper ? `quyển ${r.book}, số ${r.number} (phiếu giấy)` : `${r.number}/${r.book}`,
  /** An address with its query, for filters and pagers. */
  query: (path: string, params: Record<string, unknown>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params))
      if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  },
};

export const FUND_KIND_LABEL: Record<FundKind, string> = {
  general: 'Quỹ khuyến học',
  talent: 'Quỹ khuyến tài',
  named_scholarship: 'Học bổng mang tên',
  workers: 'Quỹ khuyến học của công đoàn',
  clan: 'Quỹ khuyến học dòng họ',
  other: 'Quỹ khác',
};

export const ROLE_LABEL: Record<RoleName, string> = {
  admin: 'Quản trị',
  treasurer: 'Thủ quỹ',
  committee: 'Hội đồng xét thưởng',
  viewer: 'Xem báo cáo',
};
