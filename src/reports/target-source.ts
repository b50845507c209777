import { ApiProperty } from '@nestjs/swagger';
import { unitInSentence, unitList } from '../common/unit-names.js';
import { formatNumber } from '../common/vi-format.js';
import { UNIT_KINDS, type UnitKind } from '../units/unit-kinds.js';

/** A per-capita target as stored: a unit's own for a year, or one for every unit of a level. */
export interface Target {
  year: number;
  amount: number;
  /** Its citation ("Nghị quyết Đại hội …"). */
  source: string;
  scope: 'unit' | 'level';
}

/** A unit as the target rules see it. */
export interface TargetUnit {
  id: string;
  name: string;
  kind: string;
}

export const TARGET_SOURCE_KINDS = ['own', 'level', 'inherited'] as const;

/** Where the target a unit is held to comes from, for machines and in words. */
export class TargetSource {
  @ApiProperty({
    enum: TARGET_SOURCE_KINDS,
    description:
      "own: the unit's own target; level: the target set for the unit's level; inherited: none of its own, the nearest ancestor's",
  })
  kind: (typeof TARGET_SOURCE_KINDS)[number];

  @ApiProperty({
    description: 'The unit whose target applies (the unit itself, or the ancestor when kind = inherited)',
  })
  unitId: string;

  @ApiProperty({ example: 'Tỉnh Hưng Yên' })
  unitName: string;

  @ApiProperty({
    enum: UNIT_KINDS,
    nullable: true,
    type: String,
    description: "The level whose common target applies; null for a unit's own target",
  })
  level: UnitKind | null;

  @ApiProperty({
    example: 2025,
    description: "The target's year (the report's, or the latest earlier year that has one)",
  })
  year: number;

  @ApiProperty({ description: 'The citation: the document that set the target' })
  citation: string;

  @ApiProperty({
    example: 'theo chỉ tiêu chung cấp tỉnh của tỉnh Hưng Yên, năm 2025',
    description: 'Where the target comes from, in words (Vietnamese)',
  })
  text: string;
}

/** The target a unit is held to, and where it comes from. */
export interface AppliedTarget {
  amount: number;
  source: TargetSource;
}

const LEVEL: Record<UnitKind, string> = {
  national: 'trung ương',
  province: 'tỉnh',
  district: 'huyện',
  commune: 'xã',
  branch: 'chi hội',
};

/**
 * The one rule for every report, export and page: a unit is held to its own target, else its
 * level's (the latest year up to the report's, as `targets` holds them per unit), else to the
 * nearest ancestor's, found the same way. `chain` is the unit and then its ancestors, nearest
 * first; `targets` is each unit's own-or-level target (ReportsRepository.targets).
 */
export function applicableTarget(
  chain: TargetUnit[],
  targets: Map<string, Target>,
  reportYear: number,
): AppliedTarget | null {
  for (const [i, unit] of chain.entries()) {
    const target = targets.get(unit.id);
    if (!target) continue;
    const level = target.scope === 'level' ? (unit.kind as UnitKind) : null;
    const kind = i > 0 ? 'inherited' : level ? 'level' : 'own';
    const of = unitInSentence(unit.name);
    const what =
      kind === 'own'
        ? `chỉ tiêu riêng của ${of}`
        : kind === 'level'
          ? `chỉ tiêu chung cho cấp ${LEVEL[level!]}`
          : `theo chỉ tiêu ${level ? `chung cấp ${LEVEL[level]} ` : ''}của ${of}`;
    const latest = target.year < reportYear ? ' (năm gần nhất có chỉ tiêu)' : '';
    return {
      amount: target.amount,
      source: {
        kind,
        unitId: unit.id,
        unitName: unit.name,
        level,
        year: target.year,
        citation: target.source,
        text: `${what}, năm ${target.year}${latest}`,
      },
    };
  }
  return null;
}

/** A line of a report with the target applied to it. */
interface TargetedLine {
  unitId: string;
  name: string;
  target: number | null;
  targetSource: TargetSource | null;
}

/**
 * One sentence per target in force among a report's lines (a level's target counts once, however
 * many units it applies to): the amount, what it is, which lines it applies to, and its citation.
 * The unit's own line comes first in `lines`.
 */
export function targetNotes(lines: TargetedLine[]): string[] {
  const groups = new Map<string, TargetedLine[]>();
  for (const line of lines) {
    const s = line.targetSource;
    if (!s) continue;
    const key = s.level ? `level:${s.level}:${s.year}` : `unit:${s.unitId}:${s.year}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.values()].map((group) => {
    const { amount, s } = { amount: group[0].target!, s: group[0].targetSource! };
    const what = s.level
      ? `chỉ tiêu chung cho cấp ${LEVEL[s.level]} năm ${s.year}`
      : `chỉ tiêu riêng của ${unitInSentence(s.unitName)} năm ${s.year}`;
    const children = lines.slice(1);
    const who =
      group.length === lines.length && children.length
        ? 'mọi đơn vị trong báo cáo'
        : group.length === children.length && group.every((l) => l !== lines[0])
          ? 'mọi đơn vị trực thuộc'
          : unitList(group.map((l) => l.name));
    return `Chỉ tiêu ${formatNumber(amount)} đ/người: ${what}, áp dụng cho ${who}. Căn cứ: ${s.citation}`;
  });
}
