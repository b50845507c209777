import { applicableTarget, type Target, targetNotes } from './target-source.js';

const province = { id: 'p', name: 'Tỉnh Hưng Yên', kind: 'province' };
const district = { id: 'd', name: 'Huyện Vũ Thư', kind: 'district' };
const commune = { id: 'c', name: 'Xã Vũ Thư', kind: 'commune' };
const level: Target = { year: 2025, amount: 80_000, source: 'Chương trình hành động', scope: 'level' };
const own: Target = { year: 2026, amount: 90_000, source: 'Nghị quyết Đại hội', scope: 'unit' };

describe('the target a unit is held to', () => {
  it.each([
    [
      'its own',
      [commune, district, province],
      { c: own },
      'own',
      'c',
      null,
      'chỉ tiêu riêng của xã Vũ Thư, năm 2026',
    ],
    [
      'its level’s, an earlier year’s',
      [province],
      { p: level },
      'level',
      'p',
      'province',
      'chỉ tiêu chung cho cấp tỉnh, năm 2025 (năm gần nhất có chỉ tiêu)',
    ],
    [
      'the nearest ancestor’s level target',
      [commune, district, province],
      { p: level },
      'inherited',
      'p',
      'province',
      'theo chỉ tiêu chung cấp tỉnh của tỉnh Hưng Yên, năm 2025 (năm gần nhất có chỉ tiêu)',
    ],
    [
      'the nearest ancestor’s own, before a farther one',
      [commune, district, province],
      { d: own, p: level },
      'inherited',
      'd',
      null,
      'theo chỉ tiêu của huyện Vũ Thư, năm 2026',
    ],
  ] as const)('takes %s', (_, chain, targets, kind, unitId, lvl, text) => {
    const byUnit = new Map<string, Target>(Object.entries(targets));
    const applied = applicableTarget([...chain], byUnit, 2026)!;
    expect(applied.source).toMatchObject({ kind, unitId, level: lvl, text });
    expect(applied.amount).toBe(byUnit.get(unitId)!.amount);
  });

  it('has none when no unit up the tree has one', () => {
    expect(applicableTarget([commune, district], new Map(), 2026)).toBeNull();
  });

  it('notes each target in force once, with whom it applies to and its citation', () => {
    const chain = [district, province];
    const line = (u: typeof commune, targets: Record<string, Target>, up = chain) => {
      const a = applicableTarget([u, ...up], new Map(Object.entries(targets)), 2026);
      return { unitId: u.id, name: u.name, target: a?.amount ?? null, targetSource: a?.source ?? null };
    };
    const lines = [
      line(district, { p: level }, [province]),
      line(commune, { p: level }),
      line({ id: 'x', name: 'Xã Tân Hòa', kind: 'commune' }, { x: own }),
    ];
    expect(targetNotes(lines)).toEqual([
      'Chỉ tiêu 80.000 đ/người: chỉ tiêu chung cho cấp tỉnh năm 2025, áp dụng cho huyện Vũ Thư và xã Vũ Thư. Căn cứ: Chương trình hành động',
      'Chỉ tiêu 90.000 đ/người: chỉ tiêu riêng của xã Tân Hòa năm 2026, áp dụng cho xã Tân Hòa. Căn cứ: Nghị quyết Đại hội',
    ]);
    expect(targetNotes(lines.slice(0, 2))[0]).toContain('áp dụng cho mọi đơn vị trong báo cáo.');
  });
});
