import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TargetSource } from './target-source.js';

export const BASES = ['raised', 'balance'] as const;
export type Basis = (typeof BASES)[number];

/** One unit's figure: numerator ÷ population against its target. */
export class PerCapitaLine {
  @ApiProperty() unitId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Dân số dùng làm mẫu số' })
  population: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Năm của số dân (năm trước nếu năm này chưa có)',
  })
  populationYear: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Căn cứ số dân (văn bản, đợt công bố)' })
  populationSource: string | null;
  @ApiProperty({ description: 'true: số dân của năm trước (năm này chưa có số liệu)' })
  populationEstimated: boolean;
  @ApiProperty({ description: 'Tử số, đồng' }) numerator: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Bình quân đồng/người, làm tròn xuống' })
  perCapita: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Chỉ tiêu áp dụng (của đơn vị, của cấp, hoặc của đơn vị cấp trên gần nhất), đồng/người',
  })
  target: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) targetYear: number | null;
  @ApiPropertyOptional({ type: TargetSource, nullable: true, description: 'Chỉ tiêu lấy từ đâu' })
  targetSource: TargetSource | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Phần trăm chỉ tiêu, một chữ số thập phân',
  })
  percentOfTarget: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Bình quân năm trước' })
  previousPerCapita: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Tăng (giảm) so với năm trước, đồng/người',
  })
  change: number | null;
}

export class PerCapitaChild extends PerCapitaLine {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Thứ hạng trong các đơn vị cùng cấp' })
  rank: number | null;
}

export class PerCapitaReport extends PerCapitaLine {
  @ApiProperty() year: number;
  @ApiProperty({ enum: BASES }) basis: Basis;
  @ApiProperty({ description: 'Cách tính, để in bên cạnh con số' }) definition: string;
  @ApiProperty({ example: { min: 32000, max: 35000 }, description: 'Mức bình quân cả nước (tham khảo)' })
  nationalReference: { min: number; max: number };
  @ApiProperty({ type: [PerCapitaChild] }) children: PerCapitaChild[];
  @ApiProperty({ description: 'Quỹ của chính đơn vị (không kể đơn vị trực thuộc)' }) ownFunds: number;
  @ApiProperty({
    description: 'Của các đơn vị trong cây nhưng không còn trực thuộc trong năm (đã giải thể, sáp nhập)',
  })
  otherUnits: number;
  @ApiProperty({ type: [Object], description: 'Đơn vị trực thuộc chưa có số dân' })
  missingPopulation: { unitId: string; code: string; name: string }[];
}
