import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?page=&pageSize=` of every list (API.md: pageSize at most 500). List queries extend it. */
export class PageQuery {
  @ApiPropertyOptional({ default: 1, example: 1, description: 'Page number, from 1' })
  @IsOptional()
  @Max(100000)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  page = 1;

  @ApiPropertyOptional({ default: 50, example: 50, description: 'Items per page, 1–500' })
  @IsOptional()
  @Max(500)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  pageSize = 50;
}
