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
  @ApiProperty({ description: 'Đơn vị; báo cáo gồm cả các đơn vị trực thuộc' })
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'Từ ngày (tính cả ngày này); mặc định: 01/01 của năm `to`, hoặc của năm nay',
  })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Đến ngày (tính cả ngày này); mặc định: 31/12 của năm `from`, hoặc của năm nay',
  })
  @IsOptional()
  @IsNotBefore('from')
  @IsIsoDay()
  to?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'json (mặc định), csv, xlsx hoặc pdf' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class DisclosureQuery {
  @ApiProperty({ description: 'Đơn vị; công khai gồm cả các đơn vị trực thuộc' })
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({
    example: 2026,
    description: 'Năm dương lịch; mặc định: năm trước (năm cần công khai)',
  })
  @IsOptional()
  @IsQueryYear()
  year?: number;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'json (mặc định), csv, xlsx hoặc pdf' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
