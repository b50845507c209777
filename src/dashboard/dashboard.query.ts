import { Injectable, type PipeTransform } from '@nestjs/common';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CommonError, CommonErrorCode } from '../common/errors.js';
import { IsQueryYear } from '../common/validation.js';
import { BASES, type Basis } from '../reports/per-capita.view.js';

/** The dashboard's query: the same filters as the per-capita report, each optional. */
export class DashboardQuery {
  /** Default: the user's highest unit. */
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @IsOptional()
  @IsQueryYear()
  year?: number;

  @IsOptional()
  @IsIn(BASES)
  basis?: Basis;
}

/** The files the dashboard offers of its report. */
export const DOWNLOAD_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

@Injectable()
export class DownloadFormatPipe implements PipeTransform<string, DownloadFormat> {
  transform(value: string): DownloadFormat {
    const format = DOWNLOAD_FORMATS.find((f) => f === value);
    if (!format)
      throw new CommonError(CommonErrorCode.ValidationFailed, [
        { field: 'format', message: `phải là một trong: ${DOWNLOAD_FORMATS.join(', ')}` },
      ]);
    return format;
  }
}
