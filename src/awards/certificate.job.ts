import { Inject, Injectable } from '@nestjs/common';
import { associationName } from '../common/unit-names.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentsService } from '../documents/documents.service.js';
import { verificationLink } from '../documents/qr.js';
import { RenderPool } from '../documents/render/render-pool.js';
import { printedCode } from '../documents/verification-codes.js';
import { HandlesJob, JobHandler } from '../queue/job-handler.js';
import { JobName } from '../queue/queue.constants.js';
import { AwardsRepository } from './awards.repository.js';
import type { CertificateSnapshot } from './entities/award.entity.js';

/** Who a learner is at each level of study, as a certificate names them. */
const LEARNER: Record<string, string> = {
  preschool: 'Trẻ',
  primary: 'Học sinh',
  lower_secondary: 'Học sinh',
  upper_secondary: 'Học sinh',
  vocational: 'Học viên',
  university: 'Sinh viên',
  postgraduate: 'Học viên',
};

/**
 * The line under the recipient's name: "Học sinh lớp 7B, Trường THCS Vũ Thư" (the learner by their
 * level of study, "Học sinh" when not known), or where they work.
 */
export function recipientLine(r: CertificateSnapshot['recipient']): string | null {
  const school = [r.className && `lớp ${r.className}`, r.school].filter(Boolean).join(', ');
  if (!school) return r.workplace;
  return `${LEARNER[r.studyLevel ?? ''] ?? 'Học sinh'} ${school}`;
}

/** Renders an award's certificate from the snapshot of its payment in force. */
@Injectable()
@HandlesJob(JobName.RenderCertificate)
export class CertificateJob implements JobHandler<{ awardId: string }> {
  constructor(
    private readonly awards: AwardsRepository,
    private readonly documents: DocumentsService,
    private readonly pool: RenderPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle({ awardId }: { awardId: string }, attempt?: { final: boolean }): Promise<void> {
    // A returned payment leaves nothing to certify (render gives null) until the award is paid again.
    await this.documents.renderNow('certificate', awardId, () => this.render(awardId), attempt);
  }

  /**
   * The certificate's bytes (the same payment always gives the same bytes), or null when unpaid.
   * A copy is marked "BẢN SAO", for a reprint.
   */
  async render(awardId: string, copy = false): Promise<Buffer | null> {
    const s = await this.awards.activeCertificate(awardId);
    if (!s) return null;
    return this.pool.render({
      template: 'certificate',
      link: verificationLink(this.config.http.publicUrl, s.code),
      view: {
        unitName: associationName(s.unit.name),
        parentName: s.unit.parentName ? associationName(s.unit.parentName) : null,
        recipientName: s.recipient.fullName,
        recipientLine: recipientLine(s.recipient),
        categoryName: s.category.name,
        roundTitle: s.round.title,
        period: s.round.period,
        amount: s.amount,
        decision: s.decision,
        place: s.place,
        date: s.date,
        chairName: s.chair?.name ?? null,
        code: printedCode(s.code),
        copy,
      },
    });
  }
}
