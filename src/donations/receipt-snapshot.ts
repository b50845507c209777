import type { ReceiptForm } from '../units/receipt-forms.js';
import { receiptNumber } from './donations.repository.js';
import type { DonationMethod, ReceiptSnapshot } from './entities/donation.entity.js';
import { paperNumber, type PaperReceipt } from './paper-receipt.js';

/**
 * Everything a receipt prints, frozen at recording time; one shape for single donations and
 * imports. A transcribed paper receipt carries the paper's book and number; any other the
 * electronic series' (the year as its book).
 */
export function receiptSnapshot(input: {
  unit: { id: string; code: string; name: string; address: string | null };
  fund: { id: string; name: string };
  treasurer: { userId: string; displayName: string };
  /** The recording user holds the treasurer role at the issuing unit itself. */
  cashier: boolean;
  form: ReceiptForm;
  payer: { name: string; address: string | null; taxCode: string | null };
  year: number;
  number: number | null;
  paper: PaperReceipt | null;
  code: string;
  receivedOn: string;
  reason: string;
  amount: number;
  method: DonationMethod;
  reference: string | null;
  inKindDescription: string | null;
}): ReceiptSnapshot {
  const { unit, fund, treasurer, payer, paper } = input;
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, address: unit.address },
    book: paper ? paper.book : String(input.year),
    number: paper ? paperNumber(paper.number) : receiptNumber(input.number!),
    paper: Boolean(paper),
    code: input.code,
    receivedOn: input.receivedOn,
    payer: { name: payer.name, address: payer.address, taxCode: payer.taxCode },
    reason: input.reason,
    fund: { id: fund.id, name: fund.name },
    amount: input.amount,
    method: input.method,
    reference: input.reference,
    inKindDescription: input.inKindDescription,
    treasurer: { id: treasurer.userId, name: treasurer.displayName, cashier: input.cashier },
    form: { title: input.form.title, basis: input.form.basis },
  };
}

/**
 * The recording user is the unit's cashier (thủ quỹ): they hold the treasurer role at the issuing
 * unit itself. A treasurer of a unit above, recording for it, only prepared the receipt.
 */
export const isCashier = (
  actor: { grants: readonly { unitId: string; role: string }[] },
  unitId: string,
): boolean => actor.grants.some((g) => g.unitId === unitId && g.role === 'treasurer');

/**
 * A receipt as running text names it (journal descriptions, audit, an import's first and last):
 * "2026/000123" in the electronic series, "giấy 03/0045" for a transcribed paper receipt.
 */
export const receiptReference = (d: {
  receiptYear: number;
  receiptNumber: number | null;
  paperBook: string | null;
  paperNumber: number | null;
}): string =>
  d.paperNumber === null
    ? `${d.receiptYear}/${receiptNumber(d.receiptNumber!)}`
    : `giấy ${d.paperBook}/${paperNumber(d.paperNumber)}`;
