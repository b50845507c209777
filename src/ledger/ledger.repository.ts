import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { bigintTransformer } from '../database/bigint.transformer.js';
import { escapeLike, searchKey } from '../common/text.js';
import { copyRows } from '../database/copy.js';
import { locateBy, type UnitLocation } from '../identity/access/locators.js';
import { Fund } from './entities/fund.entity.js';
import { EntryKind, JournalEntry } from './entities/journal-entry.entity.js';
import type { AccountKind } from './entities/ledger-account.entity.js';

export interface FundAccounts {
  available: string;
  reserved: string;
  inKind: string;
}

/** Which of a fund's parts a posting moves: its cash (free or reserved) or its in-kind value. */
export type FundPart = 'available' | 'reserved' | 'in_kind';

/** Changes of a fund's projection: cash balance, its reserved part, and in-kind value held. */
export interface FundDelta {
  balance: number;
  reserved: number;
  inKind: number;
}

export interface PostingLine {
  accountId: string;
  /** The account's unit. */
  unitId: string;
  /** Set for the fund accounts; drives the balance projection. */
  fundId: string | null;
  reservedPart: boolean;
  /** A posting to the fund's in-kind account (moves `in_kind`, not the cash balance). */
  inKindPart?: boolean;
  amount: number;
}

export interface NewEntry {
  kind: EntryKind;
  unitId: string;
  valueDate: string;
  description: string;
  reversesEntryId?: string | null;
  createdBy: string | null;
  requestId: string | null;
}

export interface FundRow extends Fund {
  unitPath: string;
  unitParentId: string | null;
  unitName: string;
  unitCode: string;
  unitAddress: string | null;
}

export interface FundFilter {
  scope: string[];
  unitPath?: string;
  q?: string;
  status?: 'open' | 'closed';
  offset: number;
  limit: number;
}

export interface EntryLine {
  entryId: string;
  kind: EntryKind;
  valueDate: string;
  description: string;
  amount: number;
  reservedPart: number;
  inKindPart: number;
  reversesEntryId: string | null;
  reversedBy: string | null;
  createdAt: Date;
}

/** Narrow queries over funds, accounts, entries and postings. Only this module writes them. */
@Injectable()
export class LedgerRepository {
  // Account ids never change once created: remembered per process.
  private readonly unitAccounts = new Map<string, string>();
  private readonly fundAccountIds = new Map<string, FundAccounts>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertFund(
    manager: EntityManager,
    fund: Omit<Fund, 'createdAt' | 'closedAt' | 'unit'>,
  ): Promise<void> {
    await manager.insert(Fund, fund);
    await manager.query(
      `INSERT INTO ledger_accounts (id, kind, unit_id, fund_id)
       VALUES ($1, 'fund_available', $4, $5), ($2, 'fund_reserved', $4, $5), ($3, 'fund_in_kind', $4, $5)`,
      [randomUUID(), randomUUID(), randomUUID(), fund.unitId, fund.id],
    );
    // The unit's counterpart accounts exist before any money moves, committed with its first fund.
    await manager.query(
      `INSERT INTO ledger_accounts (id, kind, unit_id, fund_id)
       VALUES ($1, 'unit_income', $4, NULL), ($2, 'unit_payout', $4, NULL), ($3, 'unit_opening', $4, NULL)
       ON CONFLICT (unit_id, kind) WHERE fund_id IS NULL DO NOTHING`,
      [randomUUID(), randomUUID(), randomUUID(), fund.unitId],
    );
  }

  /** A fund with its unit (one raw query: it runs on every donation). */
  async findFund(id: string, manager: EntityManager = this.dataSource.manager): Promise<FundRow | null> {
    const [row] = await manager.query(
      `SELECT ${FUND_COLUMNS}, u.path AS "unitPath", u.parent_id AS "unitParentId", u.name AS "unitName",
              u.code AS "unitCode", u.address AS "unitAddress"
         FROM funds f JOIN units u ON u.id = f.unit_id WHERE f.id = $1`,
      [id],
    );
    return row ? toFund(row) : null;
  }

  /** Locks the funds' rows in id order (so two entries touching the same funds never deadlock). */
  async lockFunds(manager: EntityManager, ids: string[]): Promise<Map<string, Fund>> {
    if (ids.length === 0) return new Map();
    const rows: Fund[] = await manager.query(
      `SELECT ${FUND_COLUMNS} FROM funds f WHERE f.id = ANY($1::uuid[]) ORDER BY f.id FOR UPDATE`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((f) => [f.id, toFund(f)]));
  }

