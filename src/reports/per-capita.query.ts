import { IsQueryYear } from '../common/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { REPORT_FORMATS, type ReportFormat } from './fund-summary.query.js';
import { BASES, type Basis } from './per-capita.view.js';

export class PerCapitaQuery {
  @ApiProperty({ description: 'Đơn vị (tỉnh, xã, …); báo cáo gồm cả các đơn vị trực thuộc' })
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({ example: 2025, description: 'Năm dương lịch; mặc định: năm nay' })
  @IsOptional()
  @IsQueryYear()
  year?: number;

  @ApiPropertyOptional({
    enum: BASES,
    description: 'raised: số tiền vận động trong năm (mặc định); balance: số dư quỹ cuối năm',
  })
  @IsOptional()
  @IsIn(BASES)
  basis?: Basis;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'json (mặc định), hoặc tải về csv, xlsx, pdf' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
