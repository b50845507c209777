import type TestAgent from 'supertest/lib/agent.js';
import { uniqueCode } from './test-app.js';

// Names carry no digits, so searches for official codes ("33") never meet a fixture.

/**
 * A small tree of its own for access tests, under the national root:
 *   province P ─ district D ─ commune C (the target) ─ branch B
 *                           └ commune S (sibling)
 *   province O (another province)
 */
export interface FixtureTree {
  rootId: string;
  province: string;
  district: string;
  commune: string;
  branch: string;
  sibling: string;
  otherProvince: string;
}

export async function createFixtureTree(admin: TestAgent): Promise<FixtureTree> {
  const root = (await admin.get('/api/v1/units').query({ kind: 'national' })).body.items[0].id as string;
  const make = async (parentId: string, kind: string, type: string, extra: object = {}) => {
    const res = await admin.post('/api/v1/units').send({
      code: uniqueCode(),
      name: `${type} Thử ${uniqueCode('').replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}`,
      kind,
      type,
      parentId,
      ...extra,
    });
    if (res.status !== 201) throw new Error(`fixture unit: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const province = await make(root, 'province', 'Tỉnh');
  const district = await make(province, 'district', 'Huyện');
  const commune = await make(district, 'commune', 'Xã');
  const sibling = await make(district, 'commune', 'Xã');
  const branch = await make(commune, 'branch', 'Chi hội', { branchKind: 'village' });
  const otherProvince = await make(root, 'province', 'Tỉnh');
  return { rootId: root, province, district, commune, branch, sibling, otherProvince };
}
