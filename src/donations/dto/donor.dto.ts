import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { cleanTextValue, IsQueryYear } from '../../common/validation.js';
import { PageQuery } from '../../common/http/page.js';
import { DONOR_KINDS, type DonorKind } from '../entities/donor.entity.js';

/** A donor as typed inline in a donation, or on their own. */
export class DonorInput {
  @ApiProperty({ enum: DONOR_KINDS, example: 'person' })
  @IsIn(DONOR_KINDS)
  kind: DonorKind;

  @ApiPropertyOptional({ example: 'Nguyễn Thị Hằng', description: 'Required unless anonymous' })
  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  name?: string | null;

  @ApiPropertyOptional({
    example: '0912 345 678',
    nullable: true,
    description: 'Digits, spaces and + ( ) . -',
  })
  @IsOptional()
  @Matches(/^[0-9+().\s-]{6,32}$/)
  @MaxLength(32)
  @IsString()
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Thôn Đông, xã Vũ Thư, tỉnh Hưng Yên' })
  @IsOptional()
  @MaxLength(300)
  @Transform(cleanTextValue)
  @IsString()
  address?: string | null;

  @ApiPropertyOptional({
    example: null,
    nullable: true,
    description:
      'Tax code of an enterprise or organisation: 10 digits, or 10-3 for a branch (e.g. 1000123456)',
  })
  @IsOptional()
  @Matches(/^\d{10}(-\d{3})?$/)
  @MaxLength(14)
  @IsString()
  taxCode?: string | null;
}

export class CreateDonorDto extends DonorInput {
  @ApiProperty({ description: 'The unit the donor belongs to' })
  @IsUUID()
  unitId: string;
}

export class ListDonorsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    example: 'Nguyen Thi Hang',
    description: 'A name (accents optional), a phone number or a tax code',
  })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;
}

export class StatementQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Calendar year; default: this year' })
  @IsOptional()
  @IsQueryYear()
  year?: number;

  @ApiPropertyOptional({
    enum: ['json', 'pdf'],
    description: 'pdf: the statement to print (as with `Accept: application/pdf`); default json',
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
    description: 'Donors that may be the same (same name, phone or tax code); never merged',
  })
  possibleDuplicates: DonorRef[];
}

export class DonorPage {
  @ApiProperty({ type: [DonorView] }) items: DonorView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
