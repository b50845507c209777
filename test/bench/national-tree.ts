import { DataSource } from 'typeorm';

/** A national tree at 2025 scale, built in SQL: root, 34 provinces, 3,321 communes, 35,000 branches. */
export async function generateNationalTree(
  ds: DataSource,
  provinces = 34,
  communes = 3321,
  branches = 35000,
) {
  await ds.transaction(async (m) => {
    await m.query(`
      INSERT INTO units (id, code, name, search_name, kind, type, parent_id, path, depth)
      SELECT id, 'VN', 'Việt Nam', 'viet nam', 'national', 'Trung ương', NULL, '/' || id || '/', 0
        FROM (SELECT gen_random_uuid() AS id) r`);
    await m.query(
      `INSERT INTO units (id, code, name, search_name, kind, type, parent_id, path, depth, valid_from)
       SELECT g.id, 'P' || g.n, 'Tỉnh ' || g.n, 'tinh ' || g.n, 'province', 'Tỉnh', r.id, r.path || g.id || '/', 1, '2025-07-01'
         FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1) n) g, units r WHERE r.kind = 'national'`,
      [provinces],
    );
    await m.query(
      `INSERT INTO units (id, code, name, search_name, kind, type, parent_id, path, depth, valid_from)
       SELECT g.id, 'C' || g.n, 'Xã ' || g.n, 'xa ' || g.n, 'commune', 'Xã', p.id, p.path || g.id || '/', 2, '2025-07-01'
         FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1) n) g
         JOIN units p ON p.code = 'P' || (1 + (g.n - 1) % $2)`,
      [communes, provinces],
    );
    await m.query(
      `INSERT INTO units (id, code, name, search_name, kind, type, branch_kind, parent_id, path, depth, valid_from)
       SELECT g.id, 'B' || g.n, 'Chi hội ' || g.n, 'chi hoi ' || g.n, 'branch', 'Chi hội', 'village', c.id,
              c.path || g.id || '/', 3, '2025-07-01'
         FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1) n) g
         JOIN units c ON c.code = 'C' || (1 + (g.n - 1) % $2)`,
      [branches, communes],
    );
  });
  await ds.query('ANALYZE units');
  return { units: 1 + provinces + communes + branches, provinces, communes, branches };
}
