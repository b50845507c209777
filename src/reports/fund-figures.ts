import { formatMoney } from '../common/vi-format.js';
import type { CategorySums } from './fund-reports.repository.js';
import type {
  DonorKindAmounts,
  FundFigures,
  IdentityCheck,
  RecipientAmounts,
  TransferAmounts,
} from './fund-summary.view.js';

/** Donor kinds as the reports group them. */
export const DONOR_GROUP: Record<string, keyof Omit<DonorKindAmounts, 'total'>> = {
  person: 'individuals',
  family: 'familiesAndClans',
  clan: 'familiesAndClans',
  enterprise: 'enterprises',
  organisation: 'organisations',
  anonymous: 'anonymous',
};

export const DONOR_GROUP_LABEL: Record<keyof Omit<DonorKindAmounts, 'total'>, string> = {
  individuals: 'Cá nhân',
  familiesAndClans: 'Gia đình, dòng họ',
  enterprises: 'Doanh nghiệp',
  organisations: 'Cơ quan, tổ chức',
  anonymous: 'Ẩn danh',
};

export const RECIPIENT_GROUP: Record<string, keyof Omit<RecipientAmounts, 'total'>> = {
  student: 'students',
  teacher: 'teachers',
  worker: 'workers',
  worker_child: 'workersChildren',
};

export const RECIPIENT_GROUP_LABEL: Record<keyof Omit<RecipientAmounts, 'total'>, string> = {
  students: 'Học sinh, sinh viên',
  teachers: 'Giáo viên',
  workers: 'Công nhân lao động',
  workersChildren: 'Con công nhân lao động',
};

const donorAmounts = (): DonorKindAmounts => ({
  individuals: 0,
  familiesAndClans: 0,
  enterprises: 0,
  organisations: 0,
  anonymous: 0,
  total: 0,
});
const recipientAmounts = (): RecipientAmounts => ({
  students: 0,
  teachers: 0,
  workers: 0,
  workersChildren: 0,
  total: 0,
});
const transferAmounts = (): TransferAmounts => ({ internal: 0, external: 0, total: 0 });

/** Working sums of one fund or of the whole subtree, before the derived lines. */
interface Accumulator {
  opening: number;
  closing: number;
  raised: DonorKindAmounts;
  voided: DonorKindAmounts;
  broughtIn: number;
  transfersIn: TransferAmounts;
  transfersOut: TransferAmounts;
  paidOut: RecipientAmounts;
  returned: RecipientAmounts;
  other: number;
  reservedBefore: number;
  reservedDuring: number;
  /** In-kind value held before the period, and its change during it. */
  inKindBefore: number;
  inKindDuring: number;
  /** The in-kind part of the gifts (less voids) in the period. */
  inKindReceived: number;
  handedOut: number;
}

export function emptyAccumulator(): Accumulator {
  return {
    opening: 0,
    closing: 0,
    raised: donorAmounts(),
    voided: donorAmounts(),
    broughtIn: 0,
    transfersIn: transferAmounts(),
    transfersOut: transferAmounts(),
    paidOut: recipientAmounts(),
    returned: recipientAmounts(),
    other: 0,
    reservedBefore: 0,
    reservedDuring: 0,
    inKindBefore: 0,
    inKindDuring: 0,
    inKindReceived: 0,
    handedOut: 0,
  };
}

/**
 * Adds one category's sums. Stored amounts are changes of the fund's balance, so outflows
 * (voids, payments, transfers out) are negative there and shown here as positive amounts.
 * The closing balance is the sum of every row up to `to`, whatever its category: a category no
 * line knows would show in the identity's difference.
 */
