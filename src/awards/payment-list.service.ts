import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { exportStream, type ExportFormat } from '../common/csv-export.js';
import { CommonError, CommonErrorCode, FieldError } from '../common/errors.js';
import { isIsoDay, isUuid } from '../common/validation.js';
import { ImportFileError, readRows } from '../common/spreadsheet-rows.js';
import { cleanText, searchKey } from '../common/text.js';
import { associationName } from '../common/unit-names.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentsService } from '../documents/documents.service.js';
import { documentFonts } from '../documents/fonts.js';
import { VerificationCodes } from '../documents/verification-codes.js';
import { renderPaymentList } from '../../templates/payment-list.js';
import type { Actor } from '../identity/access/actor.js';
import { IdempotencyService, IdempotentRequest, Outcome } from '../ledger/idempotency.js';
import { LedgerService, notInFuture } from '../ledger/ledger.service.js';
import { UnitsService } from '../units/units.service.js';
import { AwardError, AwardErrorCode } from './awards.errors.js';
import { AwardsRepository } from './awards.repository.js';
import { certificateSnapshot, paymentDescription } from './certificate-snapshot.js';

/** The list's columns; the import finds them by heading, whatever their order. */
const HEADER = {
  id: 'Mã suất',
  number: 'STT',
  name: 'Họ và tên',
  birthDate: 'Ngày sinh',
  school: 'Trường, lớp / Nơi làm việc',
  unit: 'Đơn vị đề cử',
  category: 'Hạng mục',
  amount: 'Số tiền (đồng)',
  status: 'Trạng thái',
  received: 'Đã nhận (ghi x)',
  signer: 'Người ký nhận (Người nhận / Người giám hộ)',
  signature: 'Ký nhận',
} as const;

const SIGNERS: Record<string, 'recipient' | 'guardian'> = {
  'nguoi nhan': 'recipient',
  'nguoi giam ho': 'guardian',
};

export interface PaymentListFields {
  paidOn?: unknown;
  handedOverBy?: unknown;
}

/**
 * The round's signature list (danh sách ký nhận): exported for the ceremony, and imported back
 * once signed, paying every row marked received in one transaction, or none.
 */
