import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** The query of a document download. */
export class DocumentQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: bản in lại, đóng dấu "BẢN SAO" (bản gốc đã giao không đổi)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  copy?: 'true' | 'false';
}
