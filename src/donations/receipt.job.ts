import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import QRCode from 'qrcode';
import { renderReceipt } from '../../templates/receipt.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentsService } from '../documents/documents.service.js';
import { documentFonts } from '../documents/fonts.js';
import { HandlesJob, JobHandler } from '../queue/job-handler.js';
import { JobQueue } from '../queue/job-queue.js';
import { JobName } from '../queue/queue.constants.js';
import { DonationsRepository } from './donations.repository.js';

/** Renders a donation's receipt from its snapshot as it is now (a void adds the stamp). */
@Injectable()
@HandlesJob(JobName.RenderReceipt)
export class ReceiptJob implements JobHandler<{ donationId: string }> {
  constructor(
    private readonly donations: DonationsRepository,
    private readonly documents: DocumentsService,
  ) {}

  async handle({ donationId }: { donationId: string }): Promise<void> {
    const pdf = await this.render(donationId);
    if (pdf) await this.documents.store('receipt', donationId, pdf);
  }

  /** The receipt's bytes: the same record always gives the same bytes. Null for an unknown id. */
  async render(donationId: string): Promise<Buffer | null> {
    const source = await this.donations.receiptSource(donationId);
    if (!source) return null;
    const { snapshot } = source;
    const qrPng = await QRCode.toBuffer(`KH:${snapshot.code}`, {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 1,
      width: 240,
    });
    const doc = renderReceipt(
      {
        unit: snapshot.unit,
        book: snapshot.book,
        number: snapshot.number,
        code: snapshot.code,
        qrPng,
        receivedOn: snapshot.receivedOn,
        payer: snapshot.payer,
        reason: snapshot.reason,
        fundName: snapshot.fund.name,
        amount: snapshot.amount,
        method: snapshot.method,
        reference: snapshot.reference,
        inKindDescription: snapshot.inKindDescription,
        treasurerName: snapshot.treasurer.name,
        void: source.void,
      },
      documentFonts(),
    );
    const parts: Buffer[] = [];
    for await (const part of doc) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }
}

/**
 * Queues again the receipts still pending after a minute: Redis was down at commit, the process
 * died between commit and enqueue, or an import wrote many at once. Job ids make repeats harmless.
 */
@Injectable()
export class ReceiptSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Documents');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly documents: DocumentsService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.documentSweepSeconds) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((error: unknown) => this.logger.warn(`sweeping pending receipts failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.config.documentSweepSeconds * 1000);
    this.timer.unref();
  }

  async sweep(): Promise<number> {
    const ids = await this.documents.pending('receipt', 60, 500);
    for (const id of ids)
      await this.jobs.enqueue(JobName.RenderReceipt, { donationId: id }, { jobId: `receipt-${id}` });
    return ids.length;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
