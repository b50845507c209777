import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/http/page.js';
import { IsIsoDay, IsMoney, cleanTextValue } from '../../common/validation.js';
import { DONATION_METHODS, type DonationMethod } from '../entities/donation.entity.js';
import { MAX_PAPER_NUMBER } from '../paper-receipt.js';
import { DonorInput, DonorRef } from './donor.dto.js';

/** The body Swagger UI offers: a gift from a new donor (an existing one is `donorId` instead). */
export const RECORD_DONATION_EXAMPLE = {
  fundId: '4b6f1c2e-8a3d-4f5b-9c7e-2d1a0b3c4e5f',
  amount: 1250000,
  method: 'cash',
  inKindDescription: null,
  receivedOn: '2026-09-05',
  reference: null,
  purpose: 'Ủng hộ học bổng cho học sinh nghèo vượt khó',
  note: null,
  donor: {
    kind: 'person',
    name: 'Nguyễn Thị Hằng',
    phone: '0912 345 678',
    address: 'Thôn Đông, xã Vũ Thư, tỉnh Hưng Yên',
    taxCode: null,
  },
};

/** Yesterday's paper receipt typed in: the gift as the first example, with the paper's book and number. */
export const RECORD_PAPER_DONATION_EXAMPLE = {
  ...RECORD_DONATION_EXAMPLE,
  receivedOn: '2026-09-04',
  paperReceipt: { book: '03', number: 45 },
};

/** A paper receipt already handed out ("Quyển số", "Số"), which the donation transcribes. */
export class PaperReceiptInput {
  @ApiProperty({
    example: '03',
    maxLength: 10,
    description: 'Quyển số: letters or digits; a book of digits is kept with two at least ("3" is "03")',
  })
  @Matches(/^[\p{L}\p{N}./-]{1,10}$/u, { message: 'tối đa 10 chữ cái hoặc chữ số (vd 03)' })
  @IsString()
  @Transform(cleanTextValue)
  book: string;

  @ApiProperty({ example: 45, minimum: 1, maximum: MAX_PAPER_NUMBER, description: 'Số: printed as 0045' })
  @Max(MAX_PAPER_NUMBER)
  @Min(1)
  @IsInt()
  number: number;
}

export class RecordDonationDto {
  @ApiProperty({ description: 'The fund receiving the gift' })
  @IsUUID()
  fundId: string;

  @ApiProperty({ example: 1250000, description: 'In đồng; for goods, their value' })
  @IsMoney()
  amount: number;

  @ApiProperty({ enum: DONATION_METHODS, example: 'cash' })
  @IsIn(DONATION_METHODS)
  method: DonationMethod;

  @ApiPropertyOptional({
    nullable: true,
    example: null,
    description: 'The goods, for `in_kind` (required then, e.g. "300 quyển vở"); null otherwise',
  })
  @IsOptional()
  @MaxLength(500)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  inKindDescription?: string | null;

  @ApiProperty({ example: '2026-09-05', description: 'The day it was received; not in the future' })
  @IsIsoDay()
  receivedOn: string;

