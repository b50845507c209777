import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type TestAgent from 'supertest/lib/agent.js';
import { renderCertificate, type CertificateView } from '../templates/certificate.js';
import { renderReceipt, type ReceiptView } from '../templates/receipt.js';
import { renderStatement, type StatementDocumentView } from '../templates/statement.js';
import { todayInVietnam } from '../src/common/dates.js';
import { amountInWords, formatDate } from '../src/common/vi-format.js';
import { documentFonts } from '../src/documents/fonts.js';
import { pdfBytes, verificationQr } from '../src/documents/qr.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { pdfFlatText, pdfText } from './helpers/pdf-text.js';
import { startTestApp, TestApp } from './helpers/test-app.js';

// What a reader of the printed documents sees, read back from the PDFs' text with pdfjs.

async function receipt(extra: Partial<ReceiptView> = {}): Promise<Buffer> {
  const view: ReceiptView = {
    unit: { name: 'Xã Vũ Thư', address: 'Thôn Đông, xã Vũ Thư' },
    book: '2026',
    number: '000123',
    code: 'KH7Q-2M4X',
    qr: verificationQr('http://localhost:3000/verify/KH7Q2M4X'),
    receivedOn: '2026-09-05',
    payer: { name: 'Nguyễn Thị Hằng', address: 'Thôn Đoài' },
    reason: 'Ủng hộ Quỹ khuyến học xã',
    fundName: 'Quỹ khuyến học xã Vũ Thư',
    amount: 1_250_000,
    method: 'cash',
    reference: null,
    inKindDescription: null,
    treasurerName: 'Trần Văn Bình',
    void: null,
    copy: false,
    ...extra,
  };
  return pdfBytes(renderReceipt(view, documentFonts()));
}

