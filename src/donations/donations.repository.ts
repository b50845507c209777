import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike, searchKey } from '../common/text.js';
import { copyRows } from '../database/copy.js';
import { locateBy, type UnitLocation } from '../identity/access/locators.js';
import { DonationView } from './dto/donation.dto.js';
import { DonationImport } from './entities/donation-import.entity.js';
import { Donation, type ReceiptSnapshot } from './entities/donation.entity.js';
import { Donor } from './entities/donor.entity.js';
import { paperNumber, type PaperReceipt } from './paper-receipt.js';

export interface DonationFilter {
  scope: string[];
  unitPath?: string;
  fundId?: string;
  donorId?: string;
  from?: string;
  to?: string;
  method?: string;
  minAmount?: number;
  maxAmount?: number;
  status?: 'recorded' | 'void';
  q?: string;
}

/**
 * Newest first; the id makes the order total, so keyset pages neither skip nor repeat. A
 * transcribed paper receipt has no electronic number: it sorts as 0 (after that day's others).
 */
const ORDER = 'd.received_on DESC, d.receipt_year DESC, coalesce(d.receipt_number, 0) DESC, d.id DESC';

function whereOf(filter: DonationFilter): { whereSql: string; params: unknown[] } {
  const params: unknown[] = [filter.scope.map((p) => `${p}%`)];
  const where = ['u.path LIKE ANY($1)'];
  const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
  if (filter.unitPath) add('u.path LIKE ?', `${filter.unitPath}%`);
  if (filter.fundId) add('d.fund_id = ?', filter.fundId);
  if (filter.donorId) add('d.donor_id = ?', filter.donorId);
  if (filter.from) add('d.received_on >= ?', filter.from);
  if (filter.to) add('d.received_on <= ?', filter.to);
  if (filter.method) add('d.method = ?', filter.method);
  if (filter.minAmount) add('d.amount >= ?', filter.minAmount);
  if (filter.maxAmount) add('d.amount <= ?', filter.maxAmount);
  if (filter.status === 'void') where.push('v.donation_id IS NOT NULL');
  if (filter.status === 'recorded') where.push('v.donation_id IS NULL');
  const q = filter.q?.trim();
  if (q) {
    const n = params.push(`%${escapeLike(searchKey(q))}%`);
    const m = params.push(q);
    where.push(
      `(dn.search_name LIKE $${n} ESCAPE '\\' OR d.reference = $${m} OR lpad(d.receipt_number::text, 6, '0') = $${m} OR lpad(d.paper_number::text, 4, '0') = $${m})`,
    );
  }
  return { whereSql: where.join(' AND '), params };
}

const SELECT_DONATION = `
  SELECT d.id, d.fund_id AS "fundId", f.name AS "fundName", d.unit_id AS "unitId", d.amount::text AS amount,
         d.method, d.in_kind_description AS "inKindDescription", d.received_on AS "receivedOn",
         d.reference, d.purpose, d.note, d.entry_id AS "entryId", d.receipt_year AS "receiptYear",
         d.receipt_number AS "receiptNumber", d.paper_book AS "paperBook", d.paper_number AS "paperNumber",
         d.receipt_code AS "receiptCode", d.created_at AS "createdAt",
         dn.id AS "donorId", dn.kind AS "donorKind", dn.name AS "donorName",
         v.reason AS "voidReason", v.voided_at AS "voidedAt", coalesce(doc.status, 'pending') AS "documentStatus"
    FROM donations d
    JOIN funds f ON f.id = d.fund_id
    JOIN donors dn ON dn.id = d.donor_id
    JOIN units u ON u.id = d.unit_id
    LEFT JOIN donation_voids v ON v.donation_id = d.id
    LEFT JOIN documents doc ON doc.kind = 'receipt' AND doc.subject_id = d.id`;

interface DonationRow {
  id: string;
  fundId: string;
  fundName: string;
  unitId: string;
  amount: string;
  method: DonationView['method'];
  inKindDescription: string | null;
  receivedOn: string;
  reference: string | null;
  purpose: string | null;
  note: string | null;
  entryId: string;
  receiptYear: number;
  receiptNumber: number | null;
  paperBook: string | null;
  paperNumber: number | null;
  receiptCode: string;
  createdAt: Date;
  donorId: string;
  donorKind: DonationView['donor']['kind'];
  donorName: string;
  voidReason: string | null;
  voidedAt: Date | null;
  documentStatus: string;
}

