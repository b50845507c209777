import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentsService } from '../documents/documents.service.js';
import { verificationLink } from '../documents/qr.js';
import { RenderPool } from '../documents/render/render-pool.js';
import { printedCode } from '../documents/verification-codes.js';
import { HandlesJob, JobHandler } from '../queue/job-handler.js';
import { JobName } from '../queue/queue.constants.js';
import { DonationsRepository } from './donations.repository.js';

/** Renders a donation's receipt from its snapshot as it is now (a void adds the stamp). */
@Injectable()
@HandlesJob(JobName.RenderReceipt)
export class ReceiptJob implements JobHandler<{ donationId: string }> {
  constructor(
    private readonly donations: DonationsRepository,
    private readonly documents: DocumentsService,
    private readonly pool: RenderPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle({ donationId }: { donationId: string }, attempt?: { final: boolean }): Promise<void> {
    await this.documents.renderNow('receipt', donationId, () => this.render(donationId), attempt);
  }

  /**
   * The receipt's bytes: the same record always gives the same bytes. Null for an unknown id.
   * A copy is the same receipt marked "BẢN SAO", for a reprint.
   */
  async render(donationId: string, copy = false): Promise<Buffer | null> {
    const source = await this.donations.receiptSource(donationId);
    if (!source) return null;
    const { snapshot } = source;
    return this.pool.render({
      template: 'receipt',
      link: verificationLink(this.config.http.publicUrl, snapshot.code),
      view: {
        unit: snapshot.unit,
        book: snapshot.book,
        number: snapshot.number,
        form: snapshot.form ?? null,
        paper: snapshot.paper ?? false,
        code: printedCode(snapshot.code),
        receivedOn: snapshot.receivedOn,
        payer: snapshot.payer,
        reason: snapshot.reason,
        fundName: snapshot.fund.name,
        amount: snapshot.amount,
        method: snapshot.method,
        reference: snapshot.reference,
        inKindDescription: snapshot.inKindDescription,
        treasurerName: snapshot.treasurer.name,
        cashier: snapshot.treasurer.cashier ?? false,
        void: source.void,
        copy,
      },
    });
  }
}
