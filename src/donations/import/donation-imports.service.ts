import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { todayInVietnam } from '../../common/dates.js';
import { CommonError, CommonErrorCode } from '../../common/errors.js';
import { searchKey } from '../../common/text.js';
import { isUuid } from '../../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { DocumentsService } from '../../documents/documents.service.js';
import { VerificationCodes } from '../../documents/verification-codes.js';
import type { Actor } from '../../identity/access/actor.js';
import type { IdempotentRequest, Outcome } from '../../ledger/idempotency.js';
import { IdempotencyService } from '../../ledger/idempotency.js';
import { LedgerError, LedgerErrorCode } from '../../ledger/ledger.errors.js';
import { LedgerService } from '../../ledger/ledger.service.js';
import { UnitsService } from '../../units/units.service.js';
import { DonationError, DonationErrorCode } from '../donations.errors.js';
import { DonationsRepository, donorKey } from '../donations.repository.js';
import { ANONYMOUS_DONOR_NAME } from '../donations.service.js';
import { paperNumber } from '../paper-receipt.js';
import { isCashier, receiptReference, receiptSnapshot } from '../receipt-snapshot.js';
import type { DonationImport, ImportProblem } from '../entities/donation-import.entity.js';
import type { Donation } from '../entities/donation.entity.js';
import type { Donor } from '../entities/donor.entity.js';
import { ImportFileError, readRows } from '../../common/spreadsheet-rows.js';
import {
  COLUMNS,
  duplicateKey,
  ImportRow,
  mapHeader,
  paperKey,
  paperRow,
  type PaperRow,
  readRow,
} from './import-rows.js';
import type { ImportCommitView, ImportReport } from './import.dto.js';
import { templateWorkbook } from './template.js';

const BATCH = 5000;
const STAGE_BATCH = 2000;
const CONCURRENT_CHECKS = 2;
const REPORTED_PROBLEMS = 1000;

const report = (i: DonationImport): ImportReport => ({
  id: i.id,
  status: i.status,
  fundId: i.fundId,
  fileName: i.fileName,
  rows: i.rowCount,
  total: i.total,
  expectedCount: i.expectedCount,
  expectedTotal: i.expectedTotal,
  problems: i.problems.slice(0, REPORTED_PROBLEMS),
  problemCount: i.problems.length,
  warnings: i.warnings.slice(0, REPORTED_PROBLEMS),
  createdAt: i.createdAt,
  committedAt: i.committedAt,
});

export interface UploadFields {
  fundId?: unknown;
  expectedCount?: unknown;
  expectedTotal?: unknown;
}

/**
 * The treasurer's spreadsheet: upload → a report with every problem by row and column, nothing
 * written but the report → commit, all rows in one transaction with receipt numbers in file order.
 */
@Injectable()
export class DonationImportsService {
  private checking = 0;