@Injectable()
export class PaymentListService {
  constructor(
    private readonly awards: AwardsRepository,
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly units: UnitsService,
    private readonly documents: DocumentsService,
    private readonly codes: VerificationCodes,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async export(roundId: string, format: ExportFormat | 'pdf'): Promise<Readable> {
    const rows = await this.awards.paymentListRows(roundId);
    if (format === 'pdf') return this.pdf(roundId, rows);
    const lines = rows.map((r, i) => [
      r.id,
      i + 1,
      r.fullName,
      r.birthDate.split('-').reverse().join('/'),
      [r.school, r.className].filter(Boolean).join(', ') || r.workplace,
      r.unitName,
      r.categoryName,
      Number(r.amount),
      r.status === 'paid' ? 'Đã chi' : 'Chưa chi',
      '',
      '',
      '',
    ]);
    return exportStream(
      format,
      'Danh sách ký nhận',
      Object.values(HEADER),
      (async function* () {
        yield lines;
      })(),
    );
  }

  /** The list to print and sign, dated by the decision (the same record gives the same bytes). */
  private async pdf(
    roundId: string,
    rows: Awaited<ReturnType<AwardsRepository['paymentListRows']>>,
  ): Promise<Readable> {
    const round = (await this.awards.findRound(roundId))!;
    const unit = await this.units.unitWithParent(round.unitId);
    return renderPaymentList(
      {
        unitName: associationName(unit.name),
        parentName: unit.parentName ? associationName(unit.parentName) : null,
        roundTitle: round.title,
        period: round.period,
        decision: round.decisionNumber ? { number: round.decisionNumber, date: round.decisionDate! } : null,
        dated: round.decisionDate ?? round.nominationClosesOn,
        place: unit.name,
        rows: rows.map((r) => ({
          fullName: r.fullName,
          birthDate: r.birthDate,
          schoolOrWork: [r.school, r.className].filter(Boolean).join(', ') || r.workplace || '',
          unitName: r.unitName,
          categoryName: r.categoryName,
          amount: Number(r.amount),
          paid: r.status === 'paid',
        })),
      },
      documentFonts(),
    );
  }

  /** Pays every row marked received, all in one transaction; any problem and nothing is paid. */
  async import(
    actor: Actor,
    idem: IdempotentRequest,
    roundId: string,
    file: Express.Multer.File | undefined,
    fields: PaymentListFields,
  ): Promise<Outcome<{ paid: number; total: number }>> {
    if (!file)
      throw new CommonError(CommonErrorCode.FileInvalid, [
        { field: 'file', message: 'bắt buộc (.xlsx hoặc .csv)' },
      ]);
    const problems: FieldError[] = [];
    const paidOn = typeof fields.paidOn === 'string' ? fields.paidOn : '';
    if (!isIsoDay(paidOn)) problems.push({ field: 'paidOn', message: 'bắt buộc, ngày dạng YYYY-MM-DD' });
    const handedOverBy = typeof fields.handedOverBy === 'string' ? cleanText(fields.handedOverBy) : '';
    if (!handedOverBy || handedOverBy.length > 200)
      problems.push({ field: 'handedOverBy', message: 'bắt buộc: người trao (tối đa 200 ký tự)' });
    if (problems.length) throw new CommonError(CommonErrorCode.ValidationFailed, problems);
    notInFuture(paidOn, 'paidOn');

    const marked = await this.readMarked(file.buffer);
    // The same key with another file is another request: the file's hash is part of it.
    const fileHash = createHash('sha256').update(file.buffer).digest('hex');
    const request = {
      key: idem.key,
      hash: createHash('sha256')
        .update(idem.hash + fileHash)
        .digest('hex'),
    };
    return this.idempotency.run(actor.userId, request, async (manager) => {
      const round = (await this.awards.lockRoundShared(manager, roundId))!;
      if (round.status !== 'paying')
        throw new AwardError(AwardErrorCode.RoundState, [], 'Chỉ chi trả khi đợt xét đang ở bước chi trả.');
      if (paidOn < round.decisionDate!)
        throw new AwardError(
          AwardErrorCode.RoundState,
          [{ field: 'paidOn', message: 'trước ngày quyết định' }],
          'Ngày chi không hợp lệ.',
        );
      const ids = [...marked.keys()];
      const awards = new Map((await this.awards.lockAwards(manager, ids)).map((a) => [a.id, a]));
      const rowProblems: FieldError[] = [];
      for (const [id, { row }] of marked) {
        const award = awards.get(id);
        if (!award || award.roundId !== round.id)
          rowProblems.push({ field: 'file', message: `dòng ${row}: mã suất không thuộc đợt xét này` });
        else if (award.status === 'paid')
          rowProblems.push({ field: 'file', message: `dòng ${row}: ${award.fullName} đã được chi trả` });
        else if (award.status === 'revoked')
          rowProblems.push({
            field: 'file',
            message: `dòng ${row}: suất của ${award.fullName} đã bị thu hồi`,
          });
      }
      if (rowProblems.length)
        throw new AwardError(AwardErrorCode.PaymentListInvalid, rowProblems.slice(0, 200));

      const unit = await this.units.unitWithParent(round.unitId, manager);
      const categories = new Map((await this.awards.categories(round.id, manager)).map((c) => [c.id, c]));
      const chair = (await this.awards.committee(round.id, manager)).find((m) => m.role === 'chair');
      const nominations = new Map(
        (
          await this.awards.findNominations(
            manager,
            [...awards.values()].map((a) => a.nominationId),
          )
        ).map((n) => [n.id, n]),
      );
      const counts = await this.awards.paymentCounts(manager, ids);
      const codes = await this.codes.many(manager, awards.size);
      const payments = [...awards.values()].map((award, i) => {
        const category = categories.get(award.categoryId)!;
        const nomination = nominations.get(award.nominationId)!;
        return {
          award,
          entry: {
            id: randomUUID(),
            amount: award.amount,
            valueDate: paidOn,
            description: paymentDescription(category, nomination, round),
          },
          snapshot: certificateSnapshot({
            unit,
            round,
            category,
            nomination,
            chair,
            amount: award.amount,
            date: paidOn,
            code: codes[i],
          }),
        };
      });
      await this.ledger.disburseMany(
        manager,
        actor,
        { id: round.fundId, unitId: round.unitId },
        payments.map((p) => p.entry),
      );
      await this.awards.insertPaymentsBulk(
        manager,
        payments.map((p) => ({
          id: randomUUID(),
          awardId: p.award.id,
          attempt: (counts.get(p.award.id) ?? 0) + 1,
          entryId: p.entry.id,
          method: 'cash' as const,
          paidOn,
          handedOverBy,
          signedBy: marked.get(p.award.id)!.signer,
          bankAccount: null,
          bankName: null,
          reference: null,
          certificateSnapshot: p.snapshot,
          certificateCode: p.snapshot.code,
          createdBy: actor.userId,
        })),
      );
      await this.documents.requestManyAgain(manager, 'certificate', round.unitId, ids);
      const total = payments.reduce((sum, p) => sum + p.award.amount, 0);
      await this.audit.record(manager, actor, {
        action: 'award.pay_list',
        entityType: 'award_round',
        entityId: round.id,
        unitId: round.unitId,
        after: { paid: payments.length, total, paidOn, handedOverBy, fileSha256: fileHash },
      });
      return { status: 201, body: { paid: payments.length, total } };
    });
  }

  /** The rows marked received, by award id, with who signed; problems by row and column. */
  private async readMarked(
    buffer: Buffer,
  ): Promise<Map<string, { row: number; signer: 'recipient' | 'guardian' }>> {
    const marked = new Map<string, { row: number; signer: 'recipient' | 'guardian' }>();
    const problems: FieldError[] = [];
    let columns: { id: number; received: number; signer: number } | null = null;
    try {
      for await (const { number, cells } of readRows(buffer, this.config.imports)) {
        const text = (i: number) =>
          cells[i] === null || cells[i] === undefined ? '' : String(cells[i]).trim();
        if (!columns) {
          const find = (heading: string) =>
            cells.findIndex((c) => searchKey(String(c ?? '')) === searchKey(heading));
          columns = { id: find(HEADER.id), received: find(HEADER.received), signer: find(HEADER.signer) };
          for (const [key, index] of Object.entries(columns)) {
            if (index < 0)
              problems.push({ field: 'file', message: `thiếu cột "${HEADER[key as keyof typeof columns]}"` });
          }
          if (problems.length) break;
          continue;
        }
        if (!/^(x|✓|co|da nhan)$/.test(searchKey(text(columns.received)))) continue;
        const id = text(columns.id).toLowerCase();
        const signer = SIGNERS[searchKey(text(columns.signer))];
        if (!isUuid(id)) problems.push({ field: 'file', message: `dòng ${number}: mã suất không hợp lệ` });
        else if (marked.has(id))
          problems.push({
            field: 'file',
            message: `dòng ${number}: trùng mã suất với dòng ${marked.get(id)!.row}`,
          });
        if (!signer)
          problems.push({
            field: 'file',
            message: `dòng ${number}: ghi "Người nhận" hoặc "Người giám hộ" ở cột người ký nhận`,
          });
        if (signer && !marked.has(id)) marked.set(id, { row: number, signer });
      }
    } catch (error) {
      if (error instanceof ImportFileError)
        throw new CommonError(CommonErrorCode.FileInvalid, [{ field: 'file', message: error.message }]);
      throw error;
    }
    if (!columns) problems.push({ field: 'file', message: 'tệp không có dữ liệu' });
    else if (!problems.length && marked.size === 0)
      problems.push({ field: 'file', message: 'không có dòng nào ghi "x" ở cột đã nhận' });
    if (problems.length) throw new AwardError(AwardErrorCode.PaymentListInvalid, problems.slice(0, 200));
    return marked;
  }
}
