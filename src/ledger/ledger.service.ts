import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import { todayInVietnam } from '../common/dates.js';
import { searchKey } from '../common/text.js';
import { formatMoney } from '../common/vi-format.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import {
  AsOfDayQuery,
  CreateFundDto,
  EntryView,
  FundBalanceView,
  FundEntriesQuery,
  FundEntryPage,
  FundPage,
  FundView,
  ListFundsQuery,
  OpeningBalanceDto,
  ReverseEntryDto,
  TransferDto,
  TransferView,
} from './dto/fund.dto.js';
import type { EntryKind, JournalEntry } from './entities/journal-entry.entity.js';
import { IdempotencyService, IdempotentRequest, Outcome } from './idempotency.js';
import { LedgerError, LedgerErrorCode } from './ledger.errors.js';
import { FundDelta, FundRow, LedgerRepository, NewEntry, PostingLine } from './ledger.repository.js';

const toView = (f: FundRow): FundView => ({
  id: f.id,
  unitId: f.unitId,
  unitName: f.unitName,
  name: f.name,
  kind: f.kind,
  restriction: f.restriction,
  balance: f.balance,
  reserved: f.reserved,
  available: f.balance - f.reserved,
  inKind: f.inKind,
  status: f.status,
  createdAt: f.createdAt,
  closedAt: f.closedAt,
});

/** Who posts: the audit context plus the user id the entry records. */
export type PostingContext = AuditContext & { actorId: string | null };

/** Entry kinds a person may reverse here; donations are voided, awards revoked, in their modules. */
const REVERSIBLE: EntryKind[] = ['transfer', 'opening_balance', 'in_kind_issue'];

