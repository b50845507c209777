import { ACHIEVEMENT_LEVELS } from './entities/nomination.entity.js';

/**
 * Eligibility rules are data stored with a category and evaluated here, on the server: each
 * nomination shows every rule it passes or fails, and why, in Vietnamese.
 */
export type Rule =
  | { field: 'gradeAverage'; op: 'gte'; value: number }
  | { field: 'householdStatus'; op: 'in'; value: string[] }
  | { field: 'studyLevel'; op: 'in'; value: string[] }
  | { field: 'achievementLevel'; op: 'atLeast'; value: (typeof ACHIEVEMENT_LEVELS)[number] }
  | { field: 'age'; op: 'between'; value: [number, number] };

export interface Facts {
  gradeAverage: number | null;
  householdStatus: string | null;
  studyLevel: string | null;
  achievementLevel: string | null;
  birthDate: string;
}

export interface RuleResult {
  rule: string;
  passed: boolean;
  reason: string;
}

export const HOUSEHOLD_LABEL: Record<string, string> = {
  poor: 'hộ nghèo',
  near_poor: 'hộ cận nghèo',
  other: 'không thuộc hộ nghèo, cận nghèo',
};
export const STUDY_LEVEL_LABEL: Record<string, string> = {
  preschool: 'mầm non',
  primary: 'tiểu học',
  lower_secondary: 'trung học cơ sở',
  upper_secondary: 'trung học phổ thông',
  vocational: 'giáo dục nghề nghiệp',
  university: 'đại học, cao đẳng',
  postgraduate: 'sau đại học',
};
export const ACHIEVEMENT_LABEL: Record<string, string> = {
  school: 'cấp trường',
  district: 'cấp huyện',
  province: 'cấp tỉnh',
  national: 'cấp quốc gia',
  international: 'quốc tế',
};

const list = (values: string[], labels: Record<string, string>) =>
  values.map((v) => labels[v] ?? v).join(', ');

/** The rule in words, as the committee reads it. */
export function describeRule(rule: Rule): string {
  switch (rule.field) {
    case 'gradeAverage':
      return `Điểm trung bình từ ${rule.value.toLocaleString('vi-VN')} trở lên`;
    case 'householdStatus':
      return `Thuộc ${list(rule.value, HOUSEHOLD_LABEL)}`;
    case 'studyLevel':
      return `Bậc học: ${list(rule.value, STUDY_LEVEL_LABEL)}`;
    case 'achievementLevel':
      return `Thành tích từ ${ACHIEVEMENT_LABEL[rule.value]} trở lên`;
    case 'age':
      return `Tuổi từ ${rule.value[0]} đến ${rule.value[1]}`;
  }
}

/** Whole years between a birth date and a day (both ISO). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function evaluate(rule: Rule, facts: Facts, onDay: string): RuleResult {
  const result = (passed: boolean, reason: string) => ({ rule: describeRule(rule), passed, reason });
  switch (rule.field) {
    case 'gradeAverage': {
      if (facts.gradeAverage === null) return result(false, 'chưa có điểm trung bình');
      const shown = facts.gradeAverage.toLocaleString('vi-VN');
      return facts.gradeAverage >= rule.value
        ? result(true, `điểm trung bình ${shown}`)
        : result(false, `điểm trung bình ${shown}, dưới ${rule.value.toLocaleString('vi-VN')}`);
    }
    case 'householdStatus': {
      if (!facts.householdStatus) return result(false, 'chưa khai hoàn cảnh gia đình');
      const label = HOUSEHOLD_LABEL[facts.householdStatus] ?? facts.householdStatus;
      return rule.value.includes(facts.householdStatus)
        ? result(true, label)
        : result(false, `${label}, không thuộc diện xét`);
    }
    case 'studyLevel': {
      if (!facts.studyLevel) return result(false, 'chưa khai bậc học');
      const label = STUDY_LEVEL_LABEL[facts.studyLevel] ?? facts.studyLevel;
      return rule.value.includes(facts.studyLevel)
        ? result(true, label)
        : result(false, `${label}, không thuộc bậc học được xét`);
    }
    case 'achievementLevel': {
      if (!facts.achievementLevel) return result(false, 'chưa khai thành tích');
      const rank = (level: string) =>
        ACHIEVEMENT_LEVELS.indexOf(level as (typeof ACHIEVEMENT_LEVELS)[number]);
      const label = ACHIEVEMENT_LABEL[facts.achievementLevel] ?? facts.achievementLevel;
      return rank(facts.achievementLevel) >= rank(rule.value)
        ? result(true, `thành tích ${label}`)
        : result(false, `thành tích ${label}, dưới ${ACHIEVEMENT_LABEL[rule.value]}`);
    }
    case 'age': {
      const age = ageOn(facts.birthDate, onDay);
      return age >= rule.value[0] && age <= rule.value[1]
        ? result(true, `${age} tuổi`)
        : result(false, `${age} tuổi, ngoài độ tuổi xét`);
    }
  }
}

export function evaluateAll(rules: Rule[], facts: Facts, onDay: string) {
  const results = rules.map((r) => evaluate(r, facts, onDay));
  return { eligible: results.every((r) => r.passed), results };
}

/**
 * A rule as a client sent it, checked field by field: the message names what is wrong, so a
 * committee sees it at once (`rules[1].value`, say).
 */
export function parseRule(raw: unknown): Rule | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return 'phải là một điều kiện {field, op, value}';
  const { field, op, value, ...extra } = raw as Record<string, unknown>;
  if (Object.keys(extra).length) return `thừa trường ${Object.keys(extra).join(', ')}`;
  const strings = (allowed: readonly string[]) =>
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === 'string' && allowed.includes(v));
  switch (field) {
    case 'gradeAverage':
      if (op !== 'gte') return 'điểm trung bình dùng op "gte"';
      if (typeof value !== 'number' || !(value >= 0 && value <= 10)) return 'value phải là số từ 0 đến 10';
      return { field, op, value };
    case 'householdStatus':
      if (op !== 'in') return 'hoàn cảnh dùng op "in"';
      if (!strings(Object.keys(HOUSEHOLD_LABEL)))
        return 'value phải là danh sách trong poor, near_poor, other';
      return { field, op, value: value as string[] };
    case 'studyLevel':
      if (op !== 'in') return 'bậc học dùng op "in"';
      if (!strings(Object.keys(STUDY_LEVEL_LABEL)))
        return `value phải là danh sách trong ${Object.keys(STUDY_LEVEL_LABEL).join(', ')}`;
      return { field, op, value: value as string[] };
    case 'achievementLevel':
      if (op !== 'atLeast') return 'thành tích dùng op "atLeast"';
      if (typeof value !== 'string' || !(ACHIEVEMENT_LEVELS as readonly string[]).includes(value))
        return `value phải là một trong ${ACHIEVEMENT_LEVELS.join(', ')}`;
      return { field, op, value: value as (typeof ACHIEVEMENT_LEVELS)[number] };
    case 'age':
      if (op !== 'between') return 'tuổi dùng op "between"';
      if (
        !Array.isArray(value) ||
        value.length !== 2 ||
        !value.every((v) => Number.isInteger(v) && v >= 0 && v <= 120) ||
        value[0] > value[1]
      )
        return 'value phải là [từ, đến], số tuổi nguyên';
      return { field, op, value: [value[0], value[1]] };
    default:
      return 'field phải là gradeAverage, householdStatus, studyLevel, achievementLevel hoặc age';
  }
}
