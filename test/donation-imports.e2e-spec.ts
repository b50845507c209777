import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent.js';
import { DonationImportsService } from '../src/donations/import/donation-imports.service.js';
import { verifyLedger } from '../src/ledger/ledger-verifier.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp, rawBody } from './helpers/test-app.js';

const HEADER = [
  'Họ tên nhà hảo tâm',
  'Loại nhà hảo tâm',
  'Số tiền (đồng)',
  'Ngày nhận',
  'Hình thức',
  'Điện thoại',
  'Mô tả hiện vật',
];

async function xlsx(rows: unknown[][], header = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Bảng kê');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csv = (rows: string[][]) =>
  Buffer.from([HEADER, ...rows].map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n'));

describe('donation imports', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let treasurer: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    tree = await createFixtureTree(await t.rootAdmin());
    treasurer = await t.as(await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]));
  });
  afterAll(async () => {
    const check = await verifyLedger(t.runtime.dataSource);
    await t.close();
    expect(check).toMatchObject({ ok: true, problem: null });
  });

  const fund = async () =>
    (
      await treasurer
        .post('/api/v1/funds')
        .send({ unitId: tree.commune, name: 'Quỹ khuyến học xã', kind: 'general' })
    ).body.id as string;

  const upload = (
    fundId: string,
    file: Buffer,
    name: string,
    expectedCount: number | string,
    expectedTotal: number | string,
  ) =>
    treasurer
      .post('/api/v1/donation-imports')
      .field('fundId', fundId)
      .field('expectedCount', String(expectedCount))
      .field('expectedTotal', String(expectedTotal))
      .attach('file', file, name);

  const donationsIn = async (fundId: string) =>
    (
      await t.runtime.dataSource.query(`SELECT count(*)::int AS n FROM donations WHERE fund_id = $1`, [
        fundId,
      ])
    )[0].n;

  it('gives a template with Vietnamese headings', async () => {
    const res = await treasurer.get('/api/v1/donation-imports/template').buffer(true).parse(rawBody);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const headings = workbook.worksheets[0].getRow(1).values;
    expect(headings).toEqual(
      expect.arrayContaining(['Số tiền (đồng)', 'Quyển số (phiếu giấy)', 'Số (phiếu giấy)']),
    );
  });

  it('reports every problem by row and column, and writes nothing', async () => {
    const fundId = await fund();
    const res = await upload(
      fundId,
      csv([
        ['Nguyễn Văn An', 'Cá nhân', '1.250.000', '05/09/2026', 'Tiền mặt', '', ''],
        ['', 'Cá nhân', '500000', '05/09/2026', 'Tiền mặt', '', ''],
        ['Trần Thị Bích', 'Cá nhân', '1,5', '31/02/2026', 'Séc', '', ''],
        ['Dòng họ Phạm', 'Dòng họ', '2000000', '06/09/2026', 'Hiện vật', '', ''],
      ]),
      'bang-ke.csv',
      4,
      3_750_000,
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('invalid');
    expect(res.body.problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [3, 'Họ tên nhà hảo tâm'],
      [4, 'Số tiền (đồng)'],
      [4, 'Ngày nhận'],
      [4, 'Hình thức'],
      [5, 'Mô tả hiện vật'],
    ]);
    expect(await donationsIn(fundId)).toBe(0);
    const commit = await treasurer
      .post(`/api/v1/donation-imports/${res.body.id}/commit`)
      .set('Idempotency-Key', randomUUID());
    expect([commit.status, commit.body.code]).toEqual([422, 'IMPORT_INVALID']);
  });

  it('checks the count and total the treasurer typed', async () => {
    const fundId = await fund();
    const file = await xlsx([
      ['Lê Văn Cường', 'Cá nhân', 100_000, new Date(Date.UTC(2026, 8, 5)), 'Tiền mặt', '', ''],
    ]);
    const count = await upload(fundId, file, 'a.xlsx', 2, 100_000);
    expect(count.body.problems).toEqual([
      { row: 0, column: null, field: 'expectedCount', message: 'tệp có 1 dòng, bạn nhập 2' },
    ]);
    const total = await upload(fundId, file, 'a.xlsx', 1, 99_999);
    expect(total.body.problems[0]).toMatchObject({ field: 'expectedTotal' });
    const missing = await upload(fundId, file, 'a.xlsx', '', 'abc');
    expect([missing.status, missing.body.fields[0].field]).toEqual([400, 'expectedCount']);
  });

  it('stages clean rows batch by batch and keeps none when a late row is wrong', async () => {
    const fundId = await fund();
    const rows = Array.from({ length: 4500 }, (_, i) => [
      `Người thứ ${i + 1}`,
      'Cá nhân',
      String(1000 + i),
      '05/09/2026',
      'Tiền mặt',
      '',
      '',
    ]);
    const total = rows.reduce((sum, r) => sum + Number(r[2]), 0);
    const staged = async (id: string) =>
      (
        await t.runtime.dataSource.query(
          `SELECT count(*)::int AS n FROM donation_import_rows WHERE import_id = $1`,
          [id],
        )
      )[0].n;
    const clean = await upload(fundId, csv(rows), 'sach.csv', 4500, total);
    expect([clean.body.status, await staged(clean.body.id)]).toEqual(['valid', 4500]);
    const late = await upload(
      fundId,
      csv([...rows, ['Sai', 'Cá nhân', 'abc', '05/09/2026', 'Tiền mặt', '', '']]),
      'sai.csv',
      4501,
      total,
    );
    expect(late.body.status).toBe('invalid');
    expect(late.body.problems).toEqual([expect.objectContaining({ row: 4502, field: 'amount' })]);
    expect(await staged(late.body.id)).toBe(0);
  });

  it('checks a few files at a time per process; the next gets 503 with Retry-After', async () => {
    const fundId = await fund();
    const service = t.app.get(DonationImportsService) as unknown as { checking: number };
    service.checking = 2;
    try {
      const file = csv([['Lê Văn Cường', 'Cá nhân', '100000', '05/09/2026', 'Tiền mặt', '', '']]);
      const busy = await upload(fundId, file, 'a.csv', 1, 100_000);
      expect([busy.status, busy.body.code, busy.headers['retry-after']]).toEqual([503, 'BUSY', '5']);
      expect(busy.body.fields).toEqual([{ field: 'file', message: expect.any(String) }]);
    } finally {
      service.checking = 0;
    }
  });

  it('commits all rows in one go, receipt numbers in file order, donors matched or created; a second upload of the file is refused', async () => {
    const fundId = await fund();
    const known = await treasurer
      .post('/api/v1/donors')
      .send({ unitId: tree.commune, kind: 'person', name: 'Hoàng Thị Lan', phone: '0912000111' });
    const rows = [
      ['Hoàng Thị Lan', 'Cá nhân', '1.000.000', '01/03/2026', 'Chuyển khoản', '0912 000 111', ''],
      ['Công ty TNHH Ánh Dương', 'Doanh nghiệp', '5,000,000', '2026-03-02', 'Chuyển khoản', '', ''],
      ['', 'Giấu tên', 200000, '03/03/2026', 'Tiền mặt', '', ''],
      ['Dòng họ Nguyễn Đình', 'Dòng họ', '3000000', '04/03/2026', 'Hiện vật', '', '50 bộ sách giáo khoa'],
      ['Công ty TNHH Ánh Dương', 'Doanh nghiệp', '5,000,000', '2026-03-02', 'Chuyển khoản', '', ''],
    ];
    const file = await xlsx(rows);
    const report = await upload(fundId, file, 'thang-3.xlsx', 5, 14_200_000);
    expect(report.body).toMatchObject({ status: 'valid', rows: 5, total: 14_200_000, problems: [] });
    expect(report.body.warnings).toEqual([
      expect.objectContaining({ row: 6, message: expect.stringContaining('dòng 3') }),
    ]);
    expect(await donationsIn(fundId)).toBe(0);

    const key = randomUUID();
    const commit = await treasurer
      .post(`/api/v1/donation-imports/${report.body.id}/commit`)
      .set('Idempotency-Key', key);
    expect(commit.status).toBe(201);
    expect(commit.body).toMatchObject({
      status: 'committed',
      firstReceipt: expect.stringMatching(/^2026\/\d{6}$/),
    });
    const replay = await treasurer
      .post(`/api/v1/donation-imports/${report.body.id}/commit`)
      .set('Idempotency-Key', key);
    expect([replay.status, replay.text]).toEqual([200, commit.text]);
    const again = await treasurer
      .post(`/api/v1/donation-imports/${report.body.id}/commit`)
      .set('Idempotency-Key', randomUUID());
    expect([again.status, again.body.code]).toEqual([409, 'IMPORT_ALREADY_COMMITTED']);

    const list = await treasurer.get('/api/v1/donations').query({ fundId, pageSize: 10 });
    const byNumber = [...list.body.items].sort((a, b) => a.receipt.number.localeCompare(b.receipt.number));
    expect(byNumber.map((d: { amount: number }) => d.amount)).toEqual([
      1_000_000, 5_000_000, 200_000, 3_000_000, 5_000_000,
    ]);
    const numbers = byNumber.map((d: { receipt: { number: string } }) => Number(d.receipt.number));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
    expect(byNumber[0].donor.id).toBe(known.body.id);
    expect(byNumber[1].donor.id).toBe(byNumber[4].donor.id);
    expect(byNumber[2].donor.kind).toBe('anonymous');
    expect(byNumber[3]).toMatchObject({ method: 'in_kind', inKindDescription: '50 bộ sách giáo khoa' });
    // The gift of goods (3,000,000 đ of textbooks) is held apart from the cash.
    expect((await treasurer.get(`/api/v1/funds/${fundId}`)).body).toMatchObject({
      balance: 11_200_000,
      inKind: 3_000_000,
    });

    const twice = await upload(fundId, file, 'thang-3-lai.xlsx', 5, 14_200_000);
    expect([twice.status, twice.body.code]).toEqual([409, 'IMPORT_ALREADY_COMMITTED']);
    expect(twice.body.fields[0].message).toContain(report.body.id);
  });

  it('keeps the book and number of paper receipts already handed out; the other rows are numbered at commit', async () => {
    // December: five receipts issued today; then September's paper receipts typed in.
    const fundId = await fund();
    const [{ n: before }] = await t.runtime.dataSource.query(
      `SELECT coalesce(max(receipt_number), 0)::int AS n FROM donations WHERE unit_id = $1 AND receipt_year = 2026`,
      [tree.commune],
    );
    const header = ['Họ tên', 'Số tiền', 'Ngày nhận', 'Mã số thuế', 'Quyển số', 'Số phiếu'];
    const september = [
      ['Nguyễn Văn Thu', '500000', '05/09/2026', '', '3', '45'],
      ['Công ty CP Sông Hồng', '2000000', '06/09/2026', '1000123456', '03', '46'],
      ['Lê Thị Mơ', '300000', '07/09/2026', '', '', ''],
    ];
    // Within the file: the same paper receipt twice; a number without its book; a book alone.
    const bad = await upload(
      fundId,
      await xlsx(
        [
          ...september,
          ['Phan Văn Tú', '100000', '08/09/2026', '', '03', '0045'],
          ['Phan Văn Tư', '100000', '08/09/2026', '', '', '47'],
          ['Phan Văn Tứ', '100000', '08/09/2026', '', 'Q2', ''],
        ],
        header,
      ),
      'thang-9-loi.xlsx',
      6,
      3_100_000,
    );
    expect(bad.body.status).toBe('invalid');
    expect(
      bad.body.problems.map((p: { row: number; column: string; message: string }) => [
        p.row,
        p.column,
        p.message,
      ]),
    ).toEqual([
      [5, 'Số (phiếu giấy)', 'trùng phiếu giấy với dòng 2'],
      [6, 'Quyển số (phiếu giấy)', 'bắt buộc khi có số phiếu giấy'],
      [7, 'Số (phiếu giấy)', 'bắt buộc khi có quyển số phiếu giấy'],
    ]);

    const report = await upload(fundId, await xlsx(september, header), 'thang-9.xlsx', 3, 2_800_000);
    expect(report.body).toMatchObject({ status: 'valid', problems: [] });
    const commit = await treasurer
      .post(`/api/v1/donation-imports/${report.body.id}/commit`)
      .set('Idempotency-Key', randomUUID());
    expect(commit.status).toBe(201);
    expect(commit.body).toMatchObject({
      firstReceipt: 'giấy 03/0045',
      lastReceipt: `2026/${String(before + 1).padStart(6, '0')}`,
    });
    const rows = await t.runtime.dataSource.query(
      `SELECT paper_book, paper_number, receipt_number, receipt_snapshot->>'number' AS printed,
              receipt_snapshot->'payer'->>'taxCode' AS tax_code
         FROM donations WHERE fund_id = $1 ORDER BY received_on`,
      [fundId],
    );
    expect(rows).toEqual([
      { paper_book: '03', paper_number: 45, receipt_number: null, printed: '0045', tax_code: null },
      { paper_book: '03', paper_number: 46, receipt_number: null, printed: '0046', tax_code: '1000123456' },
      {
        paper_book: null,
        paper_number: null,
        receipt_number: before + 1,
        printed: String(before + 1).padStart(6, '0'),
        tax_code: null,
      },
    ]);
    // The electronic counter moved by the one row without a paper receipt only.
    const [counter] = await t.runtime.dataSource.query(
      `SELECT last_number FROM receipt_counters WHERE unit_id = $1 AND year = 2026`,
      [tree.commune],
    );
    expect(counter.last_number).toBe(before + 1);

    // Against the database: a later file naming a paper receipt already recorded, by row and column.
    const again = await upload(
      fundId,
      await xlsx([['Đỗ Văn Nam', '100000', '09/09/2026', '', '03', '46']], header),
      'bo-sung.xlsx',
      1,
      100_000,
    );
    expect(again.body.problems).toEqual([
      {
        row: 2,
        column: 'Số (phiếu giấy)',
        field: 'paperNumber',
        message: 'phiếu giấy quyển 03, số 0046 năm 2026 đã được ghi nhận',
      },
    ]);
    // The same book and number in another year is another receipt.
    const nextYear = await upload(
      fundId,
      await xlsx([['Đỗ Văn Nam', '100000', '09/09/2025', '', '03', '46']], header),
      'nam-truoc.xlsx',
      1,
      100_000,
    );
    expect(nextYear.body).toMatchObject({ status: 'valid', problems: [] });

    // Recorded by hand between the upload and the commit: the commit fails, naming the row.
    const late = await upload(
      fundId,
      await xlsx([['Đỗ Văn Bắc', '100000', '10/09/2026', '', '03', '50']], header),
      'muon.xlsx',
      1,
      100_000,
    );
    expect(late.body.status).toBe('valid');
    const single = await treasurer
      .post('/api/v1/donations')
      .set('Idempotency-Key', randomUUID())
      .send({
        fundId,
        amount: 100_000,
        method: 'cash',
        receivedOn: '2026-09-10',
        donor: { kind: 'person', name: 'Đỗ Văn Bắc' },
        paperReceipt: { book: '03', number: 50 },
      });
    expect(single.status).toBe(201);
    const failed = await treasurer
      .post(`/api/v1/donation-imports/${late.body.id}/commit`)
      .set('Idempotency-Key', randomUUID());
    expect([failed.status, failed.body.code, failed.body.fields]).toEqual([
      409,
      'PAPER_RECEIPT_TAKEN',
      [{ field: 'row 2', message: 'phiếu giấy quyển 03, số 0050 năm 2026 đã được ghi nhận' }],
    ]);
    expect(await donationsIn(fundId)).toBe(4);
  });

  it('keeps backslashes, quotes and Vietnamese text exactly through the bulk COPY', async () => {
    const fundId = await fund();
    const name = 'Đoàn \\ "Bảo" Ngọc\\N';
    const report = await upload(
      fundId,
      await xlsx([[name, 'Cá nhân', 1000, '01/03/2026', 'Tiền mặt', '', '']]),
      'c.xlsx',
      1,
      1000,
    );
    const commit = await treasurer
      .post(`/api/v1/donation-imports/${report.body.id}/commit`)
      .set('Idempotency-Key', randomUUID());
    expect(commit.status).toBe(201);
    const list = await treasurer.get('/api/v1/donations').query({ fundId });
    expect(list.body.items[0].donor.name).toBe(name);
    const [row] = await t.runtime.dataSource.query(
      `SELECT receipt_snapshot FROM donations WHERE fund_id = $1`,
      [fundId],
    );
    expect(row.receipt_snapshot.payer.name).toBe(name);
  });

  it('refuses totals past the range of a fund, a missing fund id, and a year 0 date, naming each', async () => {
    const fundId = await fund();
    const huge = await upload(
      fundId,
      csv([['A', 'Cá nhân', '1000', '01/03/2026', 'Tiền mặt', '', '']]),
      'h.csv',
      1,
      '9999999999999999',
    );
    expect([huge.status, huge.body.fields[0].field]).toEqual([400, 'expectedTotal']);
    const rows = Array.from({ length: 901 }, (_, i) => [
      `Người ${i}`,
      'Cá nhân',
      '10000000000000',
      '01/03/2026',
      'Tiền mặt',
      '',
      '',
    ]);
    const big = await upload(fundId, csv(rows), 'big.csv', 901, 9_007_199_254_740_991);
    expect(big.body.problems).toEqual([
      expect.objectContaining({ field: 'file', message: expect.stringContaining('vượt giới hạn') }),
    ]);
    const noFund = await treasurer
      .post('/api/v1/donation-imports')
      .field('expectedCount', '1')
      .field('expectedTotal', '1')
      .attach('file', csv([]), 'x.csv');
    expect([noFund.status, noFund.body.fields[0].field]).toEqual([400, 'fundId']);
    const year0 = await upload(
      fundId,
      csv([['A', 'Cá nhân', '1000', '01/01/0000', 'Tiền mặt', '', '']]),
      'y.csv',
      1,
      1000,
    );
    expect(year0.body.problems).toEqual([expect.objectContaining({ row: 2, field: 'receivedOn' })]);
  });

  it('an import commit and single donations into the same fund never deadlock', async () => {
    const fundId = await fund();
    const rows = Array.from({ length: 3000 }, (_, i) => [
      `Nhà hảo tâm ${i}`,
      i % 10 ? 'Cá nhân' : 'Giấu tên',
      '1000',
      '01/03/2026',
      'Tiền mặt',
      '',
      '',
    ]);
    const report = await upload(fundId, csv(rows), 'song-song.csv', 3000, 3_000_000);
    expect(report.body.status).toBe('valid');
    const donate = () =>
      treasurer
        .post('/api/v1/donations')
        .set('Idempotency-Key', randomUUID())
        .send({
          fundId,
          amount: 500,
          method: 'cash',
          receivedOn: '2026-03-02',
          donor: { kind: 'anonymous' },
        });
    const [commit, ...singles] = await Promise.all([
      treasurer
        .post(`/api/v1/donation-imports/${report.body.id}/commit`)
        .set('Idempotency-Key', randomUUID()),
      ...Array.from({ length: 20 }, donate),
    ]);
    expect(commit.status).toBe(201);
    // Each single donation either went in, or was told the fund was busy (503, Retry-After): never a 500.
    expect(singles.every((r) => r.status === 201 || (r.status === 503 && r.body.code === 'BUSY'))).toBe(true);
    const recorded = singles.filter((r) => r.status === 201).length;
    expect((await treasurer.get(`/api/v1/funds/${fundId}`)).body.balance).toBe(3_000_000 + 500 * recorded);
  });

  it('commits nothing when the commit fails (the fund was closed in between)', async () => {
    const fundId = await fund();
    const report = await upload(
      fundId,
      csv([['Vũ Văn Dũng', 'Cá nhân', '100000', '01/03/2026', 'Tiền mặt', '', '']]),
      'x.csv',
      1,
      100_000,
    );
    await treasurer.post(`/api/v1/funds/${fundId}/close`);
    const commit = await treasurer
      .post(`/api/v1/donation-imports/${report.body.id}/commit`)
      .set('Idempotency-Key', randomUUID());
    expect([commit.status, commit.body.code]).toEqual([422, 'FUND_CLOSED']);
    expect(await donationsIn(fundId)).toBe(0);
    expect((await treasurer.get(`/api/v1/donation-imports/${report.body.id}`)).body.status).toBe('valid');
  });

  it('names what it received when it is not a spreadsheet, and says what it accepts', async () => {
    const fundId = await fund();
    const docx = await (async () => {
      const JSZip = (await import('jszip')).default;
      const zip = new JSZip();
      zip.file('[Content_Types].xml', '<Types/>');
      zip.file('word/document.xml', '<w:document/>');
      return Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));
    })();
    for (const [file, name, message] of [
      [
        Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'),
        'bang-ke.pdf',
        'tệp nhận được là PDF; chỉ nhận bảng tính .xlsx hoặc .csv (UTF-8)',
      ],
      // Named .xlsx, but a Word document inside.
      [
        docx,
        'bang-ke.xlsx',
        'tệp nhận được là văn bản Word (.docx); chỉ nhận bảng tính .xlsx hoặc .csv (UTF-8)',
      ],
      [
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        'bang-ke.csv',
        'tệp nhận được là ảnh PNG; chỉ nhận bảng tính .xlsx hoặc .csv (UTF-8)',
      ],
    ] as const) {
      const res = await upload(fundId, file, name, 1, 1000);
      expect([res.status, res.body.code, res.body.fields]).toEqual([
        400,
        'IMPORT_FILE_INVALID',
        [{ field: 'file', message }],
      ]);
    }
    expect(await donationsIn(fundId)).toBe(0);
  });

  it('refuses what is too large before parsing it: bytes, rows, and an XLSX that inflates too much', async () => {
    const small = await startTestApp({
      queue: 'in-process',
      env: { IMPORT_MAX_BYTES: '16384', IMPORT_MAX_ROWS: '3', IMPORT_MAX_UNZIPPED_BYTES: '4096' },
    });
    try {
      const agent = await small.as(
        await small.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]),
      );
      const fundId = (
        await agent.post('/api/v1/funds').send({ unitId: tree.commune, name: 'Quỹ', kind: 'general' })
      ).body.id;
      const send = (file: Buffer, name: string) =>
        agent
          .post('/api/v1/donation-imports')
          .field('fundId', fundId)
          .field('expectedCount', '1')
          .field('expectedTotal', '1')
          .attach('file', file, name);
      const big = await send(Buffer.alloc(17000, 'a'), 'big.csv');
      expect([big.status, big.body.code, big.body.fields[0].field]).toEqual([
        413,
        'IMPORT_FILE_TOO_LARGE',
        'file',
      ]);
      const many = await send(
        csv(Array.from({ length: 4 }, () => ['A', 'Cá nhân', '1', '01/01/2026', 'Tiền mặt', '', ''])),
        'many.csv',
      );
      expect([many.status, many.body.fields[0].message]).toEqual([
        400,
        expect.stringContaining('quá 3 dòng'),
      ]);
      const bomb = await send(
        await xlsx([['A', 'Cá nhân', 1, '01/01/2026', 'Tiền mặt', '', '']]),
        'bomb.xlsx',
      );
      expect([bomb.status, bomb.body.fields[0].message]).toEqual([400, 'tệp XLSX giải nén ra quá lớn']);
      const latin1 = await send(Buffer.from('Họ tên nhà hảo tâm', 'latin1'), 'latin1.csv');
      expect(latin1.body.fields[0].message).toContain('UTF-8');
    } finally {
      await small.close();
    }
  });
});