/**
 * The only writer of the journal. Every movement goes through `post`: it locks the funds it
 * touches in id order, refuses what would overdraw or over-reserve a fund, and writes the
 * entry, its postings and the balance projection in the caller's transaction.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
  ) {}

  // The core, used by this module and by donations and awards inside their own transactions.

  async post(manager: EntityManager, entry: NewEntry, lines: PostingLine[]): Promise<string> {
    let sum = 0;
    for (const line of lines) {
      if (!Number.isSafeInteger(line.amount) || line.amount === 0) throw new Error('posting amount invalid');
      sum += line.amount;
    }
    if (lines.length < 2 || sum !== 0) throw new Error('journal entry does not balance');

    const deltas = new Map<string, FundDelta>();
    for (const line of lines) {
      if (!line.fundId) continue;
      const d = deltas.get(line.fundId) ?? { balance: 0, reserved: 0, inKind: 0 };
      if (line.inKindPart) d.inKind += line.amount;
      else d.balance += line.amount;
      if (line.reservedPart) d.reserved += line.amount;
      deltas.set(line.fundId, d);
    }
    const funds = await this.ledger.lockFunds(manager, [...deltas.keys()]);
    for (const [fundId, d] of deltas) {
      const fund = funds.get(fundId);
      if (!fund) throw new LedgerError(LedgerErrorCode.FundNotFound);
      if (fund.status !== 'open') throw new LedgerError(LedgerErrorCode.FundClosed);
      const balance = fund.balance + d.balance;
      const reserved = fund.reserved + d.reserved;
      const inKind = fund.inKind + d.inKind;
      const own = fund.unitId === entry.unitId;
      if (balance > Number.MAX_SAFE_INTEGER || inKind > Number.MAX_SAFE_INTEGER)
        throw new LedgerError(LedgerErrorCode.FundTooLarge);
      if (inKind < 0) {
        throw new LedgerError(
          LedgerErrorCode.InKindInsufficient,
          [],
          own ? inKindMessage(fund.name, fund.inKind) : undefined,
        );
      }
      if (reserved < 0 || balance - reserved < 0) {
        // Name and balance only of the acting unit's own fund: another unit's stay unseen.
        throw new LedgerError(
          LedgerErrorCode.FundInsufficient,
          [],
          own ? insufficientMessage(fund.name, fund.balance - fund.reserved) : undefined,
        );
      }
    }
    return this.ledger.writeEntry(manager, entry, lines, deltas);
  }

  /**
   * Credits an open fund with a gift, taking the fund's row lock first: every money path locks
   * its funds before anything else (then a receipt counter, then the postings, whose trigger
   * locks the report totals), so no two transactions ever wait on each other in a circle.
   */
  async creditDonation(
    manager: EntityManager,
    fundId: string,
    amount: number,
    inKind = false,
  ): Promise<void> {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error('amount invalid');
    // A credit cannot overdraw; the row must still be open (a close may have happened since the
    // read) and stay within 2^53 đồng. Goods add to the fund's in-kind value, not its cash.
    if (!(await this.ledger.creditOpenFund(manager, fundId, amount, inKind))) {
      const fund = await this.ledger.findFund(fundId, manager);
      if (fund?.status === 'open')
        throw new LedgerError(LedgerErrorCode.FundTooLarge, [
          { field: 'amount', message: 'quá lớn cho quỹ này' },
        ]);
      throw new LedgerError(LedgerErrorCode.FundClosed, [{ field: 'fundId', message: 'quỹ đã đóng' }]);
    }
  }

  /**
   * A gift's journal entry, after creditDonation credited its fund in the same transaction: money
   * to the fund's available cash, goods (`inKind`) to its in-kind account at their value.
   */
  async postDonation(
    manager: EntityManager,
    ctx: PostingContext,
    input: {
      fundId: string;
      unitId: string;
      amount: number;
      receivedOn: string;
      description: string;
      inKind: boolean;
    },
  ): Promise<string> {
    const accounts = await this.ledger.fundAccounts(manager, input.fundId);
    const income = await this.ledger.unitAccount(manager, input.unitId, 'unit_income');
    return this.ledger.writeEntry(
      manager,
      entryOf('donation', input.unitId, input.receivedOn, input.description, ctx),
      [
        {
          accountId: input.inKind ? accounts.inKind : accounts.available,
          fundId: input.fundId,
          unitId: input.unitId,
          reservedPart: false,
          amount: input.amount,
        },
        { accountId: income, fundId: null, unitId: input.unitId, reservedPart: false, amount: -input.amount },
      ],
      new Map(),
    );
  }

  /** Takes the report-totals rows a unit's postings in `years` will update (see TotalsLocking). */
  async lockReportTotals(manager: EntityManager, unitId: string, years: number[]): Promise<void> {
    await manager.query(`SELECT lock_report_totals($1, $2::smallint[])`, [unitId, years]);
  }

  /** Locks an open fund's row before a bulk credit of `amount`, refusing a balance past 2^53 đồng. */
  async lockOpenFundFor(manager: EntityManager, fundId: string, amount: number): Promise<void> {
    const fund = (await this.ledger.lockFunds(manager, [fundId])).get(fundId);
    if (!fund) throw new LedgerError(LedgerErrorCode.FundNotFound);
    if (fund.status !== 'open') throw new LedgerError(LedgerErrorCode.FundClosed);
    if (fund.balance + amount > Number.MAX_SAFE_INTEGER) throw new LedgerError(LedgerErrorCode.FundTooLarge);
  }

  /** Many donations into one open fund, one balanced entry each (imports); goods to its in-kind account. */
  async postDonations(
    manager: EntityManager,
    ctx: PostingContext,
    fund: { id: string; unitId: string },
    entries: { id: string; amount: number; valueDate: string; description: string; inKind: boolean }[],
  ): Promise<void> {
    const locked = (await this.ledger.lockFunds(manager, [fund.id])).get(fund.id);
    if (!locked) throw new LedgerError(LedgerErrorCode.FundNotFound);
    if (locked.status !== 'open') throw new LedgerError(LedgerErrorCode.FundClosed);
    if (entries.some((e) => !Number.isSafeInteger(e.amount) || e.amount <= 0))
      throw new Error('amount invalid');
    const accounts = await this.ledger.fundAccounts(manager, fund.id);
    const income = await this.ledger.unitAccount(manager, fund.unitId, 'unit_income');
    for (const inKind of [false, true]) {
      const part = entries.filter((e) => e.inKind === inKind);
      if (part.length === 0) continue;
      await this.ledger.writeFundEntries(
        manager,
        'donation',
        fund,
        inKind
          ? { fund: accounts.inKind, counter: income, part: 'in_kind', sign: 1 }
          : { fund: accounts.available, counter: income, part: 'available', sign: 1 },
        part,
        { createdBy: ctx.actorId, requestId: ctx.requestId },
      );
    }
  }

  /** An entry undone by its mirror image, once; the balances must allow it. */
  async postReversal(
    manager: EntityManager,
    ctx: PostingContext,
    entry: JournalEntry,
    reason: string,
    valueDate: string,
  ): Promise<string> {
    await this.ledger.lockEntry(manager, entry.id);
    if (await this.ledger.isReversed(manager, entry.id)) {
      throw new LedgerError(LedgerErrorCode.EntryAlreadyReversed);
    }
    const lines = (await this.ledger.postingsOf(manager, entry.id)).map((p) => ({
      accountId: p.accountId,
      fundId: p.fundId,
      unitId: p.unitId,
      reservedPart: p.kind === 'fund_reserved',
      inKindPart: p.kind === 'fund_in_kind',
      amount: -Number(p.amount),
    }));
    return this.post(
      manager,
      { ...entryOf('reversal', entry.unitId, valueDate, reason, ctx), reversesEntryId: entry.id },
      lines,
    );
  }

  /**
   * Money set aside in a fund for an award round (`reservation`: available → reserved) or given
   * back (`release`: reserved → available). The balance is unchanged; available must stay ≥ 0.
   */
  async moveReserved(
    manager: EntityManager,
    ctx: PostingContext,
    kind: 'reservation' | 'release',
    input: { fundId: string; unitId: string; amount: number; valueDate: string; description: string },
  ): Promise<string> {
    const accounts = await this.ledger.fundAccounts(manager, input.fundId);
    const toReserved = kind === 'reservation' ? input.amount : -input.amount;
    const line = { fundId: input.fundId, unitId: input.unitId };
    return this.post(manager, entryOf(kind, input.unitId, input.valueDate, input.description, ctx), [
      { ...line, accountId: accounts.available, reservedPart: false, amount: -toReserved },
      { ...line, accountId: accounts.reserved, reservedPart: true, amount: toReserved },
    ]);
  }

  /** An award paid to its recipient, out of the fund's reserved part. */
  async disburse(
    manager: EntityManager,
    ctx: PostingContext,
    input: { fundId: string; unitId: string; amount: number; valueDate: string; description: string },
  ): Promise<string> {
    const accounts = await this.ledger.fundAccounts(manager, input.fundId);
    const payout = await this.ledger.unitAccount(manager, input.unitId, 'unit_payout');
    return this.post(
      manager,
      entryOf('disbursement', input.unitId, input.valueDate, input.description, ctx),
      [
        {
          accountId: accounts.reserved,
          fundId: input.fundId,
          unitId: input.unitId,
          reservedPart: true,
          amount: -input.amount,
        },
        { accountId: payout, fundId: null, unitId: input.unitId, reservedPart: false, amount: input.amount },
      ],
    );
  }

  /** Many awards paid at once (a signed payment list), one disbursement entry each. */
  async disburseMany(
    manager: EntityManager,
    ctx: PostingContext,
    fund: { id: string; unitId: string },
    entries: { id: string; amount: number; valueDate: string; description: string }[],
  ): Promise<void> {
    const locked = (await this.ledger.lockFunds(manager, [fund.id])).get(fund.id);
    if (!locked) throw new LedgerError(LedgerErrorCode.FundNotFound);
    if (locked.status !== 'open') throw new LedgerError(LedgerErrorCode.FundClosed);
    if (entries.some((e) => !Number.isSafeInteger(e.amount) || e.amount <= 0))
      throw new Error('amount invalid');
    if (entries.reduce((sum, e) => sum + e.amount, 0) > locked.reserved)
      throw new LedgerError(LedgerErrorCode.FundInsufficient);
    const accounts = await this.ledger.fundAccounts(manager, fund.id);
    const payout = await this.ledger.unitAccount(manager, fund.unitId, 'unit_payout');
    await this.ledger.writeFundEntries(
      manager,
      'disbursement',
      fund,
      { fund: accounts.reserved, counter: payout, part: 'reserved', sign: -1 },
      entries,
      { createdBy: ctx.actorId, requestId: ctx.requestId },
    );
  }

  findEntry(manager: EntityManager, id: string): Promise<JournalEntry | null> {
    return this.ledger.findEntry(manager, id);
  }

  /** A fund's row, locked (in the order every money path takes it: funds first). */
  async lockFund(manager: EntityManager, id: string) {
    return (await this.ledger.lockFunds(manager, [id])).get(id) ?? null;
  }

  /**
   * Moves `amount` of a fund's value between its available cash and its in-kind account
   * (`toInKind`), one balanced `reclassification` entry. Voiding a gift of goods that the
   * upgrade to in-kind accounts reclassified uses it to take the value back to where the gift's
   * own entry put it, so the void can mirror that entry exactly.
   */
  async reclassify(
    manager: EntityManager,
    ctx: PostingContext,
    input: { fundId: string; unitId: string; amount: number; valueDate: string; description: string },
    toInKind: boolean,
  ): Promise<string> {
    const accounts = await this.ledger.fundAccounts(manager, input.fundId);
    const sign = toInKind ? 1 : -1;
    const line = { fundId: input.fundId, unitId: input.unitId, reservedPart: false };
    return this.post(
      manager,
      entryOf('reclassification', input.unitId, input.valueDate, input.description, ctx),
      [
        { ...line, accountId: accounts.available, amount: -sign * input.amount },
        { ...line, accountId: accounts.inKind, inKindPart: true, amount: sign * input.amount },
      ],
    );
  }

  /** Whether an entry put value on a fund's available (cash) account. */
  async postsToCash(manager: EntityManager, entryId: string): Promise<boolean> {
    return (await this.ledger.postingsOf(manager, entryId)).some((p) => p.kind === 'fund_available');
  }

  /**
   * Goods handed out (xuất hiện vật) to learners or a school: their value leaves the fund's
   * in-kind account for the unit's payout account; never more than the fund holds.
   */
  async issueInKind(
    manager: EntityManager,
    ctx: PostingContext,
    input: { fundId: string; unitId: string; amount: number; valueDate: string; description: string },
  ): Promise<string> {
    const accounts = await this.ledger.fundAccounts(manager, input.fundId);
    const payout = await this.ledger.unitAccount(manager, input.unitId, 'unit_payout');
    return this.post(
      manager,
      entryOf('in_kind_issue', input.unitId, input.valueDate, input.description, ctx),
      [
        {
          accountId: accounts.inKind,
          fundId: input.fundId,
          unitId: input.unitId,
          reservedPart: false,
          inKindPart: true,
          amount: -input.amount,
        },
        { accountId: payout, fundId: null, unitId: input.unitId, reservedPart: false, amount: input.amount },
      ],
    );
  }

  /** A fund as the caller's transaction sees it (for donations). */
  findFund(id: string, manager?: EntityManager): Promise<FundRow | null> {
    return this.ledger.findFund(id, manager);
  }

  // The module's own API.

  async createFund(actor: Actor, dto: CreateFundDto): Promise<FundView> {
    const id = randomUUID();
    await this.ledger.transaction(async (manager) => {
      await this.ledger.insertFund(manager, {
        id,
        unitId: dto.unitId,
        name: dto.name,
        searchName: searchKey(dto.name),
        kind: dto.kind,
        restriction: dto.restriction ?? null,
        status: 'open',
        balance: 0,
        reserved: 0,
        inKind: 0,
      });
      await this.audit.record(manager, actor, {
        action: 'fund.create',
        entityType: 'fund',
        entityId: id,
        unitId: dto.unitId,
        after: { name: dto.name, kind: dto.kind, restriction: dto.restriction ?? null },
      });
    });
    return this.getFund(id);
  }

  async listFunds(actor: Actor, query: ListFundsQuery, unitPath?: string): Promise<FundPage> {
    const { items, total } = await this.ledger.listFunds({
      scope: actor.scope(Action.FundsRead),
      unitPath,
      q: query.q,
      status: query.status,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: items.map(toView), total, page: query.page, pageSize: query.pageSize };
  }

  async getFund(id: string): Promise<FundView> {
    return toView(await this.mustFindFund(id));
  }

  async balanceAsOf(id: string, query: AsOfDayQuery): Promise<FundBalanceView> {
    await this.mustFindFund(id);
    const asOf = query.asOf ?? todayInVietnam();
    const { balance, reserved, inKind } = await this.ledger.balanceAsOf(id, asOf);
    return { fundId: id, asOf, balance, reserved, available: balance - reserved, inKind };
  }

  async entries(id: string, query: FundEntriesQuery): Promise<FundEntryPage> {
    await this.mustFindFund(id);
    const { items, total } = await this.ledger.entriesOfFund(id, {
      from: query.from,
      to: query.to,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async closeFund(actor: Actor, id: string): Promise<FundView> {
    await this.ledger.transaction(async (manager) => {
      const funds = await this.ledger.lockFunds(manager, [id]);
      const fund = funds.get(id);
      if (!fund)
        throw new LedgerError(LedgerErrorCode.FundNotFound, [{ field: 'id', message: 'không tìm thấy' }]);
      if (fund.status === 'closed') throw new LedgerError(LedgerErrorCode.FundClosed);
      if (!(await this.ledger.closeFund(manager, id))) throw new LedgerError(LedgerErrorCode.FundNotEmpty);
      await this.audit.record(manager, actor, {
        action: 'fund.close',
        entityType: 'fund',
        entityId: id,
        unitId: fund.unitId,
        before: { status: 'open' },
        after: { status: 'closed' },
      });
    });
    return this.getFund(id);
  }

  transfer(actor: Actor, idem: IdempotentRequest, dto: TransferDto): Promise<Outcome<TransferView>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      if (dto.fromFundId === dto.toFundId) {
        throw new LedgerError(LedgerErrorCode.TransferSameFund, [
          { field: 'toFundId', message: 'trùng quỹ chuyển' },
        ]);
      }
      notInFuture(dto.occurredOn, 'occurredOn');
      const from = await this.ledger.findFund(dto.fromFundId, manager);
      const to = await this.ledger.findFund(dto.toFundId, manager);
      if (!from) throw fundNotFound('fromFundId');
      // The receiving fund may belong to the parent or a child: related units only, else "not found".
      const related =
        to &&
        (to.unitId === from.unitId || to.unitId === from.unitParentId || to.unitParentId === from.unitId);
      if (!to || !related) throw fundNotFound('toFundId');
      const [fromAccounts, toAccounts] = [
        await this.ledger.fundAccounts(manager, from.id),
        await this.ledger.fundAccounts(manager, to.id),
      ];
      const description = dto.note ?? `Điều chuyển từ ${from.name} sang ${to.name}`;
      const entryId = await this.post(
        manager,
        entryOf('transfer', from.unitId, dto.occurredOn, description, actor),
        [
          {
            accountId: fromAccounts.available,
            fundId: from.id,
            unitId: from.unitId,
            reservedPart: false,
            amount: -dto.amount,
          },
          {
            accountId: toAccounts.available,
            fundId: to.id,
            unitId: to.unitId,
            reservedPart: false,
            amount: dto.amount,
          },
        ],
      );
      const body: TransferView = {
        id: entryId,
        entryId,
        fromFundId: from.id,
        toFundId: to.id,
        amount: dto.amount,
        occurredOn: dto.occurredOn,
        note: dto.note ?? null,
      };
      await this.audit.record(manager, actor, {
        action: 'ledger.transfer',
        entityType: 'entry',
        entityId: entryId,
        unitId: from.unitId,
        after: { ...body },
      });
      return { status: 201, body };
    });
  }

  openingBalance(
    actor: Actor,
    idem: IdempotentRequest,
    fundId: string,
    dto: OpeningBalanceDto,
  ): Promise<Outcome<FundView & { entryId: string }>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      notInFuture(dto.asOf, 'asOf');
      const fund = await this.ledger.findFund(fundId, manager);
      if (!fund) throw fundNotFound('id');
      // Under the fund's row lock, so two requests cannot both find it empty.
      await this.ledger.lockFunds(manager, [fundId]);
      if (await this.ledger.hasOpeningBalance(manager, fundId)) {
        throw new LedgerError(LedgerErrorCode.OpeningBalanceExists);
      }
      const accounts = await this.ledger.fundAccounts(manager, fundId);
      const opening = await this.ledger.unitAccount(manager, fund.unitId, 'unit_opening');
      const entryId = await this.post(
        manager,
        entryOf(
          'opening_balance',
          fund.unitId,
          dto.asOf,
          `Số dư đầu kỳ theo sổ sách: ${dto.reference}`,
          actor,
        ),
        [
          {
            accountId: accounts.available,
            fundId,
            unitId: fund.unitId,
            reservedPart: false,
            amount: dto.amount,
          },
          { accountId: opening, fundId: null, unitId: fund.unitId, reservedPart: false, amount: -dto.amount },
        ],
      );
      await this.ledger.insertOpeningBalance(manager, { fundId, entryId, ...dto });
      await this.audit.record(manager, actor, {
        action: 'ledger.opening_balance',
        entityType: 'fund',
        entityId: fundId,
        unitId: fund.unitId,
        after: { entryId, amount: dto.amount, asOf: dto.asOf, reference: dto.reference },
      });
      const updated = (await this.ledger.findFund(fundId, manager))!;
      return { status: 201, body: { ...toView(updated), entryId } };
    });
  }

  reverse(
    actor: Actor,
    idem: IdempotentRequest,
    entryId: string,
    dto: ReverseEntryDto,
  ): Promise<Outcome<EntryView>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      const entry = await this.ledger.findEntry(manager, entryId);
      if (!entry)
        throw new LedgerError(LedgerErrorCode.EntryNotFound, [{ field: 'id', message: 'không tìm thấy' }]);
      if (!REVERSIBLE.includes(entry.kind)) throw new LedgerError(LedgerErrorCode.EntryNotReversible);
      const reversalId = await this.postReversal(manager, actor, entry, dto.reason, todayInVietnam());
      await this.audit.record(manager, actor, {
        action: 'ledger.reverse',
        entityType: 'entry',
        entityId: reversalId,
        unitId: entry.unitId,
        after: { reverses: entry.id, reason: dto.reason },
      });
      const body: EntryView = {
        id: reversalId,
        kind: 'reversal',
        unitId: entry.unitId,
        valueDate: todayInVietnam(),
        description: dto.reason,
        reversesEntryId: entry.id,
      };
      return { status: 201, body };
    });
  }

  private async mustFindFund(id: string): Promise<FundRow> {
    const fund = await this.ledger.findFund(id);
    if (!fund) throw fundNotFound('id');
    return fund;
  }
}

function entryOf(
  kind: EntryKind,
  unitId: string,
  valueDate: string,
  description: string,
  ctx: PostingContext,
): NewEntry {
  return { kind, unitId, valueDate, description, createdBy: ctx.actorId, requestId: ctx.requestId };
}

function fundNotFound(field: string) {
  return new LedgerError(LedgerErrorCode.FundNotFound, [{ field, message: 'không tìm thấy' }]);
}

export function notInFuture(day: string, field: string): void {
  if (day > todayInVietnam())
    throw new LedgerError(LedgerErrorCode.DateInFuture, [{ field, message: 'không được ở tương lai' }]);
}

function insufficientMessage(name: string, available: number): string {
  return `Số dư khả dụng của ${name} không đủ (còn ${available.toLocaleString('vi-VN')} đ).`;
}

function inKindMessage(name: string, held: number): string {
  return `Giá trị hiện vật còn giữ trong ${name} không đủ (còn ${formatMoney(held)}).`;
}