export const receiptNumber = (n: number) => String(n).padStart(6, '0');

/** How an import recognises a donor it has seen: the tax code, else the name and phone. */
export const donorKey = (searchName: string, phone: string | null, taxCode: string | null) =>
  taxCode ? `tax:${taxCode}` : `name:${searchName}|${(phone ?? '').replace(/\D/g, '')}`;

function toView(r: DonationRow): DonationView {
  return {
    id: r.id,
    fundId: r.fundId,
    fundName: r.fundName,
    unitId: r.unitId,
    amount: Number(r.amount),
    method: r.method,
    inKindDescription: r.inKindDescription,
    receivedOn: r.receivedOn,
    status: r.voidedAt ? 'void' : 'recorded',
    donor: { id: r.donorId, kind: r.donorKind, name: r.donorName },
    receipt: {
      ...(r.paperNumber === null
        ? { book: String(r.receiptYear), number: receiptNumber(r.receiptNumber!), paper: false }
        : { book: r.paperBook!, number: paperNumber(r.paperNumber), paper: true }),
      code: r.receiptCode,
      documentStatus: r.documentStatus,
    },
    reference: r.reference,
    purpose: r.purpose,
    note: r.note,
    entryId: r.entryId,
    voidReason: r.voidReason,
    voidedAt: r.voidedAt,
    createdAt: r.createdAt,
  };
}

