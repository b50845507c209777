import { ageOn, evaluate, evaluateAll, Facts, parseRule, Rule } from './eligibility.js';

const facts = (over: Partial<Facts> = {}): Facts => ({
  gradeAverage: 8.5,
  householdStatus: 'poor',
  studyLevel: 'lower_secondary',
  achievementLevel: 'province',
  birthDate: '2012-03-15',
  ...over,
});

describe('eligibility rules', () => {
  it.each<[string, Rule, Partial<Facts>, boolean, string]>([
    ['grade above', { field: 'gradeAverage', op: 'gte', value: 8 }, {}, true, 'điểm trung bình 8,5'],
    [
      'grade equal',
      { field: 'gradeAverage', op: 'gte', value: 8 },
      { gradeAverage: 8 },
      true,
      'điểm trung bình 8',
    ],
    [
      'grade below',
      { field: 'gradeAverage', op: 'gte', value: 8 },
      { gradeAverage: 7.99 },
      false,
      'điểm trung bình 7,99, dưới 8',
    ],
    [
      'grade missing',
      { field: 'gradeAverage', op: 'gte', value: 8 },
      { gradeAverage: null },
      false,
      'chưa có điểm trung bình',
    ],
    [
      'poor in list',
      { field: 'householdStatus', op: 'in', value: ['poor', 'near_poor'] },
      {},
      true,
      'hộ nghèo',
    ],
    [
      'near poor',
      { field: 'householdStatus', op: 'in', value: ['poor', 'near_poor'] },
      { householdStatus: 'near_poor' },
      true,
      'hộ cận nghèo',
    ],
    [
      'other household',
      { field: 'householdStatus', op: 'in', value: ['poor', 'near_poor'] },
      { householdStatus: 'other' },
      false,
      'không thuộc hộ nghèo, cận nghèo, không thuộc diện xét',
    ],
    [
      'household missing',
      { field: 'householdStatus', op: 'in', value: ['poor'] },
      { householdStatus: null },
      false,
      'chưa khai hoàn cảnh gia đình',
    ],
    [
      'level in list',
      { field: 'studyLevel', op: 'in', value: ['lower_secondary', 'upper_secondary'] },
      {},
      true,
      'trung học cơ sở',
    ],
    [
      'level outside',
      { field: 'studyLevel', op: 'in', value: ['university'] },
      {},
      false,
      'trung học cơ sở, không thuộc bậc học được xét',
    ],
    [
      'prize at the level',
      { field: 'achievementLevel', op: 'atLeast', value: 'province' },
      {},
      true,
      'thành tích cấp tỉnh',
    ],
    [
      'prize above',
      { field: 'achievementLevel', op: 'atLeast', value: 'province' },
      { achievementLevel: 'national' },
      true,
      'thành tích cấp quốc gia',
    ],
    [
      'prize below',
      { field: 'achievementLevel', op: 'atLeast', value: 'province' },
      { achievementLevel: 'district' },
      false,
      'thành tích cấp huyện, dưới cấp tỉnh',
    ],
    ['age inside', { field: 'age', op: 'between', value: [6, 18] }, {}, true, '14 tuổi'],
    [
      'age the day before a birthday',
      { field: 'age', op: 'between', value: [15, 18] },
      { birthDate: '2011-11-26' },
      false,
      '14 tuổi, ngoài độ tuổi xét',
    ],
  ])('%s', (_, rule, over, passed, reason) => {
    expect(evaluate(rule, facts(over), '2026-11-25')).toMatchObject({ passed, reason });
  });

  it('is eligible only when every rule passes', () => {
    const rules: Rule[] = [
      { field: 'gradeAverage', op: 'gte', value: 8 },
      { field: 'householdStatus', op: 'in', value: ['poor'] },
    ];
    expect(evaluateAll(rules, facts(), '2026-11-25').eligible).toBe(true);
    const one = evaluateAll(rules, facts({ householdStatus: 'other' }), '2026-11-25');
    expect([one.eligible, one.results.map((r) => r.passed)]).toEqual([false, [true, false]]);
    expect(evaluateAll([], facts(), '2026-11-25').eligible).toBe(true);
  });

  it('counts age in whole years, birthdays included', () => {
    expect(ageOn('2012-11-25', '2026-11-25')).toBe(14);
    expect(ageOn('2012-11-26', '2026-11-25')).toBe(13);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });

  it.each([
    [{ field: 'gradeAverage', op: 'gte', value: 11 }, 'value phải là số từ 0 đến 10'],
    [{ field: 'gradeAverage', op: 'in', value: 8 }, 'điểm trung bình dùng op "gte"'],
    [
      { field: 'householdStatus', op: 'in', value: [] },
      'value phải là danh sách trong poor, near_poor, other',
    ],
    [
      { field: 'householdStatus', op: 'in', value: ['rich'] },
      'value phải là danh sách trong poor, near_poor, other',
    ],
    [{ field: 'age', op: 'between', value: [18, 6] }, 'value phải là [từ, đến], số tuổi nguyên'],
    [{ field: 'salary', op: 'gte', value: 1 }, expect.stringContaining('field phải là')],
    [{ field: 'gradeAverage', op: 'gte', value: 8, extra: 1 }, 'thừa trường extra'],
    ['8.0', 'phải là một điều kiện {field, op, value}'],
  ])('refuses a malformed rule %j', (raw, message) => {
    expect(parseRule(raw)).toEqual(message);
  });
});
