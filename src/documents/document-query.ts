import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** The query of a document download. */
export class DocumentQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    example: 'false',
    description: 'true: a reprint marked "BẢN SAO" (the issued original does not change)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  copy?: 'true' | 'false';
}