describe('receipts, certificates and statements as printed', () => {
  // Written out by hand (northern reading: "linh", "nghìn", "tỷ"), not computed by the code under test.
  it.each([
    [1_001, '1.001 đ', 'Một nghìn không trăm linh một đồng'],
    [10_000, '10.000 đ', 'Mười nghìn đồng'],
    [15_000, '15.000 đ', 'Mười lăm nghìn đồng'],
    [21_000, '21.000 đ', 'Hai mươi mốt nghìn đồng'],
    [25_000, '25.000 đ', 'Hai mươi lăm nghìn đồng'],
    [105_000, '105.000 đ', 'Một trăm linh năm nghìn đồng'],
    [1_000_005, '1.000.005 đ', 'Một triệu không trăm linh năm đồng'],
    [80_000, '80.000 đ', 'Tám mươi nghìn đồng'],
    [1_250_000_000, '1.250.000.000 đ', 'Một tỷ hai trăm năm mươi triệu đồng'],
    [
      999_999_999_999,
      '999.999.999.999 đ',
      'Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng',
    ],
  ])('prints %d on a receipt as "%s", "%s"', async (amount, figure, words) => {
    const text = await pdfFlatText(await receipt({ amount }));
    expect(text).toContain(`Số tiền: ${figure}`);
    expect(text).toContain(`Viết bằng chữ: ${words}`);
  });

  it('reads zero as "Không đồng" (an empty statement’s total); a receipt of 0 never exists', () => {
    // The API refuses amount 0 (donations.e2e-spec); the words exist for a year with no gifts.
    expect(amountInWords(0)).toBe('Không đồng');
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(0.5)).toThrow(RangeError);
  });

  it('prints a receipt’s title, date, payer and stamp, the same bytes every time', async () => {
    const pdf = await receipt();
    const [page, ...more] = await pdfText(pdf);
    expect(more).toEqual([]);
    expect(page.split('\n')).toEqual(
      expect.arrayContaining([
        'PHIẾU THU',
        'Ngày 05 tháng 9 năm 2026',
        'Quyển số: 2026 Số: 000123',
        // A receipt recorded before the form setting (no form in its view) prints as it was issued.
        'Mẫu số 01 - TT',
        'Họ và tên người nộp tiền: Nguyễn Thị Hằng',
        'Mã tra cứu: KH7Q-2M4X',
      ]),
    );
    expect(page).not.toContain('ĐÃ HỦY');
    expect((await receipt()).equals(pdf)).toBe(true);

    const voided = await receipt({ void: { reason: 'Ghi nhầm số tiền', on: '2026-09-06' } });
    const stamped = await pdfFlatText(voided);
    expect(stamped).toContain('ĐÃ HỦY');
    expect(stamped).toContain('Đã hủy ngày 06 tháng 9 năm 2026: Ghi nhầm số tiền');
    expect(stamped).toContain('Số: 000123');
    expect(voided.equals(pdf)).toBe(false);
    // A reprint says so; the original does not.
    expect(await pdfFlatText(await receipt({ copy: true }))).toContain('BẢN SAO');
    expect(await pdfFlatText(pdf)).not.toContain('BẢN SAO');
  });

  it('prints the form and its circular, the tax code, the treasurer under "Thủ quỹ" and a transcribed paper receipt', async () => {
    const form = {
      title: 'Mẫu số C40-BB',
      basis: '(Ban hành theo Thông tư số 24/2024/TT-BTC ngày 17/4/2024 của Bộ Tài chính)',
    };
    const pdf = await receipt({
      form,
      paper: true,
      book: '03',
      number: '0045',
      cashier: true,
      payer: { name: 'Công ty TNHH Minh Phát', address: 'Khu công nghiệp Phúc Khánh', taxCode: '1000123456' },
    });
    if (process.env.SAVE_RECEIPT_PDF) {
      writeFileSync(process.env.SAVE_RECEIPT_PDF, pdf);
      const copy = await receipt({ form, paper: true, book: '03', number: '0045', copy: true });
      writeFileSync(process.env.SAVE_RECEIPT_PDF.replace(/\.pdf$/, '-copy.pdf'), copy);
    }
    const [page, ...more] = await pdfText(pdf);
    expect(more).toEqual([]);
    const flat = page.replace(/\n/g, ' ');
    expect(page.split('\n')).toEqual(
      expect.arrayContaining([
        'Đơn vị: Hội Khuyến học xã Vũ Thư',
        'Mẫu số C40-BB',
        'Quyển số: 03 Số: 0045',
        'Mã số thuế: 1000123456',
      ]),
    );
    expect(flat).toContain('(Ban hành theo Thông tư số 24/2024/TT-BTC ngày 17/4/2024 của Bộ Tài chính)');
    expect(flat).toContain(
      'Bản chép lại phiếu thu giấy Quyển số 03, Số 0045 đã lập ngày 05 tháng 9 năm 2026',
    );
    // The recording treasurer of the unit signs as the one who prepared it and as cashier.
    expect(page.match(/Trần Văn Bình/g)).toHaveLength(2);
    expect(page).not.toContain('Mẫu số 01 - TT');

    // Another form, a person without a tax code, a treasurer from above: "Thủ quỹ" left to sign.
    const other = await pdfText(
      await receipt({
        form: {
          title: 'Mẫu số 01-TT',
          basis: '(Ban hành theo Thông tư số 133/2016/TT-BTC ngày 26/8/2016 của Bộ Tài chính)',
        },
        cashier: false,
      }),
    );
    expect(other[0]).toContain('Mẫu số 01-TT');
    expect(other[0]).not.toContain('Mã số thuế');
    expect(other[0]).not.toContain('Bản chép lại');
    expect(other[0].match(/Trần Văn Bình/g)).toHaveLength(1);
  });

  it('prints a certificate: the association under its province, the recipient, the amount in words, the decision', async () => {
    const view: CertificateView = {
      unitName: 'Hội Khuyến học xã Vũ Thư',
      parentName: 'Hội Khuyến học tỉnh Hưng Yên',
      recipientName: 'Phạm Thị Ngọc Ánh',
      recipientLine: 'Học sinh lớp 8A, Trường THCS Vũ Thư',
      categoryName: 'Học sinh nghèo vượt khó',
      roundTitle: 'Học bổng cuối năm 2026',
      period: '2026',
      amount: 1_500_000,
      decision: { number: '15/QĐ-KH', date: '2026-11-20' },
      place: 'Vũ Thư',
      date: '2026-11-25',
      chairName: 'Đỗ Văn Hưởng',
      code: 'KH9C-8R2T',
      qr: verificationQr('http://localhost:3000/verify/KH9C8R2T'),
      copy: false,
    };
    const render = () => pdfBytes(renderCertificate(view, documentFonts()));
    const pdf = await render();
    const text = await pdfFlatText(pdf);
    expect(text).toContain('GIẤY CHỨNG NHẬN');
    // The province line above the association, as on the other documents.
    expect(text).toContain('HỘI KHUYẾN HỌC TỈNH HƯNG YÊN HỘI KHUYẾN HỌC XÃ VŨ THƯ');
    // The round's title says its period already: not "cuối năm 2026 (2026)".
    expect(text).toContain('Đã được trao suất “Học sinh nghèo vượt khó” của Học bổng cuối năm 2026, số tiền');
    expect(text).toContain('Phạm Thị Ngọc Ánh');
    expect(text).toContain('số tiền 1.500.000 đ (Một triệu năm trăm nghìn đồng)');
    expect(text).toContain('theo Quyết định số 15/QĐ-KH ngày 20 tháng 11 năm 2026.');
    expect(text).toContain('Vũ Thư, ngày 25 tháng 11 năm 2026');
    expect(text).toContain('Đỗ Văn Hưởng');
    expect((await render()).equals(pdf)).toBe(true);
  });

  it('prints a long statement over pages, the table heading on each, voids listed but not counted', async () => {
    const rows: StatementDocumentView['rows'] = Array.from({ length: 70 }, (_, i) => ({
      receivedOn: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      book: '2026',
      number: String(i + 1).padStart(6, '0'),
      fundName: 'Quỹ khuyến học xã Vũ Thư',
      method: (['cash', 'bank_transfer', 'in_kind'] as const)[i % 3],
      amount: 10_000 * (i + 1),
      void: i % 10 === 4,
    }));
    const view: StatementDocumentView = {
      unit: { name: 'Hội Khuyến học Xã Vũ Thư', address: 'Thôn Đông, xã Vũ Thư' },
      parentName: 'Hội Khuyến học Tỉnh Hưng Yên',
      year: 2026,
      donor: { name: 'Công ty TNHH Đức Anh', address: 'Khu công nghiệp Phúc Khánh', taxCode: '1000123456' },
      rows,
      place: 'Xã Vũ Thư',
      dated: '2026-12-28',
    };
    const render = () => pdfBytes(renderStatement(view, documentFonts()));
    const pdf = await render();
    const pages = await pdfText(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('STT Ngày Phiếu thu Quỹ Hình thức Số tiền Ghi chú');
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
      expect(page).toContain('Bảng kê năm 2026 — Công ty TNHH Đức Anh');
    }
    const lines = pages.join('\n').split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'BẢNG KÊ ĐÓNG GÓP QUỸ KHUYẾN HỌC NĂM 2026',
        'Nhà hảo tâm: Công ty TNHH Đức Anh',
        'Mã số thuế: 1000123456',
        '1 01/01/2026 2026/000001 Quỹ khuyến học xã Vũ Thư Tiền mặt 10.000 đ',
        '5 05/05/2026 2026/000005 Quỹ khuyến học xã Vũ Thư Chuyển khoản 50.000 đ Đã hủy',
        '70 14/10/2026 2026/000070 Quỹ khuyến học xã Vũ Thư Tiền mặt 700.000 đ',
      ]),
    );
    // 10 000 × (1 + … + 70) = 24 850 000, less the voided 5th, 15th, …, 65th (10 000 × 245 = 2 450 000).
    const text = pages.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Tổng cộng: 63 khoản, 22.400.000 đ (không tính 7 khoản đã hủy)');
    expect(text).toContain('Bằng chữ: Hai mươi hai triệu bốn trăm nghìn đồng.');
    expect(text).toContain('Xã Vũ Thư, ngày 28 tháng 12 năm 2026');
    expect(text).toContain('TM. HỘI KHUYẾN HỌC XÃ VŨ THƯ');
    expect((await render()).equals(pdf)).toBe(true);

    const empty = await pdfFlatText(await pdfBytes(renderStatement({ ...view, rows: [] }, documentFonts())));
    expect(empty).toContain('Không có khoản đóng góp nào trong năm 2026.');
    expect(empty).toContain('Tổng cộng: 0 khoản, 0 đ Bằng chữ: Không đồng.');
  });
});

