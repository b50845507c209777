import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { cleanTextValue, IsQueryYear } from '../../common/validation.js';
import { PageQuery } from '../../common/http/page.js';
import { DONOR_KINDS, type DonorKind } from '../entities/donor.entity.js';

/** A donor as typed inline in a donation, or on their own. */
export class DonorInput {
  @ApiProperty({ enum: DONOR_KINDS })
  @IsIn(DONOR_KINDS)
  kind: DonorKind;

  @ApiPropertyOptional({ example: 'Nguyễn Thị Hằng', description: 'Bắt buộc trừ khi giấu tên' })
  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  name?: string | null;

  @ApiPropertyOptional({ example: '0912 345 678', nullable: true })
  @IsOptional()
  @Matches(/^[0-9+().\s-]{6,32}$/)
  @IsString()
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @MaxLength(300)
  @Transform(cleanTextValue)
  @IsString()
  address?: string | null;

  @ApiPropertyOptional({
    example: '1000123456',
    nullable: true,
    description: 'Mã số thuế (doanh nghiệp, tổ chức)',
  })
  @IsOptional()
  @Matches(/^\d{10}(-\d{3})?$/)
  @IsString()
  taxCode?: string | null;
}

export class CreateDonorDto extends DonorInput {
  @ApiProperty({ description: 'Đơn vị ghi nhận nhà hảo tâm' })
  @IsUUID()
  unitId: string;
}

export class ListDonorsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'Tên (không cần dấu), số điện thoại hoặc mã số thuế' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;
}

export class StatementQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Mặc định: năm nay' })
  @IsOptional()
  @IsQueryYear()
  year?: number;

  @ApiPropertyOptional({
    enum: ['json', 'pdf'],
    description: 'pdf: bảng kê để in (cũng được khi gửi Accept: application/pdf)',
  })
  @IsOptional()
  @IsIn(['json', 'pdf'])
  format?: 'json' | 'pdf';
}

export class DonorRef {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DONOR_KINDS }) kind: DonorKind;
  @ApiProperty() name: string;
}

export class DonorView extends DonorRef {
  @ApiProperty() unitId: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) taxCode: string | null;
  @ApiProperty() createdAt: Date;
}

export class DonorDetailView extends DonorView {
  @ApiProperty({
    type: [DonorRef],
    description: 'Có thể trùng (cùng tên, điện thoại hoặc mã số thuế); không tự gộp',
  })
  possibleDuplicates: DonorRef[];
}

export class DonorPage {
  @ApiProperty({ type: [DonorView] }) items: DonorView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
