import { receiptNumber } from './donations.repository.js';
import type { DonationMethod, ReceiptSnapshot } from './entities/donation.entity.js';

/** Everything a receipt prints, frozen at recording time; one shape for single donations and imports. */
export function receiptSnapshot(input: {
  unit: { id: string; code: string; name: string; address: string | null };
  fund: { id: string; name: string };
  treasurer: { userId: string; displayName: string };
  payer: { name: string; address: string | null };
  year: number;
  number: number;
  code: string;
  receivedOn: string;
  reason: string;
  amount: number;
  method: DonationMethod;
  reference: string | null;
  inKindDescription: string | null;
}): ReceiptSnapshot {
  const { unit, fund, treasurer, payer } = input;
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, address: unit.address },
    book: String(input.year),
    number: receiptNumber(input.number),
    code: input.code,
    receivedOn: input.receivedOn,
    payer: { name: payer.name, address: payer.address },
    reason: input.reason,
    fund: { id: fund.id, name: fund.name },
    amount: input.amount,
    method: input.method,
    reference: input.reference,
    inKindDescription: input.inKindDescription,
    treasurer: { id: treasurer.userId, name: treasurer.displayName },
  };
}