describe('GET /donors/:id/statement as a PDF', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let treasurer: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    tree = await createFixtureTree(await t.rootAdmin());
    treasurer = await t.as(await t.createUser(tree.district, [{ unitId: tree.district, role: 'treasurer' }]));
  });
  afterAll(() => t.close());

  const post = (url: string, body: object) =>
    treasurer.post(url).set('Idempotency-Key', randomUUID()).send(body);

  it('prints the year’s gifts, voids shown, the total in figures and words; scoped like the JSON', async () => {
    const fundId = (
      await treasurer
        .post('/api/v1/funds')
        .send({ unitId: tree.commune, name: 'Quỹ khuyến học xã', kind: 'general' })
    ).body.id as string;
    const gift = (amount: number, receivedOn: string, extra: object = {}) =>
      post('/api/v1/donations', { fundId, amount, method: 'cash', receivedOn, ...extra });
    const first = await gift(500_000, '2026-02-01', {
      donor: { kind: 'person', name: 'Nguyễn Thị Hằng', address: 'Thôn Đông, xã Thử' },
    });
    const donorId = first.body.donor.id as string;
    const second = await gift(300_000, '2026-05-01', {
      donorId,
      method: 'bank_transfer',
      reference: 'FT26121',
    });
    const wrong = await gift(999, '2026-06-01', { donorId });
    await post(`/api/v1/donations/${wrong.body.id}/void`, { reason: 'Nhầm' });
    await gift(100_000, '2025-12-31', { donorId });
    const zero = await gift(0, '2026-06-02', { donorId });
    expect([zero.status, zero.body.fields.map((f: { field: string }) => f.field)]).toEqual([400, ['amount']]);

    const url = `/api/v1/donors/${donorId}/statement`;
    const res = await treasurer.get(url).query({ year: 2026, format: 'pdf' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="bang-ke-2026-nguyen-thi-hang.pdf"');
    expect(res.headers.vary).toMatch(/Accept/);
    const pdf = res.body as Buffer;
    if (process.env.SAVE_STATEMENT_PDF) writeFileSync(process.env.SAVE_STATEMENT_PDF, pdf);
    const [page, ...more] = await pdfText(pdf);
    expect(more).toEqual([]);
    const unitName = (
      await t.runtime.dataSource.query(`SELECT name FROM units WHERE id = $1`, [tree.commune])
    )[0].name as string;
    const [n1, n2, n3] = [first, second, wrong].map((r) => r.body.receipt.number as string);
    expect(page.split('\n')).toEqual(
      expect.arrayContaining([
        'BẢNG KÊ ĐÓNG GÓP QUỸ KHUYẾN HỌC NĂM 2026',
        `HỘI KHUYẾN HỌC ${unitName.toUpperCase()}`,
        'Nhà hảo tâm: Nguyễn Thị Hằng',
        'Địa chỉ: Thôn Đông, xã Thử',
        `1 01/02/2026 2026/${n1} Quỹ khuyến học xã Tiền mặt 500.000 đ`,
        `2 01/05/2026 2026/${n2} Quỹ khuyến học xã Chuyển khoản 300.000 đ`,
        `3 01/06/2026 2026/${n3} Quỹ khuyến học xã Tiền mặt 999 đ Đã hủy`,
        'Tổng cộng: 2 khoản, 800.000 đ (không tính 1 khoản đã hủy)',
        'Bằng chữ: Tám trăm nghìn đồng.',
        // Dated by its latest event: the void, recorded today.
        `${unitName}, ${formatDate(todayInVietnam())}`,
        'Bảng kê năm 2026 — Nguyễn Thị Hằng Trang 1/1',
      ]),
    );
    expect(page).not.toContain('100.000 đ');
    // In running text the unit's type is lower case: "Hội Khuyến học xã …".
    const flat = page.replace(/\s+/g, ' ');
    expect(flat).toContain(`Hội Khuyến học ${unitName.replace(/^Xã /, 'xã ')} xác nhận đã nhận`);
    expect(flat).not.toContain('Hội Khuyến học Xã');
    // A report rendered on request: the same record, the same bytes.
    expect(((await treasurer.get(url).query({ year: 2026, format: 'pdf' })).body as Buffer).equals(pdf)).toBe(
      true,
    );

    // Accept chooses when format does not; format wins; JSON stays the default.
    const byAccept = await treasurer.get(url).query({ year: 2026 }).set('Accept', 'application/pdf');
    expect([byAccept.status, byAccept.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect((byAccept.body as Buffer).equals(pdf)).toBe(true);
    const json = await treasurer
      .get(url)
      .query({ year: 2026, format: 'json' })
      .set('Accept', 'application/pdf');
    expect([json.status, json.body.total]).toEqual([200, 800_000]);
    const plain = await treasurer.get(url).query({ year: 2026 });
    expect([plain.headers['content-type'], plain.body.count]).toEqual([
      expect.stringMatching(/^application\/json/),
      3,
    ]);

    const bad = await treasurer.get(url).query({ year: 2026, format: 'xlsx' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['format']);

    // The same guard as the JSON: a viewer of the commune may print it, a sibling commune never sees it.
    const viewer = await t.as(await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'viewer' }]));
    const seen = await viewer.get(url).query({ year: 2026, format: 'pdf' });
    expect([seen.status, seen.headers['content-type']]).toEqual([200, 'application/pdf']);
    const outsider = await t.as(
      await t.createUser(tree.sibling, [{ unitId: tree.sibling, role: 'treasurer' }]),
    );
    const hidden = await outsider.get(url).query({ year: 2026, format: 'pdf' });
    const hiddenJson = await outsider.get(url).query({ year: 2026 });
    expect([hidden.status, hidden.body.code]).toEqual([404, 'DONOR_NOT_FOUND']);
    expect({ ...hidden.body, requestId: null }).toEqual({ ...hiddenJson.body, requestId: null });
  });
});
