import { IsQueryYear } from '../common/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { REPORT_FORMATS, type ReportFormat } from './fund-summary.query.js';
import { BASES, type Basis } from './per-capita.view.js';

export class PerCapitaQuery {
  @ApiProperty({ description: 'The unit (a province, a commune, …); its children are reported too' })
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({ example: 2025, description: 'Calendar year; default: this year' })
  @IsOptional()
  @IsQueryYear()
  year?: number;

  @ApiPropertyOptional({
    enum: BASES,
    example: 'raised',
    description: "raised: money raised in the year (default); balance: the funds' balance at the year's end",
  })
  @IsOptional()
  @IsIn(BASES)
  basis?: Basis;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    example: 'json',
    description: 'json (default), or a csv, xlsx or pdf download',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