  @ApiPropertyOptional({
    nullable: true,
    example: 'FT26248123456',
    description: 'Bank transaction reference, or any reference of the payer',
  })
  @IsOptional()
  @MaxLength(100)
  @Transform(cleanTextValue)
  @IsString()
  reference?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 'Ủng hộ học bổng cho học sinh nghèo vượt khó',
    description: "The donor's purpose; printed as the receipt's reason (lý do nộp)",
  })
  @IsOptional()
  @MaxLength(500)
  @Transform(cleanTextValue)
  @IsString()
  purpose?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 'Nộp tại buổi lễ khai giảng',
    description: 'Internal note',
  })
  @IsOptional()
  @MaxLength(1000)
  @Transform(cleanTextValue)
  @IsString()
  note?: string | null;

  @ApiPropertyOptional({ description: 'An existing donor of the unit; or give `donor`, not both' })
  @IsOptional()
  @IsUUID()
  donorId?: string;

  @ApiPropertyOptional({
    type: DonorInput,
    description: 'A new donor, or `{"kind": "anonymous"}`; or give `donorId`, not both',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DonorInput)
  donor?: DonorInput;

  @ApiPropertyOptional({
    type: PaperReceiptInput,
    nullable: true,
    description:
      'A paper receipt already handed out for this gift: the donation keeps its book and number (a ' +
      'series of its own, unique per unit and year) and takes no number of the electronic series',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PaperReceiptInput)
  paperReceipt?: PaperReceiptInput | null;
}

export class VoidDonationDto {
  @ApiProperty({ example: 'Ghi nhầm số tiền', description: 'Why; printed on the voided receipt' })
  @MaxLength(500)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  reason: string;
}

export class ListDonationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'Only this fund' })
  @IsOptional()
  @IsUUID()
  fundId?: string;

  @ApiPropertyOptional({ description: 'Only this donor' })
  @IsOptional()
  @IsUUID()
  donorId?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Received on or after' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Received on or before' })
  @IsOptional()
  @IsIsoDay()
  to?: string;

  @ApiPropertyOptional({ enum: DONATION_METHODS, example: 'bank_transfer' })
  @IsOptional()
  @IsIn(DONATION_METHODS)
  method?: DonationMethod;

  @ApiPropertyOptional({ example: 500000, description: 'At least this many đồng' })
  @IsOptional()
  @IsMoney()
  @Type(() => Number)
  minAmount?: number;

  @ApiPropertyOptional({ example: 10000000, description: 'At most this many đồng' })
  @IsOptional()
  @IsMoney()
  @Type(() => Number)
  maxAmount?: number;

  @ApiPropertyOptional({ enum: ['recorded', 'void'], example: 'recorded' })
  @IsOptional()
  @IsIn(['recorded', 'void'])
  status?: 'recorded' | 'void';

  @ApiPropertyOptional({
    example: 'Nguyen Thi Hang',
    description: "The donor's name (accents optional), a receipt number or a reference",
  })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv', 'xlsx'],
    description: 'csv or xlsx: every matching row as a download (default json: one page)',
  })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

export class ReceiptView {
  @ApiProperty({ example: '2026', description: 'The year for the electronic series; the paper book' })
  book: string;
  @ApiProperty({ example: '000123', description: 'Six digits in the electronic series, four on paper' })
  number: string;
  @ApiProperty({ example: false, description: 'A transcribed paper receipt (its own book and number)' })
  paper: boolean;
  @ApiProperty({ example: '7K2M-9QX4-HB3T', description: 'Public verification code (/verify/{code})' })
  code: string;
  @ApiProperty({ enum: ['pending', 'ready', 'failed'] }) documentStatus: string;
}

export class DonationView {
  @ApiProperty() id: string;
  @ApiProperty() fundId: string;
  @ApiProperty() fundName: string;
  @ApiProperty() unitId: string;
  @ApiProperty() amount: number;
  @ApiProperty({ enum: DONATION_METHODS }) method: DonationMethod;
  @ApiProperty({ nullable: true, type: String }) inKindDescription: string | null;
  @ApiProperty() receivedOn: string;
  @ApiProperty({ enum: ['recorded', 'void'] }) status: 'recorded' | 'void';
  @ApiProperty({ type: DonorRef }) donor: DonorRef;
  @ApiProperty({ type: ReceiptView }) receipt: ReceiptView;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String }) purpose: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() entryId: string;
  @ApiProperty({ nullable: true, type: String }) voidReason: string | null;
  @ApiProperty({ nullable: true, type: Date, example: null }) voidedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class DonationPage {
  @ApiProperty({ type: [DonationView] }) items: DonationView[];
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Sum of the matching donations not voided, in đồng' }) totalAmount: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class StatementView {
  @ApiProperty({ type: DonorRef }) donor: DonorRef;
  @ApiProperty() year: number;
  @ApiProperty({ type: [DonationView] }) donations: DonationView[];
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Sum of the gifts not voided, in đồng' }) total: number;
}
