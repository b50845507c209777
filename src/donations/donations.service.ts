import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { exportStream, type ExportFormat } from '../common/csv-export.js';
import { todayInVietnam } from '../common/dates.js';
import { formatMoney } from '../common/vi-format.js';
import { searchKey, slug } from '../common/text.js';
import { associationName } from '../common/unit-names.js';
import { CommonError, CommonErrorCode } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentsService } from '../documents/documents.service.js';
import { documentFonts } from '../documents/fonts.js';
import { pdfBytes } from '../documents/qr.js';
import { VerificationCodes } from '../documents/verification-codes.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import type { IdempotentRequest, Outcome } from '../ledger/idempotency.js';
import { IdempotencyService } from '../ledger/idempotency.js';
import { LedgerError, LedgerErrorCode } from '../ledger/ledger.errors.js';
import { LedgerService, notInFuture, type PostingContext } from '../ledger/ledger.service.js';
import { DonationError, DonationErrorCode } from './donations.errors.js';
import { UnitsService } from '../units/units.service.js';
import { renderStatement } from '../../templates/statement.js';
import { DonationsRepository } from './donations.repository.js';
import { type PaperReceipt, paperNumber, readPaperReceipt } from './paper-receipt.js';
import { ReceiptJob } from './receipt.job.js';
import { isCashier, receiptReference, receiptSnapshot } from './receipt-snapshot.js';
import {
  DonationPage,
  DonationView,
  ListDonationsQuery,
  RecordDonationDto,
  StatementView,
  VoidDonationDto,
} from './dto/donation.dto.js';
import {
  CreateDonorDto,
  DonorDetailView,
  DonorInput,
  DonorPage,
  DonorView,
  ListDonorsQuery,
} from './dto/donor.dto.js';
import { METHOD_LABEL } from './entities/donation.entity.js';
import { Donor, DONOR_KIND_LABEL } from './entities/donor.entity.js';

export const ANONYMOUS_DONOR_NAME = 'Nhà hảo tâm giấu tên';

const donorView = (d: Donor): DonorView => ({
  id: d.id,
  kind: d.kind,
  name: d.name,
  unitId: d.unitId,
  phone: d.phone,
  address: d.address,
  taxCode: d.taxCode,
  createdAt: d.createdAt,
});

@Injectable()
export class DonationsService {
  private readonly logger = new Logger('Donations');

