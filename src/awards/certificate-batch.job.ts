import { Injectable, Logger } from '@nestjs/common';
import archiver from 'archiver';
import { slug } from '../common/text.js';
import { DocumentsService } from '../documents/documents.service.js';
import { RenderPool } from '../documents/render/render-pool.js';
import { JobsService } from '../jobs/jobs.service.js';
import { HandlesJob, JobHandler } from '../queue/job-handler.js';
import { JobName } from '../queue/queue.constants.js';
import { AwardsRepository } from './awards.repository.js';
import { CertificateJob } from './certificate.job.js';

const PROGRESS_EVERY_MS = 500;

/**
 * Every certificate of a round, then one ZIP of them all. Each certificate is the award's own
 * document (made once, whoever asks first), so a batch killed half-way and run again renders only
 * what is missing: nothing twice. Progress goes to the job's row as it moves.
 */
@Injectable()
@HandlesJob(JobName.RenderRoundCertificates)
export class CertificateBatchJob implements JobHandler<{ jobId: string }> {
  private readonly logger = new Logger('Certificates');

  constructor(
    private readonly awards: AwardsRepository,
    private readonly documents: DocumentsService,
    private readonly certificates: CertificateJob,
    private readonly jobs: JobsService,
    private readonly pool: RenderPool,
  ) {}

  async handle({ jobId }: { jobId: string }, attempt?: { final: boolean }): Promise<void> {
    try {
      await this.run(jobId);
    } catch (error) {
      // After the last attempt the job must say so, or the round's next request would join it.
      if (attempt?.final) {
        this.logger.error(`certificates job ${jobId} failed for good: ${String(error)}`);
        await this.jobs.fail(jobId, 'Không hoàn thành sau nhiều lần thử; vui lòng chạy lại.');
      }
      throw error;
    }
  }

  private async run(jobId: string): Promise<void> {
    const job = await this.jobs.find(jobId);
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const awards = await this.awards.certifiedAwards(job.subjectId);
    await this.jobs.begin(jobId, awards.length);
    const made: typeof awards = [];
    let failed = 0;
    let reported = Date.now();
    // Enough in flight to keep every render thread busy while the next ones are read.
    const width = Math.max(1, this.pool.size) * 2;
    for (let i = 0; i < awards.length; i += width) {
      const chunk = awards.slice(i, i + width);
      const outcomes = await Promise.allSettled(
        chunk.map((a) => this.documents.ensure('certificate', a.id, () => this.certificates.render(a.id))),
      );
      outcomes.forEach((outcome, k) => {
        if (outcome.status === 'fulfilled' && outcome.value) made.push(chunk[k]);
        else {
          failed++;
          const reason = outcome.status === 'rejected' ? String(outcome.reason) : 'no longer paid';
          this.logger.warn(`certificate of award ${chunk[k].id} not made: ${reason}`);
        }
      });
      if (Date.now() - reported >= PROGRESS_EVERY_MS) {
        await this.jobs.progress(jobId, made.length, failed);
        reported = Date.now();
      }
    }
    await this.jobs.progress(jobId, made.length, failed);

    // Stored uncompressed (PDFs barely shrink), numbered in list order, dated by the job.
    const zip = archiver('zip', { store: true });
    made.forEach((award, i) => {
      const name = slug(award.fullName);
      zip.file(this.documents.path('certificate', award.id), {
        name: `${String(i + 1).padStart(4, '0')}-${name}.pdf`,
        date: job.createdAt,
      });
    });
    void zip.finalize();
    await this.jobs.finish(jobId, zip);
  }
}
