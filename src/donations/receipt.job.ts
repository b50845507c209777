import { Injectable } from '@nestjs/common';
import { renderReceipt } from '../../templates/receipt.js';
import { DocumentsService } from '../documents/documents.service.js';
import { documentFonts } from '../documents/fonts.js';
import { pdfBytes, verificationQr } from '../documents/qr.js';
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
    const qrPng = await verificationQr(snapshot.code);
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
    return pdfBytes(doc);
  }
}