export function add(acc: Accumulator, s: CategorySums): void {
  acc.opening += s.before;
  acc.closing += s.before + s.during;
  acc.reservedBefore += s.reservedBefore;
  acc.reservedDuring += s.reservedDuring;
  acc.inKindBefore += s.inKindBefore;
  acc.inKindDuring += s.inKindDuring;
  const [kind, detail] = s.category.split(':');
  const amount = s.during;
  const side = s.internal ? 'internal' : 'external';
  switch (kind) {
    case 'raised':
    case 'voided': {
      const group = DONOR_GROUP[detail];
      if (!group) return;
      const target = kind === 'raised' ? acc.raised : acc.voided;
      const value = kind === 'raised' ? amount : -amount;
      target[group] += value;
      target.total += value;
      acc.inKindReceived += s.inKindDuring;
      return;
    }
    case 'paid':
    case 'returned': {
      const group = RECIPIENT_GROUP[detail];
      if (!group) return;
      const target = kind === 'paid' ? acc.paidOut : acc.returned;
      const value = kind === 'paid' ? -amount : amount;
      target[group] += value;
      target.total += value;
      return;
    }
    case 'opening':
      acc.broughtIn += amount;
      return;
    case 'transfer_in':
      acc.transfersIn[side] += amount;
      acc.transfersIn.total += amount;
      return;
    case 'transfer_out':
      acc.transfersOut[side] -= amount;
      acc.transfersOut.total -= amount;
      return;
    case 'reservation':
      return; // moves money between the fund's parts; the balance does not change
    case 'handed_out':
      acc.handedOut -= amount;
      return;
    default:
      acc.other += amount;
  }
}

/**
 * The lines of the report and the identity opening + in − out = closing. For one fund every
 * transfer is money in or out; for the whole subtree (`whole`) transfers between its own funds
 * cancel and only those across its boundary count.
 */
export function figures(acc: Accumulator, whole: boolean): FundFigures {
  const raisedNet = acc.raised.total - acc.voided.total;
  const paidOutNet = acc.paidOut.total - acc.returned.total;
  const transferIn = whole ? acc.transfersIn.external : acc.transfersIn.total;
  const transferOut = whole ? acc.transfersOut.external : acc.transfersOut.total;
  const moneyIn = raisedNet + acc.broughtIn + transferIn + acc.other;
  const moneyOut = paidOutNet + transferOut + acc.handedOut;
  const reservedAtEnd = acc.reservedBefore + acc.reservedDuring;
  const inKindAtEnd = acc.inKindBefore + acc.inKindDuring;
  return {
    opening: acc.opening,
    raised: acc.raised,
    voided: acc.voided,
    raisedNet,
    broughtIn: acc.broughtIn,
    transfersIn: acc.transfersIn,
    transfersOut: acc.transfersOut,
    paidOut: acc.paidOut,
    returned: acc.returned,
    paidOutNet,
    inKindReceived: acc.inKindReceived,
    handedOut: acc.handedOut,
    otherAdjustments: acc.other,
    moneyIn,
    moneyOut,
    closing: acc.closing,
    reserved: { atStart: acc.reservedBefore, atEnd: reservedAtEnd, change: acc.reservedDuring },
    inKind: { atStart: acc.inKindBefore, atEnd: inKindAtEnd, change: acc.inKindDuring },
    cash: acc.closing - inKindAtEnd,
    available: acc.closing - inKindAtEnd - reservedAtEnd,
    identity: identity(acc.opening, moneyIn, moneyOut, acc.closing),
  };
}

export function identity(opening: number, moneyIn: number, moneyOut: number, closing: number): IdentityCheck {
  const difference = closing - (opening + moneyIn - moneyOut);
  const sum = `${formatMoney(opening)} + ${formatMoney(moneyIn)} − ${formatMoney(moneyOut)}`;
  return {
    holds: difference === 0,
    difference,
    text:
      difference === 0
        ? `Đầu kỳ + Thu − Chi = Cuối kỳ: ${sum} = ${formatMoney(closing)} (khớp)`
        : `Đầu kỳ + Thu − Chi = ${sum} = ${formatMoney(opening + moneyIn - moneyOut)}, cuối kỳ ${formatMoney(closing)}: LỆCH ${formatMoney(difference)}`,
  };
}
