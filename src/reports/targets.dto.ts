import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { cleanTextValue } from '../common/validation.js';

export class PutTargetDto {
  @ApiProperty({ example: 80000, description: 'Target per inhabitant, in đồng' })
  @Max(100_000_000)
  @Min(1)
  @IsInt()
  amount: number;

  @ApiProperty({
    example: 'Nghị quyết Đại hội Hội Khuyến học tỉnh, nhiệm kỳ 2026–2031, mục II',
    description: 'Where the target comes from',
  })
  @MaxLength(1000)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  source: string;
}

export class TargetView {
  @ApiProperty() year: number;
  @ApiProperty() amount: number;
  @ApiProperty() source: string;
  @ApiProperty({
    enum: ['unit', 'level'],
    description: "unit: the unit's own; level: every unit of its level",
  })
  scope: 'unit' | 'level';
}