  constructor(
    private readonly donations: DonationsRepository,
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly receipts: ReceiptJob,
    private readonly codes: VerificationCodes,
    private readonly units: UnitsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Donors.

  async createDonor(actor: Actor, dto: CreateDonorDto): Promise<DonorDetailView> {
    const donor = await this.donations.transaction((manager) =>
      this.insertDonor(manager, actor, dto.unitId, dto),
    );
    return this.getDonor(actor, donor.id);
  }

  async getDonor(actor: Actor, id: string): Promise<DonorDetailView> {
    const donor = await this.donations.findDonor(id);
    if (!donor)
      throw new DonationError(DonationErrorCode.DonorNotFound, [{ field: 'id', message: 'không tìm thấy' }]);
    const possibleDuplicates = await this.donations.possibleDuplicates(
      donor,
      actor.scope(Action.DonationsRead),
    );
    return { ...donorView(donor), possibleDuplicates };
  }

  async listDonors(actor: Actor, query: ListDonorsQuery, unitPath?: string): Promise<DonorPage> {
    const { items, total } = await this.donations.listDonors({
      scope: actor.scope(Action.DonationsRead),
      unitPath,
      q: query.q,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: items.map(donorView), total, page: query.page, pageSize: query.pageSize };
  }

  /** A donor's gifts in a calendar year, within the caller's units; voided ones listed, not counted. */
  async statement(actor: Actor, id: string, year: number): Promise<StatementView> {
    return (await this.statementOf(actor, id, year)).statement;
  }

  /**
   * The same statement as a PDF to print and send, issued in the name of the donor's unit. Rendered
   * on request and never stored: a report, not an issued document. Dated by its latest gift or
   * void (else the year's last day), so the same record always gives the same bytes.
   */
  async statementPdf(actor: Actor, id: string, year: number): Promise<{ pdf: Buffer; name: string }> {
    const { donor, statement } = await this.statementOf(actor, id, year);
    const unit = await this.units.unitRef(donor.unitId);
    const parent = unit.parentId ? await this.units.unitRef(unit.parentId) : null;
    const days = statement.donations
      .flatMap((d) => (d.voidedAt ? [d.receivedOn, todayInVietnam(d.voidedAt)] : [d.receivedOn]))
      .sort();
    const doc = renderStatement(
      {
        unit: { name: associationName(unit.name), address: unit.address },
        parentName: parent ? associationName(parent.name) : null,
        year,
        donor: { name: donor.name, address: donor.address, taxCode: donor.taxCode },
        rows: statement.donations.map((d) => ({
          receivedOn: d.receivedOn,
          book: d.receipt.book,
          number: d.receipt.number,
          fundName: d.fundName,
          method: d.method,
          amount: d.amount,
          void: d.status === 'void',
        })),
        place: unit.name,
        dated: days.at(-1) ?? `${year}-12-31`,
      },
      documentFonts(),
    );
    return { pdf: await pdfBytes(doc), name: `bang-ke-${year}-${slug(donor.name) || 'nha-hao-tam'}.pdf` };
  }

  private async statementOf(
    actor: Actor,
    id: string,
    year: number,
  ): Promise<{ donor: Donor; statement: StatementView }> {
    const donor = await this.donations.findDonor(id);
    if (!donor)
      throw new DonationError(DonationErrorCode.DonorNotFound, [{ field: 'id', message: 'không tìm thấy' }]);
    // The unit's anonymous donor stands for many people: there is no one to send a statement to.
    if (donor.kind === 'anonymous') throw new DonationError(DonationErrorCode.AnonymousStatement);
    const items: DonationView[] = [];
    for await (const batch of this.donations.donationBatches({
      scope: actor.scope(Action.DonationsRead),
      donorId: id,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    })) {
      items.push(...batch);
    }
    items.reverse();
    const statement = {
      donor: { id: donor.id, kind: donor.kind, name: donor.name },
      year,
      donations: items,
      count: items.length,
      total: items.reduce((sum, d) => (d.status === 'void' ? sum : sum + d.amount), 0),
    };
    return { donor, statement };
  }

  // Donations.

  /**
   * One transaction: the idempotency key, the donor (if new), the balance, the receipt number,
   * the journal entry, the donation with its receipt snapshot, the outbox row, the audit row.
   * Rows other requests contend for are locked in one order on every money path (fund, receipt
   * counter, report totals through the postings' trigger), so none can wait on another in a circle.
   */
  async record(
    actor: Actor,
    idem: IdempotentRequest,
    dto: RecordDonationDto,
  ): Promise<Outcome<DonationView>> {
    const outcome = await this.idempotency.run(actor.userId, idem, async (manager) => ({
      status: 201,
      body: await this.recordIn(manager, actor, dto),
    }));
    // A new donation's receipt is its revision 0.
    if (outcome.status === 201) this.renderReceiptLater(outcome.body.id, 0);
    return outcome;
  }

  /**
   * After the commit, the receipt is queued for rendering; the request does not wait for it. If
   * this is lost (Redis down, the process stopped), the sweep queues it again within a minute or two.
   */
  private renderReceiptLater(donationId: string, revision?: number): void {
    if (!this.config.renderDocuments) return;
    this.documents
      .renderLater('receipt', donationId, revision)
      .catch((error: unknown) => this.logger.warn(`receipt ${donationId} not queued: ${String(error)}`));
  }

  /**
   * The receipt's PDF when it is ready; otherwise it is (queued again and) still being made. A
   * stored file that went missing is made again and must be byte for byte the one issued. With
   * `copy`, a reprint marked "BẢN SAO" (made on request, never stored).
   */
  async receipt(id: string, copy = false): Promise<{ pdf: Buffer; name: string } | 'pending'> {
    const pdf = copy
      ? (await this.receipts.render(id, true))!
      : await this.documents.fetch('receipt', id, () => this.receipts.render(id));
    if (pdf === 'pending') {
      this.renderReceiptLater(id);
      return 'pending';
    }
    const donation = (await this.donations.findDonation(id))!;
    const { book, number, paper } = donation.receipt;
    const name = `phieu-thu-${paper ? 'giay-' : ''}${book}-${number}${copy ? '-ban-sao' : ''}.pdf`;
    return { pdf, name };
  }

  private async recordIn(
    manager: EntityManager,
    actor: Actor,
    dto: RecordDonationDto,
  ): Promise<DonationView> {
    checkShape(dto);
    notInFuture(dto.receivedOn, 'receivedOn');
    const paper = paperReceiptOf(dto);
    const year = Number(dto.receivedOn.slice(0, 4));
    const fund = await this.ledger.findFund(dto.fundId, manager);
    if (!fund) {
      throw new LedgerError(LedgerErrorCode.FundNotFound, [{ field: 'fundId', message: 'không tìm thấy' }]);
    }
    if (fund.status !== 'open') {
      throw new LedgerError(LedgerErrorCode.FundClosed, [{ field: 'fundId', message: 'quỹ đã đóng' }]);
    }
    const donor = await this.resolveDonor(manager, actor, fund.unitId, dto);
    // The unit as the receipt prints it, read with the fund (one query fewer per donation).
    const unit = { id: fund.unitId, code: fund.unitCode, name: fund.unitName, address: fund.unitAddress };
    const reason = dto.purpose ?? `Ủng hộ ${fund.name}`;
    if (paper) await this.refusePaperTaken(manager, fund.unitId, year, paper);
    const form = await this.units.receiptFormOf(fund.unitId, manager);
    // Locks in the order every money path takes them: the fund, the receipt counter, then the
    // postings (their trigger locks the report totals).
    const inKind = dto.method === 'in_kind';
    await this.ledger.creditDonation(manager, fund.id, dto.amount, inKind);
    // A transcribed paper receipt keeps the paper's number: the electronic series is not touched.
    const { number, serial } = paper
      ? { number: null, serial: await this.donations.nextSerial(manager) }
      : await this.donations.nextReceipt(manager, fund.unitId, year);
    const entryId = await this.ledger.postDonation(manager, actor, {
      fundId: fund.id,
      unitId: fund.unitId,
      amount: dto.amount,
      receivedOn: dto.receivedOn,
      description: `${reason} — ${donor.name}`,
      inKind,
    });

    const code = this.codes.code(serial);
    const snapshot = receiptSnapshot({
      unit,
      fund,
      treasurer: actor,
      cashier: isCashier(actor, fund.unitId),
      form,
      payer: donor,
      year,
      number,
      paper,
      code,
      receivedOn: dto.receivedOn,
      reason,
      amount: dto.amount,
      method: dto.method,
      reference: dto.reference ?? null,
      inKindDescription: dto.inKindDescription ?? null,
    });
    const id = randomUUID();
    const series = {
      receiptYear: year,
      receiptNumber: number,
      paperBook: paper?.book ?? null,
      paperNumber: paper?.number ?? null,
    };
    const createdAt = await this.donations.insertDonation(manager, {
      id,
      unitId: fund.unitId,
      fundId: fund.id,
      donorId: donor.id,
      amount: dto.amount,
      method: dto.method,
      inKindDescription: dto.inKindDescription ?? null,
      receivedOn: dto.receivedOn,
      reference: dto.reference ?? null,
      purpose: dto.purpose ?? null,
      note: dto.note ?? null,
      entryId,
      ...series,
      receiptCode: code,
      receiptSnapshot: snapshot,
      importId: null,
      createdBy: actor.userId,
    });
    await this.documents.requestLater(manager, { kind: 'receipt', subjectId: id, unitId: fund.unitId });
    await this.audit.record(manager, actor, {
      action: 'donation.record',
      entityType: 'donation',
      entityId: id,
      unitId: fund.unitId,
      after: {
        fundId: fund.id,
        donorId: donor.id,
        amount: dto.amount,
        method: dto.method,
        receivedOn: dto.receivedOn,
        receipt: receiptReference(series),
      },
    });
    // Built here rather than read back: one query fewer while the locks are held.
    return {
      id,
      fundId: fund.id,
      fundName: fund.name,
      unitId: fund.unitId,
      amount: dto.amount,
      method: dto.method,
      inKindDescription: dto.inKindDescription ?? null,
      receivedOn: dto.receivedOn,
      status: 'recorded',
      donor: { id: donor.id, kind: donor.kind, name: donor.name },
      receipt: {
        book: snapshot.book,
        number: snapshot.number,
        paper: Boolean(paper),
        code,
        documentStatus: 'pending',
      },
      reference: dto.reference ?? null,
      purpose: dto.purpose ?? null,
      note: dto.note ?? null,
      entryId,
      voidReason: null,
      voidedAt: null,
      createdAt,
    };
  }

  /** A paper receipt already transcribed in the unit that year is refused, naming the field. */
  private async refusePaperTaken(
    manager: EntityManager,
    unitId: string,
    year: number,
    paper: PaperReceipt,
  ): Promise<void> {
    const taken = await this.donations.paperReceiptsTaken(unitId, [{ ...paper, year }], manager);
    if (taken.length) {
      throw new DonationError(DonationErrorCode.PaperReceiptTaken, [
        {
          field: 'paperReceipt.number',
          message: `phiếu giấy quyển ${paper.book}, số ${paperNumber(paper.number)} năm ${year} đã được ghi nhận`,
        },
      ]);
    }
  }

  /** A reversal entry; the donation and its receipt keep their number and are shown void. */
  async voidDonation(
    actor: Actor,
    idem: IdempotentRequest,
    id: string,
    dto: VoidDonationDto,
  ): Promise<Outcome<DonationView>> {
    const outcome = await this.voidIn(actor, idem, id, dto);
    if (outcome.status === 201) this.renderReceiptLater(id);
    return outcome;
  }

  private voidIn(
    actor: Actor,
    idem: IdempotentRequest,
    id: string,
    dto: VoidDonationDto,
  ): Promise<Outcome<DonationView>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      const donation = await this.donations.lockDonation(manager, id);
      if (!donation)
        throw new DonationError(DonationErrorCode.DonationNotFound, [
          { field: 'id', message: 'không tìm thấy' },
        ]);
      if (await this.donations.isVoid(manager, id)) throw new DonationError(DonationErrorCode.AlreadyVoid);
      const entry = (await this.ledger.findEntry(manager, donation.entryId))!;
      const label = receiptReference(donation);
      if (donation.method === 'in_kind') await this.takeBackGoods(manager, actor, donation, entry.id, label);
      const reversal = await this.ledger.postReversal(
        manager,
        actor,
        entry,
        `Hủy phiếu thu ${label}: ${dto.reason}`,
        // Dated today, not back on the gift's day: money spent since then cannot turn a past
        // balance negative. Reports of money raised exclude voided gifts by their own date.
        todayInVietnam(),
      );
      // The primary key on donation_voids makes a second void impossible, even concurrently.
      await this.donations.insertVoid(manager, {
        donationId: id,
        entryId: reversal,
        reason: dto.reason,
        voidedBy: actor.userId,
      });
      // The receipt is made again with its "ĐÃ HỦY" stamp.
      await this.documents.requestAgain(manager, 'receipt', id);
      await this.audit.record(manager, actor, {
        action: 'donation.void',
        entityType: 'donation',
        entityId: id,
        unitId: donation.unitId,
        before: { status: 'recorded' },
        after: { status: 'void', reason: dto.reason, reversalEntryId: reversal },
      });
      return { status: 201, body: (await this.donations.findDonation(id, manager))! };
    });
  }

  /**
   * Before a gift of goods is voided: the goods must still be held (not handed out), else 409.
   * A gift recorded before in-kind accounts existed posted to the fund's cash and was moved to
   * its in-kind account by the upgrade: its value goes back first, so the void mirrors the gift.
   */
  private async takeBackGoods(
    manager: EntityManager,
    ctx: PostingContext,
    donation: { fundId: string; unitId: string; amount: number },
    entryId: string,
    label: string,
  ): Promise<void> {
    const fund = (await this.ledger.lockFund(manager, donation.fundId))!;
    if (fund.inKind < donation.amount)
      throw new DonationError(DonationErrorCode.GoodsHandedOut, [
        {
          field: 'id',
          message: `quỹ chỉ còn giữ hiện vật trị giá ${formatMoney(fund.inKind)}, ít hơn ${formatMoney(donation.amount)} của phiếu thu này`,
        },
      ]);
    if (await this.ledger.postsToCash(manager, entryId))
      await this.ledger.reclassify(
        manager,
        ctx,
        {
          fundId: donation.fundId,
          unitId: donation.unitId,
          amount: donation.amount,
          valueDate: todayInVietnam(),
          description: `Trả giá trị hiện vật của phiếu thu ${label} về tiền của quỹ để hủy phiếu`,
        },
        false,
      );
  }

  async get(id: string): Promise<DonationView> {
    const found = await this.donations.findDonation(id);
    if (!found)
      throw new DonationError(DonationErrorCode.DonationNotFound, [
        { field: 'id', message: 'không tìm thấy' },
      ]);
    return found;
  }

  async list(actor: Actor, query: ListDonationsQuery): Promise<DonationPage> {
    const { items, total, totalAmount } = await this.donations.listDonations({
      ...this.filterOf(actor, query),
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items, total, totalAmount, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Every row the filter selects, as CSV or XLSX, streamed as it is read; cells injection-safe.
   * The export is audited with its filter and row count before the first byte goes out.
   */
  async export(actor: Actor, query: ListDonationsQuery, format: ExportFormat): Promise<Readable> {
    const filter = this.filterOf(actor, query);
    const { total } = await this.donations.listDonations({ ...filter, offset: 0, limit: 0 });
    await this.donations.transaction((manager) =>
      this.audit.record(manager, actor, {
        action: 'donation.export',
        entityType: 'donation',
        after: { format, rows: total, filter: { ...query, page: undefined, pageSize: undefined } },
      }),
    );
    const header = [
      'Quyển',
      'Số',
      'Ngày nhận',
      'Nhà hảo tâm',
      'Loại',
      'Quỹ',
      'Số tiền (đồng)',
      'Hình thức',
      'Tham chiếu',
      'Lý do',
      'Trạng thái',
    ];
    const row = (d: DonationView) => [
      d.receipt.book,
      d.receipt.number,
      d.receivedOn,
      d.donor.name,
      DONOR_KIND_LABEL[d.donor.kind],
      d.fundName,
      d.amount,
      METHOD_LABEL[d.method],
      d.reference,
      d.purpose,
      d.status === 'void' ? `Đã hủy: ${d.voidReason}` : 'Đã ghi nhận',
    ];
    const donations = this.donations;
    return exportStream(
      format,
      'Khoản ủng hộ',
      header,
      (async function* () {
        for await (const batch of donations.donationBatches(filter)) yield batch.map(row);
      })(),
    );
  }

  private filterOf(actor: Actor, query: ListDonationsQuery) {
    return {
      scope: actor.scope(Action.DonationsRead),
      unitPath: actor.located.get('unitId')?.path,
      fundId: query.fundId,
      donorId: query.donorId,
      from: query.from,
      to: query.to,
      method: query.method,
      minAmount: query.minAmount,
      maxAmount: query.maxAmount,
      status: query.status,
      q: query.q,
    };
  }

  private async resolveDonor(
    manager: EntityManager,
    actor: Actor,
    unitId: string,
    dto: RecordDonationDto,
  ): Promise<Donor> {
    if (dto.donorId) {
      const donor = await this.donations.findDonor(dto.donorId, manager);
      if (!donor)
        throw new DonationError(DonationErrorCode.DonorNotFound, [
          { field: 'donorId', message: 'không tìm thấy' },
        ]);
      return donor;
    }
    return this.insertDonor(manager, actor, unitId, dto.donor!);
  }

  private async insertDonor(
    manager: EntityManager,
    actor: Actor,
    unitId: string,
    input: DonorInput,
  ): Promise<Donor> {
    const make = (): Donor => ({
      id: randomUUID(),
      unitId,
      kind: input.kind,
      name: input.kind === 'anonymous' ? ANONYMOUS_DONOR_NAME : input.name!,
      searchName: searchKey(input.kind === 'anonymous' ? ANONYMOUS_DONOR_NAME : input.name!),
      phone: input.kind === 'anonymous' ? null : (input.phone ?? null),
      address: input.kind === 'anonymous' ? null : (input.address ?? null),
      taxCode: input.kind === 'anonymous' ? null : (input.taxCode ?? null),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    if (input.kind === 'anonymous') return this.donations.anonymousDonor(manager, unitId, make);
    if (!input.name)
      throw new DonationError(DonationErrorCode.DonorNameRequired, [
        { field: 'donor.name', message: 'bắt buộc' },
      ]);
    const donor = make();
    await this.donations.insertDonor(manager, donor);
    await this.audit.record(manager, actor, {
      action: 'donor.create',
      entityType: 'donor',
      entityId: donor.id,
      unitId,
      after: { kind: donor.kind, name: donor.name },
    });
    return donor;
  }
}

/** The paper receipt the donation transcribes, normalised by the rule an import row follows. */
function paperReceiptOf(dto: RecordDonationDto): PaperReceipt | null {
  if (!dto.paperReceipt) return null;
  const { paper, problems } = readPaperReceipt(dto.paperReceipt.book, dto.paperReceipt.number);
  if (problems.length) {
    throw new CommonError(
      CommonErrorCode.ValidationFailed,
      problems.map((p) => ({ field: `paperReceipt.${p.field}`, message: p.message })),
    );
  }
  return paper;
}

function checkShape(dto: RecordDonationDto): void {
  if (Boolean(dto.donorId) === Boolean(dto.donor)) {
    throw new DonationError(DonationErrorCode.DonorMissing, [
      {
        field: dto.donorId ? 'donor' : 'donorId',
        message: dto.donorId ? 'không dùng cùng donorId' : 'bắt buộc',
      },
    ]);
  }
  if ((dto.method === 'in_kind') !== Boolean(dto.inKindDescription)) {
    throw new DonationError(DonationErrorCode.InKindDescription, [
      {
        field: 'inKindDescription',
        message: dto.method === 'in_kind' ? 'bắt buộc' : 'chỉ dùng cho hiện vật',
      },
    ]);
  }
}
