import { DataSource } from 'typeorm';
import type TestAgent from 'supertest/lib/agent.js';
import { startTestApp, TestApp, uniqueCode } from './helpers/test-app.js';

describe('units API', () => {
  let t: TestApp;
  let db: DataSource;
  let hungYenId: string;
  let api: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process' });
    db = t.runtime.dataSource;
    api = await t.rootAdmin();
    const res = await api.get('/api/v1/units').query({ q: '33', kind: 'province' });
    hungYenId = res.body.items.find((u: { code: string }) => u.code === '33').id;
  });
  afterAll(() => t.close());

  // Counted by code: other test files add units to the same database at the same time.
  const unitCount = async (code: string) =>
    Number((await db.query('SELECT count(*) FROM units WHERE code = $1', [code]))[0].count);

  async function createCommune(overrides: Record<string, unknown> = {}) {
    const res = await api.post('/api/v1/units').send({
      code: uniqueCode(),
      name: 'Xã Thử Nghiệm',
      kind: 'commune',
      type: 'Xã',
      parentId: hungYenId,
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('finds the former province of Thái Bình by name, with or without accents', async () => {
    for (const q of ['Thái Bình', 'thai binh', 'THÁI BÌNH']) {
      const res = await api.get('/api/v1/units').query({ q });
      expect(res.status).toBe(200);
      const former = res.body.items.find((u: { code: string }) => u.code === '34');
      expect(former).toMatchObject({ name: 'Tỉnh Thái Bình', kind: 'province', validTo: '2025-06-30' });
    }
  });

  it('lists the tree as of a date: Thái Bình before the reform, not after', async () => {
    const before = await api
      .get('/api/v1/units')
      .query({ kind: 'province', asOf: '2025-06-30', q: 'Thái Bình' });
    expect(before.body.items.map((u: { code: string }) => u.code)).toEqual(['34']);
    const after = await api
      .get('/api/v1/units')
      .query({ kind: 'province', asOf: '2025-07-01', pageSize: 500 });
    expect(after.body.items.map((u: { code: string }) => u.code)).not.toContain('34');
    // Other test files add provinces of their own (codes starting with T) to the shared database.
    const official = after.body.items.filter((u: { code: string }) => /^\d+$/.test(u.code));
    expect(official).toHaveLength(34);
    expect(after.body).toMatchObject({ page: 1, pageSize: 500 });
  });

  it('shows the districts of the former province and the communes of the new one', async () => {
    const search = await api.get('/api/v1/units').query({ q: '34', asOf: 'all', kind: 'province' });
    const thaiBinh = search.body.items.find((u: { code: string }) => u.code === '34');
    const districts = await api.get(`/api/v1/units/${thaiBinh.id}/children`).query({ asOf: '2025-01-01' });
    expect(districts.body.total).toBe(8);
    expect(districts.body.items.every((d: { kind: string }) => d.kind === 'district')).toBe(true);
    const none = await api.get(`/api/v1/units/${thaiBinh.id}/children`);
    expect(none.body.total).toBe(0);
    const communes = await api.get(`/api/v1/units/${hungYenId}/children`).query({ asOf: '2025-07-01' });
    expect(communes.body.total).toBe(104);
  });

  it('gives a unit with its ancestors, successors, predecessors and population sources', async () => {
    const old = (await api.get('/api/v1/units').query({ q: 'Duy Nhất', asOf: 'all' })).body.items[0];
    const detail = await api.get(`/api/v1/units/${old.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.ancestors.map((a: { code: string }) => a.code)).toEqual(['VN', '34', '344']);
    expect(detail.body.successors).toEqual([
      expect.objectContaining({
        effectiveOn: '2025-07-01',
        basis: 'Nghị quyết 1666/NQ-UBTVQH15, khoản 92',
        unit: expect.objectContaining({ code: '13279', name: 'Xã Vũ Tiên' }),
      }),
    ]);
    const vuTien = await api.get(`/api/v1/units/${detail.body.successors[0].unit.id}`);
    expect(vuTien.body.predecessors.map((p: { unit: { name: string } }) => p.unit.name).sort()).toEqual(
      ['Xã Duy Nhất', 'Xã Hồng Phong', 'Xã Vũ Đoài', 'Xã Vũ Tiến'].sort(),
    );
    const province = await api.get(`/api/v1/units/${hungYenId}`);
    // The source people read is the resolution and its date; the development notes stay out.
    expect(province.body.populations).toEqual([
      {
        unitId: hungYenId,
        year: 2025,
        population: 3567943,
        source: 'Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh',
        note: null,
      },
    ]);
  });

  it('creates a unit, stores its name NFC, and moves it with its subtree', async () => {
    const decomposed = 'Xã Hưng Đạo Thử'.normalize('NFD');
    const commune = await createCommune({ name: decomposed, validFrom: '2025-07-01' });
    expect(commune).toMatchObject({
      name: 'Xã Hưng Đạo Thử'.normalize('NFC'),
      parentId: hungYenId,
      depth: 2,
    });
    const branch = await api.post('/api/v1/units').send({
      code: uniqueCode('B'),
      name: 'Chi hội thôn Đông',
      kind: 'branch',
      branchKind: 'village',
      type: 'Chi hội',
      parentId: commune.id,
      validFrom: '2025-08-01',
    });
    expect(branch.status).toBe(201);
    expect(branch.body.depth).toBe(3);

    const other = await createCommune({ validFrom: '2025-07-01' });
    const moved = await api.patch(`/api/v1/units/${other.id}`).send({ name: 'Xã Đã Đổi Tên' });
    expect(moved.body.name).toBe('Xã Đã Đổi Tên');

    const subBranch = await api.post('/api/v1/units').send({
      code: uniqueCode('B'),
      name: 'Chi hội con',
      kind: 'branch',
      branchKind: 'other',
      type: 'Chi hội',
      parentId: branch.body.id,
      validFrom: '2025-08-01',
    });
    const target = await api.post('/api/v1/units').send({
      code: uniqueCode('B'),
      name: 'Chi hội đích',
      kind: 'branch',
      branchKind: 'school',
      type: 'Ban khuyến học',
      parentId: other.id,
      validFrom: '2025-07-01',
    });
    const move = await api.patch(`/api/v1/units/${branch.body.id}`).send({ parentId: target.body.id });
    expect(move.status).toBe(200);
    expect(move.body).toMatchObject({ parentId: target.body.id, depth: 4 });
    const sub = await api.get(`/api/v1/units/${subBranch.body.id}`);
    expect(sub.body.depth).toBe(5);
    expect(sub.body.ancestors.map((a: { id: string }) => a.id)).toEqual([
      expect.any(String),
      hungYenId,
      other.id,
      target.body.id,
      branch.body.id,
    ]);
  });

  it('refuses a move into its own subtree (409) and writes nothing', async () => {
    const commune = await createCommune({ validFrom: '2025-07-01' });
    const child = await api.post('/api/v1/units').send({
      code: uniqueCode('B'),
      name: 'Chi hội A',
      kind: 'branch',
      branchKind: 'village',
      type: 'Chi hội',
      parentId: commune.id,
      validFrom: '2025-07-01',
    });
    const grandchild = await api.post('/api/v1/units').send({
      code: uniqueCode('B'),
      name: 'Chi hội B',
      kind: 'branch',
      branchKind: 'village',
      type: 'Chi hội',
      parentId: child.body.id,
      validFrom: '2025-07-01',
    });
    // Only these units: other test files add units to the shared database meanwhile.
    const ours = [commune.id, child.body.id, grandchild.body.id];
    const snapshot = () =>
      db.query('SELECT id, path, parent_id FROM units WHERE id = ANY($1::uuid[]) ORDER BY id', [ours]);
    const before = await snapshot();
    for (const [unit, parent] of [
      [child.body.id, grandchild.body.id],
      [child.body.id, child.body.id],
    ]) {
      const res = await api.patch(`/api/v1/units/${unit}`).send({ parentId: parent });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'UNIT_TREE_CYCLE',
        fields: [expect.objectContaining({ field: 'parentId' })],
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('never builds a cycle from two concurrent opposite moves', async () => {
    const a = await createCommune({ validFrom: '2025-07-01' });
    const mk = (parentId: string) =>
      api.post('/api/v1/units').send({
        code: uniqueCode('B'),
        name: 'Chi hội song song',
        kind: 'branch',
        branchKind: 'other',
        type: 'Chi hội',
        parentId,
        validFrom: '2025-07-01',
      });
    const x = (await mk(a.id)).body;
    const y = (await mk(a.id)).body;
    const [r1, r2] = await Promise.all([
      api.patch(`/api/v1/units/${x.id}`).send({ parentId: y.id }),
      api.patch(`/api/v1/units/${y.id}`).send({ parentId: x.id }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const rows = await db.query('SELECT id, parent_id, path FROM units WHERE id = ANY($1)', [[x.id, y.id]]);
    for (const row of rows) {
      expect(row.path.split('/').filter((s: string) => s === row.id)).toHaveLength(1);
    }
  });

  it('keeps a code unique among units valid at the same time (409), but allows reuse after the old one ended', async () => {
    const code = uniqueCode();
    await createCommune({ code, validFrom: '2025-07-01', validTo: '2025-12-31' });
    const count = await unitCount(code);
    const clash = await api.post('/api/v1/units').send({
      code,
      name: 'Xã Trùng Mã',
      kind: 'commune',
      type: 'Xã',
      parentId: hungYenId,
      validFrom: '2025-12-01',
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      code: 'UNIT_CODE_TAKEN',
      fields: [expect.objectContaining({ field: 'code' })],
    });
    expect(await unitCount(code)).toBe(count);
    await createCommune({ code, validFrom: '2026-01-01' });
  });

  it('the database itself refuses an overlapping code, even past the service', async () => {
    const [existing] = await db.query(`SELECT * FROM units WHERE code = '13225'`);
    await expect(
      db.query(
        `INSERT INTO units (id, code, name, search_name, kind, type, parent_id, path, depth, valid_from)
         VALUES (gen_random_uuid(), '13225', 'x', 'x', 'commune', 'Xã', $1, $2, 2, '2026-01-01')`,
        [existing.parent_id, existing.path],
      ),
    ).rejects.toThrow(/ex_units_code_validity/);
  });

  it.each([
    [{ kind: 'commune', parentId: 'nope' }, 'parentId'],
    [{ kind: 'national' }, 'kind'],
    [{ kind: 'ward' }, 'kind'],
    [{ name: '' }, 'name'],
    [{ name: 42 }, 'name'],
    [{ code: 'có dấu cách' }, 'code'],
    [{ validFrom: '2025-02-30' }, 'validFrom'],
    [{ validTo: '30/06/2025' }, 'validTo'],
    [{ id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }, 'id'],
    [{ path: '/x/' }, 'path'],
    [{ depth: 0 }, 'depth'],
    [{ branchKind: 'village' }, 'branchKind'],
  ])('refuses bad input %j with 400 naming %s, writing nothing', async (patch, fieldName) => {
    const code = uniqueCode();
    const res = await api.post('/api/v1/units').send({
      code,
      name: 'Xã Lỗi',
      kind: 'commune',
      type: 'Xã',
      parentId: hungYenId,
      ...patch,
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(fieldName);
    expect(res.body.requestId).toEqual(expect.any(String));
    expect(await unitCount(code)).toBe(0);
  });

  it('refuses a missing field as "bắt buộc" and a kind or validity that does not fit the parent', async () => {
    const missing = await api.post('/api/v1/units').send({ kind: 'commune' });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'code', message: 'bắt buộc' },
        { field: 'parentId', message: 'bắt buộc' },
      ]),
    );
    const unknownParent = await api.post('/api/v1/units').send({
      code: uniqueCode(),
      name: 'Xã Mồ Côi',
      kind: 'commune',
      type: 'Xã',
      parentId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    });
    expect(unknownParent.status).toBe(404);
    expect(unknownParent.body.code).toBe('UNIT_PARENT_NOT_FOUND');
    const province = await api
      .post('/api/v1/units')
      .send({ code: uniqueCode(), name: 'Tỉnh Lạ', kind: 'province', type: 'Tỉnh', parentId: hungYenId });
    expect(province.status).toBe(422);
    expect(province.body.code).toBe('UNIT_PARENT_KIND_INVALID');
    const early = await api.post('/api/v1/units').send({
      code: uniqueCode(),
      name: 'Xã Quá Sớm',
      kind: 'commune',
      type: 'Xã',
      parentId: hungYenId,
      validFrom: '2020-01-01',
    });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('UNIT_VALIDITY_OUTSIDE_PARENT');
  });

  it('sets the receipt form on a unit (units.manage); the units below inherit it from the nearest setting', async () => {
    const commune = await createCommune({ validFrom: '2025-07-01' });
    const branch = await api.post('/api/v1/units').send({
      code: uniqueCode(),
      name: 'Chi hội thôn Đông',
      kind: 'branch',
      type: 'Chi hội',
      branchKind: 'village',
      parentId: commune.id,
      validFrom: '2025-07-01',
    });
    expect(branch.status).toBe(201);
    const inEffect = async (id: string) => (await api.get(`/api/v1/units/${id}`)).body.receiptFormInEffect;
    // Nothing set anywhere above: the default, Thông tư 24/2024 (C40-BB).
    expect(await inEffect(branch.body.id)).toEqual({
      name: 'tt24_2024',
      title: 'Mẫu số C40-BB',
      basis: '(Ban hành theo Thông tư số 24/2024/TT-BTC ngày 17/4/2024 của Bộ Tài chính)',
      setAt: null,
    });
    const set = await api.patch(`/api/v1/units/${commune.id}`).send({ receiptForm: 'tt133_2016' });
    expect([set.status, set.body.receiptForm]).toEqual([200, 'tt133_2016']);
    expect(await inEffect(branch.body.id)).toMatchObject({
      name: 'tt133_2016',
      title: 'Mẫu số 01-TT',
      setAt: commune.id,
    });
    expect((await api.get(`/api/v1/units/${branch.body.id}`)).body.receiptForm).toBeNull();

    // Not a form: 400 naming the field and the choices; a treasurer cannot change it.
    const bad = await api.patch(`/api/v1/units/${commune.id}`).send({ receiptForm: '01-TT' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toMatchObject({
      field: 'receiptForm',
      message: expect.stringContaining('tt24_2024'),
    });
    const treasurer = await t.as(await t.createUser(commune.id, [{ unitId: commune.id, role: 'treasurer' }]));
    const refused = await treasurer.patch(`/api/v1/units/${commune.id}`).send({ receiptForm: 'tt24_2024' });
    expect(refused.status).toBe(403);
    // Back to inheriting.
    const cleared = await api.patch(`/api/v1/units/${commune.id}`).send({ receiptForm: null });
    expect(cleared.body.receiptForm).toBeNull();
    expect((await inEffect(branch.body.id)).setAt).toBeNull();
  });

  it('never coerces JSON strings into numbers, nor takes the kind in an update', async () => {
    const commune = await createCommune({ validFrom: '2025-07-01' });
    const kind = await api.patch(`/api/v1/units/${commune.id}`).send({ kind: 'province' });
    expect(kind.status).toBe(400);
    expect(kind.body.fields).toEqual([{ field: 'kind', message: 'trường này không được phép' }]);
    const pop = await api
      .put(`/api/v1/units/${commune.id}/population/2025`)
      .send({ population: '1000', source: 'x' });
    expect(pop.status).toBe(400);
    expect(pop.body.fields).toEqual([{ field: 'population', message: 'phải là số nguyên' }]);
  });

  it('records population per year with its source: 201 new, 200 replaced, 400 on a bad year', async () => {
    const commune = await createCommune({ validFrom: '2025-07-01' });
    const first = await api
      .put(`/api/v1/units/${commune.id}/population/2025`)
      .send({ population: 12000, source: 'UBND xã, báo cáo 2025' });
    expect(first.status).toBe(201);
    const again = await api
      .put(`/api/v1/units/${commune.id}/population/2025`)
      .send({ population: 12500, source: 'Cục Thống kê', note: 'số liệu chính thức' });
    expect(again.status).toBe(200);
    const list = await api.get(`/api/v1/units/${commune.id}/population`);
    expect(list.body).toEqual([
      {
        unitId: commune.id,
        year: 2025,
        population: 12500,
        source: 'Cục Thống kê',
        note: 'số liệu chính thức',
      },
    ]);
    for (const year of ['25', '1800', 'abcd']) {
      const bad = await api
        .put(`/api/v1/units/${commune.id}/population/${year}`)
        .send({ population: 1, source: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.fields[0].field).toBe('year');
    }
    const zero = await api
      .put(`/api/v1/units/${commune.id}/population/2026`)
      .send({ population: 0, source: 'x' });
    expect(zero.status).toBe(400);
  });

  it('answers 404 for an unknown unit and 400 for a malformed id', async () => {
    const unknown = await api.get('/api/v1/units/3fa85f64-5717-4562-b3fc-2c963f66afa6');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('UNIT_NOT_FOUND');
    const malformed = await api.get('/api/v1/units/13225');
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields).toEqual([{ field: 'id', message: 'phải là mã định danh UUID' }]);
  });

  it('pages lists and refuses a page size over 500', async () => {
    const page = await api
      .get('/api/v1/units')
      .query({ parentId: hungYenId, asOf: '2025-07-01', pageSize: 10, page: 2 });
    expect(page.body.items).toHaveLength(10);
    expect(page.body.total).toBeGreaterThanOrEqual(104);
    const big = await api.get('/api/v1/units').query({ pageSize: 501 });
    expect(big.status).toBe(400);
    expect(big.body.fields[0].field).toBe('pageSize');
  });
});
