import { Injectable } from '@nestjs/common';
import { normaliseCode, printedCode, VerificationCodes } from '../documents/verification-codes.js';
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
    const common = {
      code: printedCode(code),
      valid: !found.void,
      status: found.void ? ('void' as const) : ('valid' as const),
    };
    if (found.kind === 'receipt') {
      const s = found.snapshot;
      return {
        ...common,
        kind: 'receipt',
        title: 'Phiếu thu',
        unit: { code: s.unit.code, name: s.unit.name },
        number: `Quyển ${s.book}, số ${s.number}`,
        date: s.receivedOn,
        amount: s.amount,
        description: s.fund.name,
        recipientName: null,
        sha256: found.sha256,
      };
    }
    const s = found.snapshot;
    return {
      ...common,
      kind: 'certificate',
      title: 'Giấy chứng nhận',
      unit: { code: s.unit.code, name: s.unit.name },
      number: `Quyết định số ${s.decision.number}`,
      date: s.date,
      amount: s.amount,
      description: `${s.category.name} — ${s.round.title}`,
      recipientName: s.recipient.publishName ? s.recipient.fullName : null,
      sha256: found.sha256,
    };
  }
}
