import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentsService } from '../documents/documents.service.js';
import { verificationLink } from '../documents/qr.js';
import { RenderPool } from '../documents/render/render-pool.js';
import { printedCode } from '../documents/verification-codes.js';
import { HandlesJob, JobHandler } from '../queue/job-handler.js';
import { JobName } from '../queue/queue.constants.js';
import { AwardsRepository } from './awards.repository.js';

const RECIPIENT: Record<string, string> = {
  student: 'Học sinh, sinh viên',
  worker_child: 'Con công nhân',
};

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

  async handle({ awardId }: { awardId: string }): Promise<void> {
    // A returned payment leaves nothing to certify (render gives null) until the award is paid again.
    await this.documents.renderNow('certificate', awardId, () => this.render(awardId));
  }

  /**
   * The certificate's bytes (the same payment always gives the same bytes), or null when unpaid.
   * A copy is marked "BẢN SAO", for a reprint.
   */
  async render(awardId: string, copy = false): Promise<Buffer | null> {
    const s = await this.awards.activeCertificate(awardId);
    if (!s) return null;
    const r = s.recipient;
    const school = [r.className && `lớp ${r.className}`, r.school].filter(Boolean).join(', ');
    const prefix = RECIPIENT[s.category.recipientType];
    const line = school ? `${prefix ?? 'Học sinh'} ${school}` : r.workplace;
    return this.pool.render({
      template: 'certificate',
      link: verificationLink(this.config.http.publicUrl, s.code),
      view: {
        unitName: s.unit.name,
        recipientName: r.fullName,
        recipientLine: line,
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
