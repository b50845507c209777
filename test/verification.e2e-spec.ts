import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { VerificationCodes } from '../src/documents/verification-codes.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp } from './helpers/test-app.js';

describe('public verification of documents (GET /verify/:code)', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let treasurer: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_VERIFY_PER_MINUTE: '1000' } });
    tree = await createFixtureTree(await t.rootAdmin());
    treasurer = await t.as(await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]));
  });
  afterAll(() => t.close());

  async function donate(
    name = 'Phạm Văn Đông',
    address = 'Xóm 3, thôn Nam',
    paperReceipt?: { book: string; number: number },
  ) {
    const fund = await treasurer
      .post('/api/v1/funds')
      .send({ unitId: tree.commune, name: 'Quỹ khuyến học xã', kind: 'general' });
    const made = await treasurer
      .post('/api/v1/donations')
      .set('Idempotency-Key', randomUUID())
      .send({
        fundId: fund.body.id,
        amount: 2_500_000,
        method: 'bank_transfer',
        reference: 'FT2633012345',
        receivedOn: '2026-09-05',
        donor: { kind: 'person', name, phone: '0912 000 111', address },
        paperReceipt,
      });
    expect(made.status).toBe(201);
    return made.body as { id: string; receipt: { book: string; number: string; code: string } };
  }

  const json = (code: string) =>
    t.http.get(`/verify/${encodeURIComponent(code)}`).set('Accept', 'application/json');

  it('says a receipt is genuine and valid, in JSON and as a page, without the donor', async () => {
    const d = await donate();
    expect(d.receipt.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    const res = await json(d.receipt.code);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      code: d.receipt.code.match(/.{4}/g)!.join('-'),
      valid: true,
      status: 'valid',
      kind: 'receipt',
      title: 'Phiếu thu',
      unit: { code: expect.any(String), name: expect.any(String) },
      number: `Quyển 2026, số ${d.receipt.number}`,
      date: '2026-09-05',
      amount: 2_500_000,
      description: 'Quỹ khuyến học xã',
      recipientName: null,
      sha256: null, // not rendered in this app
    });
    const html = await t.http.get(`/verify/${d.receipt.code}`).set('Accept', 'text/html');
    expect([html.status, html.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(html.text).toContain('Chứng từ thật, đang có hiệu lực');
    expect(html.text).toContain('2.500.000 đ');
    expect(html.text).toContain('ngày 05 tháng 9 năm 2026');
    // The issuing association, its unit's type in lower case as in running text.
    expect(html.text).toContain(`<dd>Hội Khuyến học ${res.body.unit.name.replace(/^Xã /, 'xã ')}</dd>`);
    for (const text of [html.text, JSON.stringify(res.body)]) {
      for (const personal of ['Phạm Văn Đông', 'Xóm 3', '0912', 'FT2633012345'])
        expect(text).not.toContain(personal);
    }
  });

  it('shows a transcribed paper receipt by its paper book and number, and says it is one', async () => {
    const d = await donate('Phạm Văn Tây', 'Xóm 4', { book: '3', number: 45 });
    expect(d.receipt).toMatchObject({ book: '03', number: '0045', paper: true });
    const res = await json(d.receipt.code);
    expect(res.body).toMatchObject({
      valid: true,
      title: 'Phiếu thu (bản chép lại phiếu thu giấy)',
      number: 'Quyển 03, số 0045 (phiếu giấy)',
    });
    const html = await t.http.get(`/verify/${d.receipt.code}`).set('Accept', 'text/html');
    expect(html.text).toContain('<dd>Quyển 03, số 0045 (phiếu giấy)</dd>');
  });

  it('reads a code as people type it: lower case, dashes, spaces, O for 0 and I or L for 1', async () => {
    const { receipt } = await donate();
    const typed = receipt.code
      .toLowerCase()
      .replace(/0/g, 'o')
      .replace(/1/g, 'l')
      .replace(/(.{4})(?!$)/g, '$1- ');
    expect((await json(typed)).body.status).toBe('valid');
  });

  it('says a voided receipt is void', async () => {
    const d = await donate();
    await treasurer
      .post(`/api/v1/donations/${d.id}/void`)
      .set('Idempotency-Key', randomUUID())
      .send({ reason: 'Ghi nhầm' });
    expect((await json(d.receipt.code)).body.status).toBe('void');
    const html = await t.http.get(`/verify/${d.receipt.code}`);
    expect(html.text).toContain('ĐÃ HỦY');
  });

  it('refuses forged, mistyped and unknown codes with a plain not found', async () => {
    const { receipt } = await donate();
    const last = receipt.code.at(-1)!;
    const forged = receipt.code.slice(0, -1) + (last === 'Z' ? 'Y' : 'Z');
    // A serial never issued, signed with the real key: genuine-looking, but no such document.
    const unissued = t.app.get(VerificationCodes).code(1_000_000_000);
    for (const code of [forged, unissued, 'ABC', 'x'.repeat(200), '%00%27--']) {
      const res = await json(code);
      expect([res.status, res.body.code]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
      const page = await t.http.get(`/verify/${encodeURIComponent(code)}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('Không tìm thấy');
    }
  });

  it('is rate limited per IP', async () => {
    const limited = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_VERIFY_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.http.get('/verify/0000-0000-0000')).status);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