  async listFunds(filter: FundFilter): Promise<{ items: FundRow[]; total: number }> {
    const qb = this.fundQuery(this.dataSource.manager).where('u.path LIKE ANY(:scope)', {
      scope: filter.scope.map((p) => `${p}%`),
    });
    if (filter.unitPath) qb.andWhere('u.path LIKE :under', { under: `${filter.unitPath}%` });
    if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    const q = filter.q?.trim();
    if (q) qb.andWhere(`f.searchName LIKE :like ESCAPE '\\'`, { like: `%${escapeLike(searchKey(q))}%` });
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .orderBy('u.depth')
      .addOrderBy('u.path')
      .addOrderBy('f.searchName')
      .offset(filter.offset)
      .limit(filter.limit)
      .getRawAndEntities();
    return { items: entities.map((f, i) => withUnit(f, raw[i])), total };
  }

  async closeFund(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Fund)
      .set({ status: 'closed', closedAt: () => 'now()' })
      .where(`id = :id AND status = 'open' AND balance = 0 AND reserved = 0 AND in_kind = 0`, { id })
      .execute();
    return result.affected === 1;
  }

  async fundAccounts(manager: EntityManager, fundId: string): Promise<FundAccounts> {
    const known = this.fundAccountIds.get(fundId);
    if (known) return known;
    const rows: { id: string; kind: AccountKind }[] = await manager.query(
      `SELECT id, kind FROM ledger_accounts WHERE fund_id = $1`,
      [fundId],
    );
    const accounts = {
      available: rows.find((r) => r.kind === 'fund_available')!.id,
      reserved: rows.find((r) => r.kind === 'fund_reserved')!.id,
      inKind: rows.find((r) => r.kind === 'fund_in_kind')!.id,
    };
    this.fundAccountIds.set(fundId, accounts);
    return accounts;
  }

  /**
   * A unit's counterpart account of a kind. Made with the unit's first fund; made here only if
   * missing, and then not remembered: this transaction might still roll back.
   */
  async unitAccount(manager: EntityManager, unitId: string, kind: AccountKind): Promise<string> {
    const cacheKey = `${unitId}:${kind}`;
    const known = this.unitAccounts.get(cacheKey);
    if (known) return known;
    const find = () =>
      manager.query(`SELECT id FROM ledger_accounts WHERE unit_id = $1 AND kind = $2 AND fund_id IS NULL`, [
        unitId,
        kind,
      ]);
    const [found] = await find();
    if (found) {
      this.unitAccounts.set(cacheKey, found.id);
      return found.id;
    }
    await manager.query(
      `INSERT INTO ledger_accounts (id, kind, unit_id, fund_id) VALUES ($1, $2, $3, NULL)
       ON CONFLICT (unit_id, kind) WHERE fund_id IS NULL DO NOTHING`,
      [randomUUID(), kind, unitId],
    );
    return (await find())[0].id;
  }

  /** The entry with its postings in one statement, then the projection change. */
  async writeEntry(
    manager: EntityManager,
    entry: NewEntry,
    lines: PostingLine[],
    fundDeltas: Map<string, FundDelta>,
  ): Promise<string> {
    const id = randomUUID();
    const params: unknown[] = [
      id,
      entry.kind,
      entry.unitId,
      entry.valueDate,
      entry.description,
      entry.reversesEntryId ?? null,
      entry.createdBy,
      entry.requestId,
    ];
    const values = lines.map((line) => {
      const n = params.push(line.accountId, line.fundId, line.unitId, String(line.amount));
      return `($${n - 3}::uuid, $${n - 2}::uuid, $${n - 1}::uuid, $${n}::bigint)`;
    });
    // One round trip: the postings read the entry's row from the CTE, so it is written first; the
    // postings' statement triggers (balance check, report totals) see both.
    await manager.query(
      `WITH e AS (
         INSERT INTO journal_entries (id, kind, unit_id, value_date, description, reverses_entry_id, created_by, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, value_date)
       INSERT INTO postings (entry_id, account_id, fund_id, unit_id, amount, value_date)
       SELECT e.id, v.account_id, v.fund_id, v.unit_id, v.amount, e.value_date
         FROM e CROSS JOIN (VALUES ${values.join(', ')}) AS v(account_id, fund_id, unit_id, amount)`,
      params,
    );
    const deltas = [...fundDeltas].filter(([, d]) => d.balance !== 0 || d.reserved !== 0 || d.inKind !== 0);
    if (deltas.length) {
      const dp: unknown[] = [];
      const rows = deltas.map(([fundId, d]) => {
        dp.push(fundId, String(d.balance), String(d.reserved), String(d.inKind));
        return `($${dp.length - 3}::uuid, $${dp.length - 2}::bigint, $${dp.length - 1}::bigint, $${dp.length}::bigint)`;
      });
      await manager.query(
        `UPDATE funds f SET balance = f.balance + d.balance, reserved = f.reserved + d.reserved,
                            in_kind = f.in_kind + d.in_kind
           FROM (VALUES ${rows.join(', ')}) AS d(id, balance, reserved, in_kind) WHERE f.id = d.id`,
        dp,
      );
    }
    return id;
  }

  /**
   * Many donation entries into one fund at once (a spreadsheet import): one statement for the
   * entries, one for their postings (two each), one for the fund's projection.
   */
  /**
   * Many one-fund entries in bulk (imports, payment lists): each entry moves `amount` between one
   * part of the fund (available, reserved or in-kind) and a unit counterpart account, `sign` +1 into the fund,
   * -1 out of it. One COPY each for entries and postings (the balance check runs once per
   * statement), one update of the projection; the caller holds the fund's row lock.
   */
  async writeFundEntries(
    manager: EntityManager,
    kind: 'donation' | 'disbursement',
    fund: { id: string; unitId: string },
    accounts: { fund: string; counter: string; part: FundPart; sign: 1 | -1 },
    entries: { id: string; amount: number; valueDate: string; description: string }[],
    ctx: { createdBy: string | null; requestId: string | null },
  ): Promise<void> {
    await copyRows(
      manager,
      `COPY journal_entries (id, kind, unit_id, value_date, description, created_by, request_id) FROM STDIN`,
      entries.map((e) => [e.id, kind, fund.unitId, e.valueDate, e.description, ctx.createdBy, ctx.requestId]),
    );
    const { sign } = accounts;
    await copyRows(
      manager,
      `COPY postings (entry_id, account_id, fund_id, unit_id, amount, value_date) FROM STDIN`,
      entries.flatMap((e) => [
        [e.id, accounts.fund, fund.id, fund.unitId, sign * e.amount, e.valueDate],
        [e.id, accounts.counter, null, fund.unitId, -sign * e.amount, e.valueDate],
      ]),
    );
    const total = sign * entries.reduce((sum, e) => sum + e.amount, 0);
    const { part } = accounts;
    await manager.query(
      `UPDATE funds SET balance = balance + $2, reserved = reserved + $3, in_kind = in_kind + $4 WHERE id = $1`,
      [
        fund.id,
        String(part === 'in_kind' ? 0 : total),
        String(part === 'reserved' ? total : 0),
        String(part === 'in_kind' ? total : 0),
      ],
    );
  }

  /**
   * Adds to an open fund's cash balance, or to its in-kind value, in one statement (which locks
   * its row); false if it is closed.
   */
  async creditOpenFund(
    manager: EntityManager,
    fundId: string,
    amount: number,
    inKind = false,
  ): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count]. The column name is one of two literals.
    const column = inKind ? 'in_kind' : 'balance';
    const [, affected] = await manager.query(
      `UPDATE funds SET ${column} = ${column} + $2
        WHERE id = $1 AND status = 'open' AND ${column} + $2 <= 9007199254740991`,
      [fundId, String(amount)],
    );
    return affected === 1;
  }

  findEntry(manager: EntityManager, id: string): Promise<JournalEntry | null> {
    return manager.findOneBy(JournalEntry, { id });
  }

  /** Locks the entry's row: concurrent reversals of one entry are decided one after the other. */
  async lockEntry(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT id FROM journal_entries WHERE id = $1 FOR UPDATE`, [id]);
  }

  isReversed(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(JournalEntry, { reversesEntryId: id });
  }

  postingsOf(
    manager: EntityManager,
    entryId: string,
  ): Promise<
    { accountId: string; fundId: string | null; unitId: string; amount: string; kind: AccountKind }[]
  > {
    return manager.query(
      `SELECT p.account_id AS "accountId", p.fund_id AS "fundId", p.unit_id AS "unitId", p.amount, a.kind
         FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.entry_id = $1 ORDER BY p.id`,
      [entryId],
    );
  }

  /** A live (not reversed) opening balance of the fund, if any. */
  async hasOpeningBalance(manager: EntityManager, fundId: string): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM opening_balances ob WHERE ob.fund_id = $1
          AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = ob.entry_id)`,
      [fundId],
    );
    return rows.length > 0;
  }

  async insertOpeningBalance(
    manager: EntityManager,
    row: { fundId: string; entryId: string; amount: number; asOf: string; reference: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO opening_balances (fund_id, entry_id, amount, as_of, reference) VALUES ($1, $2, $3, $4, $5)`,
      [row.fundId, row.entryId, String(row.amount), row.asOf, row.reference],
    );
  }

  /**
   * The fund's cash balance, reserved amount and in-kind value at the end of a day, from the
   * postings (value dates).
   */
  async balanceAsOf(
    fundId: string,
    asOf: string,
  ): Promise<{ balance: number; reserved: number; inKind: number }> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(sum(p.amount) FILTER (WHERE a.kind <> 'fund_in_kind'), 0)::text AS balance,
              coalesce(sum(p.amount) FILTER (WHERE a.kind = 'fund_reserved'), 0)::text AS reserved,
              coalesce(sum(p.amount) FILTER (WHERE a.kind = 'fund_in_kind'), 0)::text AS "inKind"
         FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
        WHERE p.fund_id = $1 AND p.value_date <= $2`,
      [fundId, asOf],
    );
    return { balance: Number(row.balance), reserved: Number(row.reserved), inKind: Number(row.inKind) };
  }

  async entriesOfFund(
    fundId: string,
    filter: { from?: string; to?: string; offset: number; limit: number },
  ): Promise<{ items: EntryLine[]; total: number }> {
    const params: unknown[] = [fundId];
    const where = ['p.fund_id = $1'];
    if (filter.from) where.push(`p.value_date >= $${params.push(filter.from)}`);
    if (filter.to) where.push(`p.value_date <= $${params.push(filter.to)}`);
    const grouped = `SELECT p.entry_id, sum(p.amount) AS amount,
                            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'fund_reserved'), 0) AS reserved_part,
                            coalesce(sum(p.amount) FILTER (WHERE a.kind = 'fund_in_kind'), 0) AS in_kind_part
                       FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
                      WHERE ${where.join(' AND ')} GROUP BY p.entry_id`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM (${grouped}) g`,
      params,
    );
    const items = await this.dataSource.query(
      `SELECT e.id AS "entryId", e.kind, to_char(e.value_date, 'YYYY-MM-DD') AS "valueDate", e.description,
              g.amount::text AS amount, g.reserved_part::text AS "reservedPart",
              g.in_kind_part::text AS "inKindPart",
              e.reverses_entry_id AS "reversesEntryId",
              (SELECT r.id FROM journal_entries r WHERE r.reverses_entry_id = e.id) AS "reversedBy",
              e.created_at AS "createdAt"
         FROM (${grouped}) g JOIN journal_entries e ON e.id = g.entry_id
        ORDER BY e.value_date DESC, e.created_at DESC
        OFFSET $${params.push(filter.offset)} LIMIT $${params.push(filter.limit)}`,
      params,
    );
    return {
      items: items.map((r: EntryLine & { amount: string; reservedPart: string; inKindPart: string }) => ({
        ...r,
        amount: Number(r.amount),
        reservedPart: Number(r.reservedPart),
        inKindPart: Number(r.inKindPart),
      })),
      total,
    };
  }

  locateFund(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT f.unit_id AS "unitId", u.path FROM funds f JOIN units u ON u.id = f.unit_id WHERE f.id = $1`,
      id,
    );
  }

  locateEntry(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT e.unit_id AS "unitId", u.path FROM journal_entries e JOIN units u ON u.id = e.unit_id WHERE e.id = $1`,
      id,
    );
  }

  private fundQuery(manager: EntityManager) {
    return manager
      .createQueryBuilder(Fund, 'f')
      .innerJoin('units', 'u', 'u.id = f.unit_id')
      .addSelect([
        'u.path AS unit_path',
        'u.parent_id AS unit_parent_id',
        'u.name AS unit_name',
        'u.code AS unit_code',
        'u.address AS unit_address',
      ]);
  }
}

const FUND_COLUMNS = `f.id, f.unit_id AS "unitId", f.name, f.search_name AS "searchName", f.kind, f.restriction,
  f.status, f.balance, f.reserved, f.in_kind AS "inKind", f.created_at AS "createdAt", f.closed_at AS "closedAt"`;

/** A raw fund row with its amounts as safe numbers (bigint arrives as text). */
function toFund<T extends Fund>(row: T): T {
  return Object.assign(row, {
    balance: bigintTransformer.from(row.balance) as number,
    reserved: bigintTransformer.from(row.reserved) as number,
    inKind: bigintTransformer.from(row.inKind) as number,
  });
}

function withUnit(fund: Fund, raw: Record<string, unknown>): FundRow {
  return Object.assign(fund, {
    unitPath: raw.unit_path as string,
    unitParentId: raw.unit_parent_id as string | null,
    unitName: raw.unit_name as string,
    unitCode: raw.unit_code as string,
    unitAddress: raw.unit_address as string | null,
  });
}
