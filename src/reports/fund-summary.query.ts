import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDay, IsIsoDay, IsQueryYear } from '../common/validation.js';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A day not before the object's `other` day (when both are given and valid). */
function IsNotBefore(other: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotBefore',
      target: object.constructor,
      propertyName,
      constraints: [other],
      options: { message: `không được trước ngày bắt đầu (${other})`, ...options },
      validator: {
        validate(value: unknown, args) {
          const start = (args?.object as Record<string, unknown>)[other];
          return !isIsoDay(value) || !isIsoDay(start) || start <= value;
        },
      },
    });
}

export class FundSummaryQuery {
  @ApiProperty({ description: 'The unit; its whole subtree is reported' })
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({
    example: '2026-01-01',
    description: "First day (inclusive); default: 1 January of `to`'s year, or of this year",
  })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description:
      "Last day (inclusive), not before `from`; default: 31 December of `from`'s year, or of this year",
  })
  @IsOptional()
  @IsNotBefore('from')
  @IsIsoDay()
  to?: string;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    example: 'json',
    description: 'json (default), or a csv, xlsx or pdf download',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class DisclosureQuery {
  @ApiProperty({ description: 'The unit; its whole subtree is disclosed' })
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({
    example: 2026,
    description: 'Calendar year; default: last year (the one to publish)',
  })
  @IsOptional()
  @IsQueryYear()
  year?: number;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    example: 'json',
    description: 'json (default), or a csv, xlsx or pdf download',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
