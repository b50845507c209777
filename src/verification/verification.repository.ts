import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReceiptSnapshot } from '../donations/entities/donation.entity.js';
import type { CertificateSnapshot } from '../awards/entities/award.entity.js';

export type IssuedDocument =
  | { kind: 'receipt'; snapshot: ReceiptSnapshot; void: boolean; sha256: string | null }
  | { kind: 'certificate'; snapshot: CertificateSnapshot; void: boolean; sha256: string | null };

/** Finds an issued document by its verification code: a receipt, or a certificate's payment. */
@Injectable()
export class VerificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByCode(code: string): Promise<IssuedDocument | null> {
    const [row] = await this.dataSource.query(
      `SELECT 'receipt' AS kind, d.receipt_snapshot AS snapshot, v.donation_id IS NOT NULL AS void, doc.sha256
         FROM donations d
         LEFT JOIN donation_voids v ON v.donation_id = d.id
         LEFT JOIN documents doc ON doc.kind = 'receipt' AND doc.subject_id = d.id
        WHERE d.receipt_code = $1
       UNION ALL
       -- A returned payment or a revoked award leaves a certificate that no longer holds; the
       -- file's hash is the current one only while this payment is the award's one in force.
       SELECT 'certificate', p.certificate_snapshot,
              r.payment_id IS NOT NULL OR rv.award_id IS NOT NULL,
              CASE WHEN r.payment_id IS NULL THEN doc.sha256 END
         FROM award_payments p
         LEFT JOIN award_payment_returns r ON r.payment_id = p.id
         LEFT JOIN award_revocations rv ON rv.award_id = p.award_id
         LEFT JOIN documents doc ON doc.kind = 'certificate' AND doc.subject_id = p.award_id
        WHERE p.certificate_code = $1`,
      [code],
    );
    return row ?? null;
  }
}
