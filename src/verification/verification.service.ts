import { Injectable } from '@nestjs/common';
import { normaliseCode, printedCode, VerificationCodes } from '../documents/verification-codes.js';
import { receiptLabel } from '../donations/paper-receipt.js';
import { VerificationRepository } from './verification.repository.js';

/**
 * What the public may learn from a verification code: whether the document is genuine and still
 * holds, who issued it, its number, date, amount and hash. Never a donor's name or address, and a
 * recipient's name only where the certificate's snapshot records consent to publish it.
 */
export interface VerificationResult {
  code: string;
  /** Genuine and still in force (status 'valid'). */
  valid: boolean;
  status: 'valid' | 'void';
  kind: 'receipt' | 'certificate';
  title: string;
  unit: { code: string; name: string };
  number: string;
  date: string;
  amount: number;
  description: string;
  recipientName: string | null;
  /** SHA-256 of the PDF as issued; null until it has been rendered. */
  sha256: string | null;
}

@Injectable()
export class VerificationService {
  constructor(
    private readonly codes: VerificationCodes,
    private readonly repository: VerificationRepository,
  ) {}

  /** The document a typed or scanned code stands for, or null (forged, mistyped or unknown alike). */
  async verify(input: string): Promise<VerificationResult | null> {
    const code = normaliseCode(input);
    // A code that fails its HMAC never reaches the database.
    if (!this.codes.genuine(code)) return null;
    const found = await this.repository.findByCode(code);
    if (!found) return null;
    const s = found.snapshot;
    const common = {
      code: printedCode(code),
      valid: !found.void,
      status: found.void ? ('void' as const) : ('valid' as const),
      unit: { code: s.unit.code, name: s.unit.name },
      amount: s.amount,
      sha256: found.sha256,
    };
    if (found.kind === 'receipt') {
      const r = found.snapshot;
      return {
        ...common,
        kind: 'receipt',
        // A transcribed paper receipt shows the paper's book and number, and says it is one.
        title: r.paper ? 'Phiếu thu (bản chép lại phiếu thu giấy)' : 'Phiếu thu',
        number: receiptLabel(r),
        date: r.receivedOn,
        description: r.fund.name,
        recipientName: null,
      };
    }
    const c = found.snapshot;
    return {
      ...common,
      kind: 'certificate',
      title: 'Giấy chứng nhận',
      number: `Quyết định số ${c.decision.number}`,
      date: c.date,
      description: `${c.category.name} — ${c.round.title}`,
      recipientName: c.recipient.publishName ? c.recipient.fullName : null,
    };
  }
}