/** Narrow queries over donors, donations, voids and receipt counters. */
@Injectable()
export class DonationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The manager outside any transaction, for reads a check makes. */
  manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertDonor(manager: EntityManager, donor: Omit<Donor, 'createdAt' | 'updatedAt' | 'unit'>) {
    await manager.insert(Donor, donor);
  }

  /** One raw query: it runs on every donation (a query builder costs more than the query). */
  async findDonor(id: string, manager: EntityManager = this.dataSource.manager): Promise<Donor | null> {
    const [row] = await manager.query(
      `SELECT id, unit_id AS "unitId", kind, name, search_name AS "searchName", phone, address,
              tax_code AS "taxCode", created_at AS "createdAt", updated_at AS "updatedAt"
         FROM donors WHERE id = $1`,
      [id],
    );
    return (row as Donor | undefined) ?? null;
  }

  /** The unit's one "anonymous" donor, made on first use (under a lock, so only one is made). */
  async anonymousDonor(manager: EntityManager, unitId: string, make: () => Donor): Promise<Donor> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('anonymous-donor:' || $1))`, [unitId]);
    const found = await manager.findOneBy(Donor, { unitId, kind: 'anonymous' });
    if (found) return found;
    const donor = make();
    await manager.insert(Donor, donor);
    return donor;
  }

  /** Donors in the same scope with the same name, phone or tax code: shown, never merged. */
  possibleDuplicates(donor: Donor, scope: string[]): Promise<Pick<Donor, 'id' | 'kind' | 'name'>[]> {
    return this.dataSource.query(
      `SELECT dn.id, dn.kind, dn.name FROM donors dn JOIN units u ON u.id = dn.unit_id
        WHERE dn.id <> $1 AND dn.kind <> 'anonymous' AND u.path LIKE ANY($2)
          AND (dn.search_name = $3 OR (dn.phone IS NOT NULL AND dn.phone = $4) OR (dn.tax_code IS NOT NULL AND dn.tax_code = $5))
        ORDER BY dn.created_at LIMIT 10`,
      [donor.id, scope.map((p) => `${p}%`), donor.searchName, donor.phone, donor.taxCode],
    );
  }

  async listDonors(filter: {
    scope: string[];
    unitPath?: string;
    q?: string;
    offset: number;
    limit: number;
  }) {
    const qb = this.dataSource.manager
      .createQueryBuilder(Donor, 'dn')
      .innerJoin('units', 'u', 'u.id = dn.unit_id')
      .where('u.path LIKE ANY(:scope)', { scope: filter.scope.map((p) => `${p}%`) });
    if (filter.unitPath) qb.andWhere('u.path LIKE :under', { under: `${filter.unitPath}%` });
    const q = filter.q?.trim();
    if (q) {
      qb.andWhere(`(dn.searchName LIKE :like ESCAPE '\\' OR dn.phone = :exact OR dn.taxCode = :exact)`, {
        like: `%${escapeLike(searchKey(q))}%`,
        exact: q,
      });
    }
    const [items, total] = await qb
      .orderBy('dn.searchName')
      .addOrderBy('dn.id')
      .offset(filter.offset)
      .limit(filter.limit)
      .getManyAndCount();
    return { items, total };
  }

  /**
   * The next receipt number of a unit and year (the counter row stays locked until commit), and
   * a document serial for its verification code, drawn in the same round trip.
   */
  async nextReceipt(
    manager: EntityManager,
    unitId: string,
    year: number,
  ): Promise<{ number: number; serial: number }> {
    const [row] = await manager.query(
      `INSERT INTO receipt_counters (unit_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (unit_id, year) DO UPDATE SET last_number = receipt_counters.last_number + 1
       RETURNING last_number, nextval('document_serial') AS serial`,
      [unitId, year],
    );
    return { number: row.last_number, serial: Number(row.serial) };
  }

  /** A document serial for a verification code, for a receipt that takes no electronic number. */
  async nextSerial(manager: EntityManager): Promise<number> {
    const [row] = await manager.query(`SELECT nextval('document_serial') AS serial`);
    return Number(row.serial);
  }

  /**
   * Of these paper receipts of a unit (year, book, number), those already transcribed. The unique
   * index decides in the end; this names them first, as a problem of their row or field.
   */
  async paperReceiptsTaken(
    unitId: string,
    receipts: (PaperReceipt & { year: number })[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<(PaperReceipt & { year: number })[]> {
    if (receipts.length === 0) return [];
    const rows: { year: number; book: string; number: number }[] = await manager.query(
      `SELECT d.receipt_year AS year, d.paper_book AS book, d.paper_number AS number
         FROM donations d
         JOIN unnest($2::int[], $3::text[], $4::int[]) AS p(year, book, number)
           ON d.receipt_year = p.year AND d.paper_book = p.book AND d.paper_number = p.number
        WHERE d.unit_id = $1 AND d.paper_number IS NOT NULL`,
      [unitId, receipts.map((r) => r.year), receipts.map((r) => r.book), receipts.map((r) => r.number)],
    );
    return rows;
  }

  /** Inserts the donation; returns its creation time as stored. */
  async insertDonation(manager: EntityManager, donation: NewDonation): Promise<Date> {
    // Raw, as findDonor: it runs on every donation.
    const [row] = await manager.query(
      `INSERT INTO donations (${DONATION_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       RETURNING created_at AS "createdAt"`,
      donationValues(donation),
    );
    return row.createdAt as Date;
  }

  /** The donation, locked until commit, so two voids of it are decided one after the other. */
  lockDonation(manager: EntityManager, id: string): Promise<Donation | null> {
    return manager
      .createQueryBuilder(Donation, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOne();
  }

  isVoid(manager: EntityManager, id: string): Promise<boolean> {
    return manager
      .query(`SELECT 1 FROM donation_voids WHERE donation_id = $1`, [id])
      .then((r) => r.length > 0);
  }

  async insertVoid(
    manager: EntityManager,
    row: { donationId: string; entryId: string; reason: string; voidedBy: string },
  ) {
    await manager.query(
      `INSERT INTO donation_voids (donation_id, entry_id, reason, voided_by) VALUES ($1, $2, $3, $4)`,
      [row.donationId, row.entryId, row.reason, row.voidedBy],
    );
  }

  /** What a receipt shows: its snapshot, and the void (reason and Vietnamese day) if any. */
  async receiptSource(
    id: string,
  ): Promise<{ snapshot: ReceiptSnapshot; void: { reason: string; on: string } | null } | null> {
    const [row] = await this.dataSource.query(
      `SELECT d.receipt_snapshot AS snapshot, v.reason,
              ((v.voided_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::text AS void_on
         FROM donations d LEFT JOIN donation_voids v ON v.donation_id = d.id WHERE d.id = $1`,
      [id],
    );
    if (!row) return null;
    return { snapshot: row.snapshot, void: row.reason ? { reason: row.reason, on: row.void_on } : null };
  }

  async findDonation(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DonationView | null> {
    const [row] = await manager.query(`${SELECT_DONATION} WHERE d.id = $1`, [id]);
    return row ? toView(row) : null;
  }

  async listDonations(
    filter: DonationFilter & { offset: number; limit: number },
  ): Promise<{ items: DonationView[]; total: number; totalAmount: number }> {
    const { whereSql, params } = whereOf(filter);
    const [agg] = await this.dataSource.query(
      `SELECT count(*)::int AS total, coalesce(sum(d.amount) FILTER (WHERE v.donation_id IS NULL), 0)::text AS amount
         FROM donations d JOIN donors dn ON dn.id = d.donor_id JOIN units u ON u.id = d.unit_id
         LEFT JOIN donation_voids v ON v.donation_id = d.id WHERE ${whereSql}`,
      params,
    );
    const rows = await this.dataSource.query(
      `${SELECT_DONATION} WHERE ${whereSql} ORDER BY ${ORDER} OFFSET $${params.push(filter.offset)} LIMIT $${params.push(filter.limit)}`,
      params,
    );
    return { items: rows.map(toView), total: agg.total, totalAmount: Number(agg.amount) };
  }

  /**
   * Every donation the filter selects, in the list's order, a batch at a time by keyset (exports):
   * never the whole set in memory, never an OFFSET that rescans. Donations recorded after the
   * export began are left out, so the file is one consistent set.
   */
  async *donationBatches(filter: DonationFilter, size = 2000): AsyncGenerator<DonationView[]> {
    const base = whereOf(filter);
    const [{ now }] = await this.dataSource.query(`SELECT now() AS now`);
    let after: DonationRow | null = null;
    for (;;) {
      const params = [...base.params, now];
      let keyset = `AND d.created_at <= $${params.length}`;
      if (after) {
        const from = params.push(after.receivedOn, after.receiptYear, after.receiptNumber ?? 0, after.id);
        keyset += ` AND (d.received_on, d.receipt_year, coalesce(d.receipt_number, 0), d.id) < ($${from - 3}::date, $${from - 2}::int, $${from - 1}::int, $${from}::uuid)`;
      }
      const rows: DonationRow[] = await this.dataSource.query(
        `${SELECT_DONATION} WHERE ${base.whereSql} ${keyset} ORDER BY ${ORDER} LIMIT $${params.push(size)}`,
        params,
      );
      if (rows.length === 0) return;
      yield rows.map(toView);
      if (rows.length < size) return;
      after = rows[rows.length - 1];
    }
  }

  // Imports.

  async insertImport(
    manager: EntityManager,
    row: Omit<DonationImport, 'createdAt' | 'committedAt' | 'fund'>,
  ) {
    await manager.insert(DonationImport, row);
  }

  /** The import's outcome once every row is checked. */
  async completeImportCheck(
    manager: EntityManager,
    importId: string,
    outcome: Pick<DonationImport, 'status' | 'rowCount' | 'total' | 'problems' | 'warnings'>,
  ): Promise<void> {
    await manager.update(DonationImport, { id: importId }, outcome);
  }

  /** Validated rows, in one COPY. */
  async insertImportRows(manager: EntityManager, importId: string, rows: { number: number; data: string }[]) {
    await copyRows(
      manager,
      `COPY donation_import_rows (import_id, row_number, data) FROM STDIN`,
      rows.map((r) => [importId, r.number, r.data]),
    );
  }

  findImport(id: string, manager: EntityManager = this.dataSource.manager): Promise<DonationImport | null> {
    return manager.findOneBy(DonationImport, { id });
  }

  lockImport(manager: EntityManager, id: string): Promise<DonationImport | null> {
    return manager
      .createQueryBuilder(DonationImport, 'i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id })
      .getOne();
  }

  committedImport(
    fundId: string,
    sha256: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DonationImport | null> {
    return manager.findOneBy(DonationImport, { fundId, fileSha256: sha256, status: 'committed' });
  }

  /** Up to `limit` rows after row `after`, in file order. */
  importRows(
    manager: EntityManager,
    importId: string,
    after: number,
    limit: number,
  ): Promise<{ number: number; data: Record<string, unknown> }[]> {
    return manager.query(
      `SELECT row_number AS number, data FROM donation_import_rows
        WHERE import_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
      [importId, after, limit],
    );
  }

  async importHasAnonymous(manager: EntityManager, importId: string): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM donation_import_rows WHERE import_id = $1 AND data->>'kind' = 'anonymous' LIMIT 1`,
      [importId],
    );
    return rows.length > 0;
  }

  /**
   * How many rows of the import fall in each calendar year, and how many of them take a number of
   * the electronic series (those that transcribe no paper receipt).
   */
  importYears(
    manager: EntityManager,
    importId: string,
  ): Promise<{ year: number; count: number; electronic: number }[]> {
    return manager.query(
      `SELECT substr(data->>'receivedOn', 1, 4)::int AS year, count(*)::int AS count,
              (count(*) FILTER (WHERE data->>'paperNumber' IS NULL))::int AS electronic
         FROM donation_import_rows WHERE import_id = $1 GROUP BY 1 ORDER BY 1`,
      [importId],
    );
  }

  async markImportCommitted(manager: EntityManager, importId: string): Promise<void> {
    await manager.query(
      `UPDATE donation_imports SET status = 'committed', committed_at = now() WHERE id = $1`,
      [importId],
    );
    await manager.query(`DELETE FROM donation_import_rows WHERE import_id = $1`, [importId]);
  }

  /** The unit's donors by matching key (tax code, else name and phone), for an import to reuse. */
  async donorIndex(manager: EntityManager, unitId: string): Promise<Map<string, string>> {
    const rows: { id: string; search_name: string; phone: string | null; tax_code: string | null }[] =
      await manager.query(
        `SELECT id, search_name, phone, tax_code FROM donors WHERE unit_id = $1 AND kind <> 'anonymous' ORDER BY created_at`,
        [unitId],
      );
    const index = new Map<string, string>();
    for (const r of rows) {
      const key = donorKey(r.search_name, r.phone, r.tax_code);
      if (!index.has(key)) index.set(key, r.id);
    }
    return index;
  }

  async insertDonorsBulk(manager: EntityManager, donors: Donor[]): Promise<void> {
    await copyRows(
      manager,
      `COPY donors (id, unit_id, kind, name, search_name, phone, address, tax_code) FROM STDIN`,
      donors.map((d) => [d.id, d.unitId, d.kind, d.name, d.searchName, d.phone, d.address, d.taxCode]),
    );
  }

  /** Reserves `count` consecutive receipt numbers of a unit and year; returns the first. */
  async reserveReceiptNumbers(
    manager: EntityManager,
    unitId: string,
    year: number,
    count: number,
  ): Promise<number> {
    const [row] = await manager.query(
      `INSERT INTO receipt_counters (unit_id, year, last_number) VALUES ($1, $2, $3)
       ON CONFLICT (unit_id, year) DO UPDATE SET last_number = receipt_counters.last_number + $3
       RETURNING last_number`,
      [unitId, year, count],
    );
    return row.last_number - count + 1;
  }

  /**
   * Many donations in one COPY on the transaction's own connection: several times cheaper than
   * an INSERT of the same rows for PostgreSQL to parse (the import's biggest table).
   */
  async insertDonationsBulk(manager: EntityManager, rows: NewDonation[]): Promise<void> {
    await copyRows(manager, `COPY donations (${DONATION_COLUMNS}) FROM STDIN`, rows.map(donationValues));
  }

  locateImport(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT i.unit_id AS "unitId", u.path FROM donation_imports i JOIN units u ON u.id = i.unit_id WHERE i.id = $1`,
      id,
    );
  }

  locateDonation(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT d.unit_id AS "unitId", u.path FROM donations d JOIN units u ON u.id = d.unit_id WHERE d.id = $1`,
      id,
    );
  }

  locateDonor(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT d.unit_id AS "unitId", u.path FROM donors d JOIN units u ON u.id = d.unit_id WHERE d.id = $1`,
      id,
    );
  }
}

type NewDonation = Omit<Donation, 'createdAt' | 'unit' | 'fund' | 'donor' | 'entry'>;

const DONATION_COLUMNS = `id, unit_id, fund_id, donor_id, amount, method, in_kind_description, received_on, reference,
  purpose, note, entry_id, receipt_year, receipt_number, paper_book, paper_number, receipt_code, receipt_snapshot,
  import_id, created_by`;

/** A new donation's values in the order of DONATION_COLUMNS. */
function donationValues(d: NewDonation): unknown[] {
  return [
    d.id,
    d.unitId,
    d.fundId,
    d.donorId,
    d.amount,
    d.method,
    d.inKindDescription,
    d.receivedOn,
    d.reference,
    d.purpose,
    d.note,
    d.entryId,
    d.receiptYear,
    d.receiptNumber,
    d.paperBook,
    d.paperNumber,
    d.receiptCode,
    JSON.stringify(d.receiptSnapshot),
    d.importId,
    d.createdBy,
  ];
}
