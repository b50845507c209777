import { DocumentsService } from '../src/documents/documents.service.js';
import { createHash, randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent.js';
import { DonationsRepository } from '../src/donations/donations.repository.js';
import { DonationsService } from '../src/donations/donations.service.js';
import { verifyLedger } from '../src/ledger/ledger-verifier.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { pdfFlatText } from './helpers/pdf-text.js';
import { prng } from './helpers/prng.js';
import { startTestApp, TestApp, rawBody } from './helpers/test-app.js';

describe('donations', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let treasurer: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    tree = await createFixtureTree(await t.rootAdmin());
    treasurer = await t.as(await t.createUser(tree.district, [{ unitId: tree.district, role: 'treasurer' }]));
  });
  afterAll(async () => {
    const check = await verifyLedger(t.runtime.dataSource);
    await t.close();
    expect(check).toMatchObject({ ok: true, problem: null });
  });

  const post = (url: string, body: object, key: string = randomUUID()) =>
    treasurer.post(url).set('Idempotency-Key', key).send(body);

  async function fund(unitId = tree.commune, opening = 0) {
    const res = await treasurer
      .post('/api/v1/funds')
      .send({ unitId, name: 'Quỹ khuyến học xã', kind: 'general' });
    if (opening) {
      await post(`/api/v1/funds/${res.body.id}/opening-balance`, {
        amount: opening,
        asOf: '2025-12-31',
        reference: 'Sổ quỹ',
      });
    }
    return res.body.id as string;
  }

  const donation = (fundId: string, extra: object = {}) => ({
    fundId,
    amount: 1_250_000,
    method: 'cash',
    receivedOn: '2026-09-05',
    donor: { kind: 'person', name: 'Nguyễn Thị Hằng', phone: '0912 345 678', address: 'Thôn Đông' },
    ...extra,
  });

  const counts = async (fundId: string) => {
    const [row] = await t.runtime.dataSource.query(
      `SELECT (SELECT count(*)::int FROM donations WHERE fund_id = $1) AS donations,
              (SELECT balance::int FROM funds WHERE id = $1) AS balance`,
      [fundId],
    );
    return row;
  };

  it('records a donation: the entry, the balance, the receipt number and snapshot, the outbox and audit rows', async () => {
    const fundId = await fund();
    await t.runtime.dataSource.query(`UPDATE units SET address = 'Thôn Đông, xã Thử' WHERE id = $1`, [
      tree.commune,
    ]);
    const res = await post(
      '/api/v1/donations',
      donation(fundId, {
        donor: { kind: 'person', name: 'Nguyễn Thị Hằng'.normalize('NFD') },
        purpose: 'Học bổng cho học sinh nghèo',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      fundId,
      unitId: tree.commune,
      amount: 1_250_000,
      method: 'cash',
      receivedOn: '2026-09-05',
      status: 'recorded',
      donor: { kind: 'person', name: 'Nguyễn Thị Hằng' },
      receipt: {
        book: '2026',
        number: '000001',
        code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{12}$/),
        documentStatus: 'pending',
      },
    });
    expect(res.body.donor.name).toBe('Nguyễn Thị Hằng'.normalize('NFC'));
    expect((await treasurer.get(`/api/v1/funds/${fundId}`)).body.balance).toBe(1_250_000);
    const [row] = await t.runtime.dataSource.query(`SELECT receipt_snapshot FROM donations WHERE id = $1`, [
      res.body.id,
    ]);
    expect(row.receipt_snapshot).toMatchObject({
      unit: { name: expect.any(String), address: 'Thôn Đông, xã Thử' },
      book: '2026',
      number: '000001',
      payer: { name: 'Nguyễn Thị Hằng' },
      reason: 'Học bổng cho học sinh nghèo',
      amount: 1_250_000,
      treasurer: { name: 'Người Dùng Thử' },
    });
    const [doc] = await t.runtime.dataSource.query(
      `SELECT status FROM documents WHERE kind = 'receipt' AND subject_id = $1`,
      [res.body.id],
    );
    expect(doc.status).toBe('pending');
    const audit = await t.runtime.dataSource.query(
      `SELECT action FROM audit_log WHERE request_id = $1 ORDER BY seq`,
      [res.headers['x-request-id']],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['donor.create', 'donation.record']);
  });

  it('100 concurrent POSTs with one Idempotency-Key: one donation, one receipt number, 100 identical bodies', async () => {
    const fundId = await fund();
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => post('/api/v1/donations', donation(fundId), key)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(99).fill(200), 201]);
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect(await counts(fundId)).toEqual({ donations: 1, balance: 1_250_000 });
    const other = await post('/api/v1/donations', donation(fundId, { amount: 1 }), key);
    expect([other.status, other.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('numbers receipts 1…n per unit and year without a gap under concurrency, failures included', async () => {
    const fundId = await fund(tree.sibling);
    const bodies = Array.from({ length: 40 }, (_, i) =>
      // every fifth one fails inside the transaction (a future date), after validation
      donation(fundId, { receivedOn: i % 5 === 4 ? '2199-01-01' : '2027-01-02'.replace('2027', '2025') }),
    );
    const results = await Promise.all(bodies.map((b) => post('/api/v1/donations', b)));
    expect(
      results.filter((r) => r.status !== 201 && r.body.code !== 'DATE_IN_FUTURE').map((r) => r.body),
    ).toEqual([]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(32);
    const numbers = results
      .filter((r) => r.status === 201)
      .map((r) => Number(r.body.receipt.number))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(results.every((r) => r.status === 201 || r.body.code === 'DATE_IN_FUTURE')).toBe(true);
  });

  it('transcribes a paper receipt with its own book and number, never taking one of the electronic series', async () => {
    // A unit of its own (the sibling commune), so its numbers are this test's alone.
    const fundId = await fund(tree.sibling);
    const electronic = async () => (await post('/api/v1/donations', donation(fundId))).body.receipt;
    expect(await electronic()).toMatchObject({ book: '2026', number: '000001', paper: false });

    const enterprise = { kind: 'enterprise', name: 'Công ty CP Sông Hồng', taxCode: '1000123456' };
    const paper = await post(
      '/api/v1/donations',
      donation(fundId, {
        receivedOn: '2026-09-01',
        donor: enterprise,
        paperReceipt: { book: '3', number: 45 },
      }),
    );
    expect(paper.status).toBe(201);
    expect(paper.body.receipt).toMatchObject({ book: '03', number: '0045', paper: true });
    // The electronic series goes on where it was; its counter never saw the paper receipt.
    expect(await electronic()).toMatchObject({ book: '2026', number: '000002', paper: false });
    const [counter] = await t.runtime.dataSource.query(
      `SELECT last_number FROM receipt_counters WHERE unit_id = $1 AND year = 2026`,
      [tree.sibling],
    );
    expect(counter.last_number).toBe(2);

    // The same paper receipt again (as typed differently): 409 naming the field, nothing written.
    const before = await counts(fundId);
    const twice = await post(
      '/api/v1/donations',
      donation(fundId, { receivedOn: '2026-10-01', paperReceipt: { book: '03', number: 45 } }),
    );
    expect([twice.status, twice.body.code, twice.body.fields]).toEqual([
      409,
      'PAPER_RECEIPT_TAKEN',
      [{ field: 'paperReceipt.number', message: 'phiếu giấy quyển 03, số 0045 năm 2026 đã được ghi nhận' }],
    ]);
    expect(await counts(fundId)).toEqual(before);
    // Another year's book 03 is another book.
    const lastYear = await post(
      '/api/v1/donations',
      donation(fundId, { receivedOn: '2025-12-30', paperReceipt: { book: '03', number: 45 } }),
    );
    expect(lastYear.status).toBe(201);
    // Half a paper receipt, or a number that is not one, is a 400 naming the field.
    for (const [paperReceipt, field] of [
      [{ book: '03' }, 'paperReceipt.number'],
      [{ number: 46 }, 'paperReceipt.book'],
      [{ book: '03', number: 0 }, 'paperReceipt.number'],
      [{ book: 'quyển 3', number: 46 }, 'paperReceipt.book'],
    ] as const) {
      const res = await post('/api/v1/donations', donation(fundId, { paperReceipt }));
      expect([res.status, res.body.fields?.map((f: { field: string }) => f.field)]).toEqual([400, [field]]);
    }
    expect(await counts(fundId)).toEqual({
      ...before,
      donations: before.donations + 1,
      balance: before.balance + 1_250_000,
    });

    // Listed and found by its paper number; the export gives its book and number.
    const found = await treasurer.get('/api/v1/donations').query({ fundId, q: '0045' });
    expect(found.body.items.map((d: { receipt: { book: string } }) => d.receipt.book).sort()).toEqual([
      '03',
      '03',
    ]);
    const all = await treasurer.get('/api/v1/donations').query({ fundId, pageSize: 100 });
    expect(all.body.total).toBe(4);

    // The receipt says what it is, with the donor's tax code and the form that applies by default.
    const render = (id: string) => t.app.get(DonationsService)['receipts'].render(id);
    const text = await pdfFlatText((await render(paper.body.id))!);
    expect(text).toContain('Quyển số: 03 Số: 0045');
    expect(text).toContain(
      'Bản chép lại phiếu thu giấy Quyển số 03, Số 0045 đã lập ngày 01 tháng 9 năm 2026',
    );
    expect(text).toContain('Mã số thuế: 1000123456');
    expect(text).toContain('Mẫu số C40-BB');
    const reprint = await treasurer
      .get(`/api/v1/donations/${paper.body.id}/receipt?copy=true`)
      .buffer(true)
      .parse(rawBody);
    expect([reprint.status, reprint.headers['content-disposition']]).toEqual([
      200,
      expect.stringContaining('phieu-thu-giay-03-0045-ban-sao.pdf'),
    ]);
    expect(text).toContain('(Ban hành theo Thông tư số 24/2024/TT-BTC ngày 17/4/2024 của Bộ Tài chính)');
  });

  it('puts the recording user under "Thủ quỹ" only as the unit\'s own treasurer; prints the form the unit inherits', async () => {
    const admin = await t.rootAdmin();
    const set = await admin.patch(`/api/v1/units/${tree.district}`).send({ receiptForm: 'tt133_2016' });
    expect([set.status, set.body.receiptForm]).toEqual([200, 'tt133_2016']);
    try {
      const fundId = await fund();
      const cashier = await t.as(
        await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]),
      );
      const own = await cashier
        .post('/api/v1/donations')
        .set('Idempotency-Key', randomUUID())
        .send(donation(fundId));
      // The district's treasurer records for the commune: they prepared it, the cashier signs.
      const fromAbove = await post('/api/v1/donations', donation(fundId));
      const render = (id: string) => t.app.get(DonationsService)['receipts'].render(id);
      const [ownText, aboveText] = await Promise.all(
        [own.body.id, fromAbove.body.id].map(async (id: string) => pdfFlatText((await render(id))!)),
      );
      expect(ownText.match(/Người Dùng Thử/g)).toHaveLength(2);
      expect(aboveText.match(/Người Dùng Thử/g)).toHaveLength(1);
      for (const text of [ownText, aboveText]) {
        expect(text).toContain('Mẫu số 01-TT');
        expect(text).toContain('(Ban hành theo Thông tư số 133/2016/TT-BTC ngày 26/8/2016 của Bộ Tài chính)');
        expect(text).toMatch(/Đơn vị: Hội Khuyến học xã /);
      }
    } finally {
      await admin.patch(`/api/v1/units/${tree.district}`).send({ receiptForm: null });
    }
  });

  it('voids once: a reversal, the number kept, the money gone from the balance', async () => {
    const fundId = await fund();
    const d = (await post('/api/v1/donations', donation(fundId))).body;
    const voided = await post(`/api/v1/donations/${d.id}/void`, { reason: 'Ghi nhầm số tiền' });
    expect(voided.status).toBe(201);
    expect(voided.body).toMatchObject({ status: 'void', voidReason: 'Ghi nhầm số tiền', receipt: d.receipt });
    expect(await counts(fundId)).toEqual({ donations: 1, balance: 0 });
    const again = await post(`/api/v1/donations/${d.id}/void`, { reason: 'Lần nữa' });
    expect([again.status, again.body.code]).toEqual([409, 'DONATION_ALREADY_VOID']);
    const noReason = await post(`/api/v1/donations/${d.id}/void`, {});
    expect(noReason.body.fields).toEqual([{ field: 'reason', message: 'bắt buộc' }]);

    // Money already transferred away cannot be voided out of the fund.
    const spent = (await post('/api/v1/donations', donation(fundId))).body;
    const other = await fund();
    await post('/api/v1/transfers', {
      fromFundId: fundId,
      toFundId: other,
      amount: 1_000_000,
      occurredOn: '2026-09-06',
    });
    const refused = await post(`/api/v1/donations/${spent.id}/void`, { reason: 'Muộn quá' });
    expect([refused.status, refused.body.code]).toEqual([422, 'FUND_INSUFFICIENT']);
    expect((await treasurer.get(`/api/v1/donations/${spent.id}`)).body.status).toBe('recorded');
  });

  it('concurrent voids of one donation: exactly one succeeds', async () => {
    const fundId = await fund();
    const d = (await post('/api/v1/donations', donation(fundId))).body;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post(`/api/v1/donations/${d.id}/void`, { reason: 'Trùng' })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    expect((await counts(fundId)).balance).toBe(0);
  });

  it('finds donors without diacritics, suggests duplicates, never merges; anonymous donors share one record', async () => {
    const a = await treasurer
      .post('/api/v1/donors')
      .send({ unitId: tree.branch, kind: 'person', name: 'Phạm Thị Hồng Nhung', phone: '0988000111' });
    const b = await treasurer
      .post('/api/v1/donors')
      .send({ unitId: tree.branch, kind: 'person', name: 'Phạm Thị Hồng Nhung' });
    expect(b.body.possibleDuplicates.map((d: { id: string }) => d.id)).toContain(a.body.id);
    const found = await treasurer
      .get('/api/v1/donors')
      .query({ q: 'pham thi hong nhung', unitId: tree.branch });
    expect(found.body.total).toBe(2);
    const fundId = await fund(tree.branch);
    const one = await post('/api/v1/donations', donation(fundId, { donor: { kind: 'anonymous' } }));
    const two = await post('/api/v1/donations', donation(fundId, { donor: { kind: 'anonymous' } }));
    expect(one.body.donor).toEqual({
      id: two.body.donor.id,
      kind: 'anonymous',
      name: 'Nhà hảo tâm giấu tên',
    });
    // Many people stand behind it: no statement is made for it.
    const statement = await treasurer
      .get(`/api/v1/donors/${one.body.donor.id}/statement`)
      .query({ year: 2026 });
    expect([statement.status, statement.body.code]).toEqual([422, 'DONOR_ANONYMOUS_STATEMENT']);
  });

  it('waits at most 5 s for a fund another transaction holds, then answers 503 BUSY with Retry-After', async () => {
    const fundId = await fund();
    const runner = t.runtime.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM funds WHERE id = $1 FOR UPDATE`, [fundId]);
      // Without the request's lock timeout this would wait for as long as the lock is held.
      const res = await post('/api/v1/donations', donation(fundId));
      expect([res.status, res.body.code, res.headers['retry-after']]).toEqual([503, 'BUSY', '5']);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect((await post('/api/v1/donations', donation(fundId))).status).toBe(201);
  });

  it('renders the receipt after the commit: 202 while it is made, then the PDF; a void remakes it stamped; a lost file is made again byte for byte', async () => {
    // An app of its own that renders documents (the shared one leaves them pending).
    const r = await startTestApp({ queue: 'in-process', env: { RENDER_DOCUMENTS: 'true' } });
    try {
      const cashier = await r.as(
        await r.createUser(tree.district, [{ unitId: tree.district, role: 'treasurer' }]),
      );
      const fundId = await fund();
      const made = await cashier
        .post('/api/v1/donations')
        .set('Idempotency-Key', randomUUID())
        .send(donation(fundId, { reference: 'FT26330' }));
      const download = () =>
        cashier.get(`/api/v1/donations/${made.body.id}/receipt`).buffer(true).parse(rawBody);
      const ready = async () => {
        for (let i = 0; i < 100; i++) {
          const res = await download();
          if (res.status === 200) return res;
          expect([res.status, res.headers['retry-after']]).toEqual([202, '2']);
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('the receipt was never made');
      };
      const first = await ready();
      expect(first.headers['content-type']).toBe('application/pdf');
      expect(first.headers['content-disposition']).toContain(
        `phieu-thu-2026-${made.body.receipt.number}.pdf`,
      );
      const pdf = first.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const [row] = await t.runtime.dataSource.query(
        `SELECT status, sha256 FROM documents WHERE kind = 'receipt' AND subject_id = $1`,
        [made.body.id],
      );
      expect(row).toEqual({ status: 'ready', sha256: createHash('sha256').update(pdf).digest('hex') });
      expect((await r.app.get(DonationsService)['receipts'].render(made.body.id))!.equals(pdf)).toBe(true);

      // Lost from the disk: made again from the record, identical to the one issued.
      const dir = r.runtime.config.documentsDir;
      rmSync(join(dir, 'receipt', `${made.body.id}.pdf`));
      expect(((await download()).body as Buffer).equals(pdf)).toBe(true);

      // Voided: the same number, made again with the stamp (another file, another hash).
      await cashier
        .post(`/api/v1/donations/${made.body.id}/void`)
        .set('Idempotency-Key', randomUUID())
        .send({ reason: 'Ghi nhầm quỹ' });
      const stamped = (await ready()).body as Buffer;
      expect(stamped.equals(pdf)).toBe(false);
      // A render of the receipt as it was before the void (a job that was already running) is
      // not stored over the stamped one.
      const documents = r.app.get(DocumentsService);
      expect(await documents.store('receipt', made.body.id, pdf, 0)).toBe(false);
      expect(await documents.find('receipt', made.body.id)).toMatchObject({ status: 'ready', revision: 1 });
      expect(((await download()).body as Buffer).equals(stamped)).toBe(true);
      if (process.env.SAVE_PDF) {
        writeFileSync(process.env.SAVE_PDF, pdf);
        writeFileSync(`${process.env.SAVE_PDF}.void.pdf`, stamped);
      }
    } finally {
      await r.close();
    }
  });

  it('gives a donor’s yearly statement that adds up, voids shown but not counted', async () => {
    const fundId = await fund();
    const first = (
      await post('/api/v1/donations', donation(fundId, { amount: 500_000, receivedOn: '2026-02-01' }))
    ).body;
    const donorId = first.donor.id;
    await post('/api/v1/donations', {
      ...donation(fundId),
      donor: undefined,
      donorId,
      amount: 300_000,
      receivedOn: '2026-05-01',
    });
    const wrong = (
      await post('/api/v1/donations', { ...donation(fundId), donor: undefined, donorId, amount: 999 })
    ).body;
    await post(`/api/v1/donations/${wrong.id}/void`, { reason: 'Nhầm' });
    await post('/api/v1/donations', {
      ...donation(fundId),
      donor: undefined,
      donorId,
      amount: 100_000,
      receivedOn: '2025-12-31',
    });
    const statement = await treasurer.get(`/api/v1/donors/${donorId}/statement`).query({ year: 2026 });
    expect(statement.status).toBe(200);
    expect(statement.body).toMatchObject({ year: 2026, count: 3, total: 800_000 });
    expect(
      statement.body.donations.map((d: { amount: number; status: string }) => [d.amount, d.status]),
    ).toEqual([
      [500_000, 'recorded'],
      [300_000, 'recorded'],
      [999, 'void'],
    ]);
  });

  it('lists with filters and totals, and exports CSV with formulas made harmless', async () => {
    const fundId = await fund(tree.branch);
    await post(
      '/api/v1/donations',
      donation(fundId, {
        amount: 100,
        donor: { kind: 'enterprise', name: '=HYPERLINK("http://x")', taxCode: '0101234567' },
      }),
    );
    await post(
      '/api/v1/donations',
      donation(fundId, { amount: 200, method: 'bank_transfer', reference: 'FT26248123' }),
    );
    await post(
      '/api/v1/donations',
      donation(fundId, { amount: 300, method: 'in_kind', inKindDescription: '20 bộ sách giáo khoa' }),
    );
    const all = await treasurer.get('/api/v1/donations').query({ fundId });
    expect([all.body.total, all.body.totalAmount]).toEqual([3, 600]);
    const bank = await treasurer.get('/api/v1/donations').query({ fundId, method: 'bank_transfer' });
    expect(bank.body.items.map((d: { amount: number }) => d.amount)).toEqual([200]);
    const range = await treasurer.get('/api/v1/donations').query({ fundId, minAmount: 150, maxAmount: 300 });
    expect(range.body.total).toBe(2);
    const byRef = await treasurer.get('/api/v1/donations').query({ fundId, q: 'FT26248123' });
    expect(byRef.body.total).toBe(1);
    const csv = await treasurer.get('/api/v1/donations').query({ fundId, format: 'csv' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.text).toContain(',Doanh nghiệp,');
    expect(csv.text).toContain(',Hiện vật,');
    const xlsx = await treasurer
      .get('/api/v1/donations')
      .query({ fundId, format: 'xlsx' })
      .buffer(true)
      .parse(rawBody);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const cells = workbook.worksheets[0].getSheetValues().flat();
    expect(cells).toContain(`'=HYPERLINK("http://x")`);
    expect(cells).toContain(300);

    // Exports are read by keyset, a batch at a time: small batches give the list's rows and order.
    const scope = (await t.runtime.dataSource.query(`SELECT path FROM units WHERE id = $1`, [tree.branch]))[0]
      .path as string;
    const read: string[] = [];
    for await (const batch of t.app.get(DonationsRepository).donationBatches({ scope: [scope], fundId }, 2)) {
      read.push(...batch.map((d) => d.id));
    }
    expect(read).toEqual(all.body.items.map((d: { id: string }) => d.id));
  });

  it.each([
    ['amount', { amount: 0 }],
    ['amount', { amount: -1 }],
    ['amount', { amount: 12.5 }],
    ['amount', { amount: '1250000' }],
    ['amount', { amount: 10_000_000_000_001 }],
    ['receivedOn', { receivedOn: '2999-12-31' }],
    ['receivedOn', { receivedOn: '31/12/2025' }],
    ['receivedOn', { receivedOn: '0000-01-01' }],
    ['method', { method: 'cheque' }],
    ['inKindDescription', { method: 'in_kind' }],
    ['inKindDescription', { inKindDescription: 'sách' }],
    ['donorId', { donorId: '00000000-0000-4000-8000-000000000000' }],
    ['donorId', { donor: undefined }],
    ['donor.name', { donor: { kind: 'person' } }],
    ['donor.kind', { donor: { kind: 'alien', name: 'X' } }],
    ['donor.name', { donor: { kind: 'person', name: '\u0000\u0000' } }],
    ['status', { status: 'void' }],
    ['receiptNumber', { receiptNumber: 5 }],
    ['fundId', { fundId: '00000000-0000-4000-8000-000000000000' }],
  ])('refuses %s in %j with a 4xx naming it, writing nothing', async (field, extra) => {
    const fundId = await fund();
    const res = await post('/api/v1/donations', { ...donation(fundId), ...extra });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await counts(fundId)).toEqual({ donations: 0, balance: 0 });
  });

  it('refuses a fund of another unit (404) and a closed fund (422)', async () => {
    const communeTreasurer = await t.as(
      await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]),
    );
    const siblingFund = await fund(tree.sibling);
    const res = await communeTreasurer
      .post('/api/v1/donations')
      .set('Idempotency-Key', randomUUID())
      .send(donation(siblingFund));
    expect([res.status, res.body.code, res.body.fields]).toEqual([
      404,
      'FUND_NOT_FOUND',
      [{ field: 'fundId', message: 'không tìm thấy' }],
    ]);
    const closed = await fund();
    await treasurer.post(`/api/v1/funds/${closed}/close`);
    const into = await post('/api/v1/donations', donation(closed));
    expect([into.status, into.body.code]).toEqual([422, 'FUND_CLOSED']);
  });

  it('a fuzz run of 1,500 generated bodies yields no 500', async () => {
    const fundId = await fund(tree.branch);
    const rand = prng(20261125);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const junk = [
      null,
      true,
      0,
      -1,
      1.5,
      1e300,
      '',
      ' ',
      'x'.repeat(5000),
      '\u0000',
      '𝕏',
      [],
      {},
      [1],
      { a: 1 },
      '2026-02-30',
      '١٢٣',
      'NaN',
    ];
    const fields = [
      'fundId',
      'amount',
      'method',
      'receivedOn',
      'reference',
      'purpose',
      'note',
      'donorId',
      'donor',
      'inKindDescription',
      'extra',
    ];
    const bodies = Array.from({ length: 1500 }, () => {
      const body: Record<string, unknown> = { ...donation(fundId) };
      const n = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < n; i++) {
        const f = pick(fields);
        body[f] =
          f === 'donor' && rand() < 0.5
            ? { kind: pick(['person', 'clan', 'x', 7]), name: pick(junk) }
            : pick(junk);
      }
      return rand() < 0.05 ? pick(junk) : body;
    });
    const statuses: number[] = [];
    for (let i = 0; i < bodies.length; i += 10) {
      const batch = await Promise.all(
        bodies
          .slice(i, i + 10)
          .map((b) =>
            treasurer
              .post('/api/v1/donations')
              .set('Idempotency-Key', randomUUID())
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(b)),
          ),
      );
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });

  it('random concurrent donations, transfers, voids and reversals leave the ledger consistent', async () => {
    const funds = [
      await fund(tree.commune, 200_000),
      await fund(tree.commune),
      await fund(tree.district, 100_000),
      await fund(tree.branch),
    ];
    const rand = prng(424242);
    const donations: string[] = [];
    const transfers: string[] = [];
    const op = async () => {
      const r = rand();
      const f = funds[Math.floor(rand() * funds.length)];
      const g = funds[Math.floor(rand() * funds.length)];
      const amount = 1 + Math.floor(rand() * 150_000);
      if (r < 0.4) {
        const res = await post('/api/v1/donations', donation(f, { amount, donor: { kind: 'anonymous' } }));
        if (res.status === 201) donations.push(res.body.id);
      } else if (r < 0.7) {
        const res = await post('/api/v1/transfers', {
          fromFundId: f,
          toFundId: g,
          amount,
          occurredOn: '2026-09-05',
        });
        if (res.status === 201) transfers.push(res.body.id);
      } else if (r < 0.85 && donations.length) {
        await post(`/api/v1/donations/${donations[Math.floor(rand() * donations.length)]}/void`, {
          reason: 'ngẫu nhiên',
        });
      } else if (transfers.length) {
        await post(`/api/v1/entries/${transfers[Math.floor(rand() * transfers.length)]}/reverse`, {
          reason: 'ngẫu nhiên',
        });
      }
    };
    for (let round = 0; round < 15; round++) {
      const results = await Promise.allSettled(Array.from({ length: 12 }, op));
      expect(results.every((x) => x.status === 'fulfilled')).toBe(true);
    }
    const check = await verifyLedger(t.runtime.dataSource);
    expect(check).toMatchObject({ ok: true, problem: null });
    const [{ negative }] = await t.runtime.dataSource.query(
      `SELECT count(*)::int AS negative FROM funds WHERE balance < 0 OR reserved < 0`,
    );
    expect(negative).toBe(0);
  });
});