  constructor(
    private readonly donations: DonationsRepository,
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly units: UnitsService,
    private readonly documents: DocumentsService,
    private readonly codes: VerificationCodes,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(
    actor: Actor,
    file: Express.Multer.File | undefined,
    fields: UploadFields,
  ): Promise<ImportReport> {
    if (!file)
      throw new CommonError(CommonErrorCode.FileInvalid, [
        { field: 'file', message: 'bắt buộc (tệp .xlsx hoặc .csv)' },
      ]);
    const expectedCount = wholeNumber(fields.expectedCount, 'expectedCount', this.config.imports.maxRows);
    const expectedTotal = wholeNumber(fields.expectedTotal, 'expectedTotal', Number.MAX_SAFE_INTEGER);
    if (!isUuid(fields.fundId)) {
      throw new CommonError(CommonErrorCode.ValidationFailed, [
        { field: 'fundId', message: 'phải là mã định danh UUID' },
      ]);
    }
    const fund = await this.ledger.findFund(fields.fundId.toLowerCase());
    if (!fund)
      throw new LedgerError(LedgerErrorCode.FundNotFound, [{ field: 'fundId', message: 'không tìm thấy' }]);
    if (fund.status !== 'open')
      throw new LedgerError(LedgerErrorCode.FundClosed, [{ field: 'fundId', message: 'quỹ đã đóng' }]);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    await this.refuseCommittedTwice(fund.id, sha256);

    // Checking a large file takes tens of MiB for some seconds: a few at a time per process keeps
    // the server inside its heap whatever treasurers upload at once.
    if (this.checking >= CONCURRENT_CHECKS) {
      throw new CommonError(
        CommonErrorCode.Busy,
        [{ field: 'file', message: 'máy chủ đang kiểm tra các bảng kê khác' }],
        'Máy chủ đang kiểm tra các bảng kê khác; vui lòng tải lên lại sau ít giây.',
      );
    }
    this.checking++;
    try {
      return await this.stageAndReport(actor, file, fund, sha256, expectedCount, expectedTotal);
    } finally {
      this.checking--;
    }
  }

  private async stageAndReport(
    actor: Actor,
    file: Express.Multer.File,
    fund: { id: string; unitId: string },
    sha256: string,
    expectedCount: number,
    expectedTotal: number,
  ): Promise<ImportReport> {
    const id = randomUUID();
    // Valid rows are staged as they are read, a batch at a time, so memory stays flat; they are
    // kept only if the whole file is clean (rolled back to the savepoint otherwise).
    await this.donations.transaction(async (manager) => {
      await this.donations.insertImport(manager, {
        id,
        unitId: fund.unitId,
        fundId: fund.id,
        fileName: (file.originalname || 'tệp tải lên').normalize('NFC').slice(0, 200),
        fileSha256: sha256,
        expectedCount,
        expectedTotal,
        createdBy: actor.userId,
        status: 'invalid',
        rowCount: 0,
        total: 0,
        problems: [],
        warnings: [],
      });
      await manager.query('SAVEPOINT staged_rows');
      const result = await this.check(file.buffer, fund.unitId, (rows) =>
        this.donations.insertImportRows(manager, id, rows),
      );
      const { rowCount, total, problems, warnings } = result;
      if (!problems.length && rowCount !== expectedCount) {
        problems.push({
          row: 0,
          column: null,
          field: 'expectedCount',
          message: `tệp có ${rowCount} dòng, bạn nhập ${expectedCount}`,
        });
      }
      if (!problems.length && total !== expectedTotal) {
        problems.push({
          row: 0,
          column: null,
          field: 'expectedTotal',
          message: `tổng tiền trong tệp là ${total.toLocaleString('vi-VN')} đ, bạn nhập ${expectedTotal.toLocaleString('vi-VN')} đ`,
        });
      }
      if (problems.length) await manager.query('ROLLBACK TO SAVEPOINT staged_rows');
      await this.donations.completeImportCheck(manager, id, {
        status: problems.length ? 'invalid' : 'valid',
        rowCount,
        // Past 2^53 the file is refused anyway (a problem above); the column keeps a safe value.
        total: Math.min(total, Number.MAX_SAFE_INTEGER),
        problems,
        warnings,
      });
    });
    return report((await this.donations.findImport(id))!);
  }

  /**
   * Reads and checks every row of the file; clean rows go to `stage` in batches (staged rows are
   * worthless unless the file turns out clean, which the caller decides).
   */
  private async check(
    buffer: Buffer,
    unitId: string,
    stage: (rows: { number: number; data: string }[]) => Promise<void>,
  ): Promise<{ rowCount: number; total: number; problems: ImportProblem[]; warnings: ImportProblem[] }> {
    const problems: ImportProblem[] = [];
    const warnings: ImportProblem[] = [];
    let batch: { number: number; data: string }[] = [];
    let rowCount = 0;
    let total = 0;
    try {
      let columns: Map<number, keyof ImportRow> | null = null;
      let headerOk = true;
      const today = todayInVietnam();
      // Rows already seen, by a digest of their duplicate key: a fraction of the key's memory.
      const seen = new Map<string, number>();
      // Paper receipts the file transcribes, by key, with the row that first names each.
      const papers = new Map<string, PaperRow>();
      for await (const { number, cells } of readRows(buffer, this.config.imports)) {
        if (!columns) {
          const mapped = mapHeader(cells);
          columns = mapped.columns;
          for (const name of mapped.missing) {
            problems.push({ row: number, column: name, field: 'header', message: `thiếu cột "${name}"` });
          }
          headerOk = mapped.missing.length === 0;
          continue;
        }
        rowCount++;
        if (!headerOk) continue;
        const named: Partial<Record<keyof ImportRow, unknown>> = {};
        columns.forEach((key, i) => (named[key] = cells[i]));
        const { row, problems: rowProblems } = readRow(number, named, today);
        for (const p of rowProblems) problems.push(p);
        if (!row) continue;
        const key = createHash('sha1').update(duplicateKey(row)).digest('base64');
        const first = seen.get(key);
        if (first) {
          warnings.push({
            row: number,
            column: null,
            field: 'row',
            message: `trùng với dòng ${first} (tên, số tiền, ngày, tham chiếu)`,
          });
        } else seen.set(key, number);
        const paper = paperRow(number, row);
        if (paper) {
          const firstPaper = papers.get(paperKey(paper));
          if (firstPaper) problems.push(paperProblem(number, `trùng phiếu giấy với dòng ${firstPaper.row}`));
          else papers.set(paperKey(paper), paper);
        }
        total += row.amount;
        // Once a problem is found nothing will be kept: stop staging, keep checking.
        if (problems.length) continue;
        batch.push({ number, data: JSON.stringify(row) });
        if (batch.length === STAGE_BATCH) {
          await stage(batch);
          batch = [];
        }
      }
      if (!columns) problems.push({ row: 0, column: null, field: 'file', message: 'tệp không có dữ liệu' });
      for (const p of await this.paperTaken(this.donations.manager(), unitId, [...papers.values()])) {
        problems.push(p);
      }
    } catch (error) {
      if (error instanceof ImportFileError) {
        throw new CommonError(CommonErrorCode.FileInvalid, [{ field: 'file', message: error.message }]);
      }
      throw error;
    }
    if (total > Number.MAX_SAFE_INTEGER) {
      problems.push({
        row: 0,
        column: null,
        field: 'file',
        message: 'tổng tiền của tệp vượt giới hạn một quỹ; hãy chia tệp',
      });
    }
    if (!problems.length) await stage(batch);
    return { rowCount, total, problems, warnings };
  }

  /** The file's paper receipts already transcribed in the unit, as problems of their rows. */
  private async paperTaken(
    manager: EntityManager,
    unitId: string,
    papers: PaperRow[],
  ): Promise<ImportProblem[]> {
    const problems: ImportProblem[] = [];
    for (let i = 0; i < papers.length; i += BATCH) {
      const chunk = papers.slice(i, i + BATCH);
      const taken = new Set((await this.donations.paperReceiptsTaken(unitId, chunk, manager)).map(paperKey));
      for (const p of chunk) {
        if (taken.has(paperKey(p)))
          problems.push(
            paperProblem(
              p.row,
              `phiếu giấy quyển ${p.book}, số ${paperNumber(p.number)} năm ${p.year} đã được ghi nhận`,
            ),
          );
      }
    }
    return problems;
  }

  /** The XLSX to fill in: the headings the upload expects, in Vietnamese. */
  template(): Promise<Buffer> {
    return templateWorkbook(COLUMNS.map((c) => c.header));
  }

  async get(id: string): Promise<ImportReport> {
    const found = await this.donations.findImport(id);
    if (!found) throw fieldError(DonationErrorCode.ImportNotFound, 'id', 'không tìm thấy');
    return report(found);
  }

  /** All rows or none, in one transaction; receipt numbers follow the file's order. */
  commit(actor: Actor, idem: IdempotentRequest, id: string): Promise<Outcome<ImportCommitView>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      const imp = await this.donations.lockImport(manager, id);
      if (!imp) throw fieldError(DonationErrorCode.ImportNotFound, 'id', 'không tìm thấy');
      if (imp.status === 'committed') throw new DonationError(DonationErrorCode.ImportAlreadyCommitted);
      if (imp.status !== 'valid') throw new DonationError(DonationErrorCode.ImportInvalid);
      await this.refuseCommittedTwice(imp.fundId, imp.fileSha256, manager);
      const fund = (await this.ledger.findFund(imp.fundId, manager))!;
      const unit = await this.units.unitRef(fund.unitId, manager);

      // Locks in the order a single donation takes them (anonymous donor, fund row, receipt
      // counter), so the two can never deadlock; the fund must still be open and not overflow.
      let anonymous: Donor | null = (await this.donations.importHasAnonymous(manager, id))
        ? await this.donations.anonymousDonor(manager, fund.unitId, () =>
            donor(fund.unitId, { kind: 'anonymous' } as ImportRow, ANONYMOUS_DONOR_NAME),
          )
        : null;
      await this.ledger.lockOpenFundFor(manager, fund.id, imp.total);

      // Receipt numbers: one reservation per year, handed out in file order to the rows that
      // transcribe no paper receipt (those keep the paper's book and number).
      const next = new Map<number, number>();
      const years = await this.donations.importYears(manager, id);
      for (const { year, electronic } of years) {
        if (electronic === 0) continue;
        next.set(year, await this.donations.reserveReceiptNumbers(manager, fund.unitId, year, electronic));
      }
      const form = await this.units.receiptFormOf(fund.unitId, manager);
      const cashier = isCashier(actor, fund.unitId);
      // The rows go in as several statements: take every report-totals row they will touch now,
      // in the order a single statement would, so no other transaction can wait in a circle with us.
      await this.ledger.lockReportTotals(
        manager,
        fund.unitId,
        years.map((y) => y.year),
      );

      // Donors: the unit's known ones by tax code or name and phone, new ones made once each.
      const index = await this.donations.donorIndex(manager, fund.unitId);
      let first = '';
      let last = '';
      let donorsCreated = 0;
      // In batches read from the database, so memory stays flat whatever the file's size.
      for (let after = 0; ;) {
        const batch = await this.donations.importRows(manager, id, after, BATCH);
        if (batch.length === 0) break;
        // Checked at upload; a paper receipt recorded since then makes the import fail, naming the row.
        const papers = batch.flatMap(
          ({ number, data }) => paperRow(number, data as unknown as ImportRow) ?? [],
        );
        const [taken] = await this.paperTaken(manager, fund.unitId, papers);
        if (taken) {
          throw new DonationError(DonationErrorCode.PaperReceiptTaken, [
            { field: `row ${taken.row}`, message: taken.message },
          ]);
        }
        after = batch[batch.length - 1].number;
        const newDonors: Donor[] = [];
        const donations: Omit<Donation, 'createdAt' | 'unit' | 'fund' | 'donor' | 'entry'>[] = [];
        const codes = await this.codes.many(manager, batch.length);
        for (const [i, { data }] of batch.entries()) {
          const row = data as unknown as ImportRow;
          let payer: { id: string; name: string; address: string | null; taxCode: string | null };
          if (row.kind === 'anonymous') {
            anonymous ??= await this.donations.anonymousDonor(manager, fund.unitId, () =>
              donor(fund.unitId, row, ANONYMOUS_DONOR_NAME),
            );
            payer = anonymous;
          } else {
            const key = donorKey(searchKey(row.name!), row.phone, row.taxCode);
            const known = index.get(key);
            if (known) payer = { id: known, name: row.name!, address: row.address, taxCode: row.taxCode };
            else {
              const made = donor(fund.unitId, row, row.name!);
              newDonors.push(made);
              index.set(key, made.id);
              payer = made;
            }
          }
          const year = Number(row.receivedOn.slice(0, 4));
          const paper = paperRow(0, row);
          const number = paper ? null : next.get(year)!;
          if (number !== null) next.set(year, number + 1);
          const code = codes[i];
          const reason = row.purpose ?? `Ủng hộ ${fund.name}`;
          donations.push({
            id: randomUUID(),
            unitId: fund.unitId,
            fundId: fund.id,
            donorId: payer.id,
            amount: row.amount,
            method: row.method,
            inKindDescription: row.inKindDescription,
            receivedOn: row.receivedOn,
            reference: row.reference,
            purpose: row.purpose,
            note: row.note,
            entryId: randomUUID(),
            receiptYear: year,
            receiptNumber: number,
            paperBook: paper?.book ?? null,
            paperNumber: paper?.number ?? null,
            receiptCode: code,
            receiptSnapshot: receiptSnapshot({
              unit,
              fund,
              treasurer: actor,
              cashier,
              form,
              payer,
              year,
              number,
              paper,
              code,
              receivedOn: row.receivedOn,
              reason,
              amount: row.amount,
              method: row.method,
              reference: row.reference,
              inKindDescription: row.inKindDescription,
            }),
            importId: id,
            createdBy: actor.userId,
          });
        }
        await this.donations.insertDonorsBulk(manager, newDonors);
        donorsCreated += newDonors.length;
        await this.ledger.postDonations(
          manager,
          actor,
          { id: fund.id, unitId: fund.unitId },
          donations.map((d) => ({
            id: d.entryId,
            amount: d.amount,
            valueDate: d.receivedOn,
            description: `${d.receiptSnapshot.reason} — ${d.receiptSnapshot.payer.name}`,
            inKind: d.method === 'in_kind',
          })),
        );
        await this.donations.insertDonationsBulk(manager, donations);
        await this.documents.requestManyLater(
          manager,
          'receipt',
          fund.unitId,
          donations.map((d) => d.id),
        );
        first ||= receiptReference(donations[0]);
        last = receiptReference(donations[donations.length - 1]);
      }
      await this.donations.markImportCommitted(manager, id);
      await this.audit.record(manager, actor, {
        action: 'donation.import_commit',
        entityType: 'donation_import',
        entityId: id,
        unitId: fund.unitId,
        after: { rows: imp.rowCount, total: imp.total, donorsCreated, fileSha256: imp.fileSha256 },
      });
      const committed = (await this.donations.findImport(id, manager))!;
      return {
        status: 201,
        body: {
          ...report(committed),
          firstReceipt: first,
          lastReceipt: last,
        },
      };
    });
  }

  /** A file already committed to this fund is refused, with where to find the first import. */
  private async refuseCommittedTwice(fundId: string, sha256: string, manager?: EntityManager) {
    const prior = await this.donations.committedImport(fundId, sha256, manager);
    if (prior) {
      throw new DonationError(DonationErrorCode.ImportAlreadyCommitted, [
        {
          field: 'file',
          message: `tệp này đã được nhập ngày ${prior.committedAt?.toISOString().slice(0, 10)} (mã ${prior.id}, ${prior.rowCount} dòng)`,
        },
      ]);
    }
  }
}

function donor(unitId: string, row: ImportRow, name: string): Donor {
  return {
    id: randomUUID(),
    unitId,
    kind: row.kind,
    name,
    searchName: searchKey(name),
    phone: row.phone,
    address: row.address,
    taxCode: row.taxCode,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

function paperProblem(row: number, message: string): ImportProblem {
  const column = COLUMNS.find((c) => c.key === 'paperNumber')!.header;
  return { row, column, field: 'paperNumber', message };
}

function fieldError(code: DonationErrorCode, field: string, message: string) {
  return new DonationError(code, [{ field, message }]);
}

function wholeNumber(value: unknown, field: string, max: number): number {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,16}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new CommonError(CommonErrorCode.ValidationFailed, [
      { field, message: 'bắt buộc, số nguyên dương' },
    ]);
  }
  return Number(text);
}
