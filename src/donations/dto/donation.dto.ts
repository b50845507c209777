import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/http/page.js';
import { IsIsoDay, IsMoney, cleanTextValue } from '../../common/validation.js';
import { DONATION_METHODS, type DonationMethod } from '../entities/donation.entity.js';
import { DonorInput, DonorRef } from './donor.dto.js';

export class RecordDonationDto {
  @ApiProperty()
  @IsUUID()
  fundId: string;

  @ApiProperty({ example: 1250000, description: 'Số đồng (số nguyên); hiện vật: giá trị quy đổi' })
  @IsMoney()
  amount: number;

  @ApiProperty({ enum: DONATION_METHODS })
  @IsIn(DONATION_METHODS)
  method: DonationMethod;

  @ApiPropertyOptional({ nullable: true, description: 'Bắt buộc với hiện vật: mô tả hiện vật' })
  @IsOptional()
  @MaxLength(500)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  inKindDescription?: string | null;

  @ApiProperty({ example: '2026-09-05', description: 'Ngày nhận; không ở tương lai' })
  @IsIsoDay()
  receivedOn: string;

  @ApiPropertyOptional({ nullable: true, description: 'Mã giao dịch ngân hàng…' })
  @IsOptional()
  @MaxLength(100)
  @Transform(cleanTextValue)
  @IsString()
  reference?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Mục đích / chỉ định của nhà hảo tâm (lý do nộp)' })
  @IsOptional()
  @MaxLength(500)
  @Transform(cleanTextValue)
  @IsString()
  purpose?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @MaxLength(1000)
  @Transform(cleanTextValue)
  @IsString()
  note?: string | null;

  @ApiPropertyOptional({ description: 'Nhà hảo tâm đã có…' })
  @IsOptional()
  @IsUUID()
  donorId?: string;

  @ApiPropertyOptional({
    type: DonorInput,
    description: '…hoặc nhà hảo tâm mới, hay { "kind": "anonymous" }',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DonorInput)
  donor?: DonorInput;
}

export class VoidDonationDto {
  @ApiProperty({ example: 'Ghi nhầm số tiền' })
  @MaxLength(500)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  reason: string;
}

export class ListDonationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Đơn vị và các đơn vị trực thuộc' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  fundId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  donorId?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsIsoDay()
  to?: string;

  @ApiPropertyOptional({ enum: DONATION_METHODS })
  @IsOptional()
  @IsIn(DONATION_METHODS)
  method?: DonationMethod;

  @ApiPropertyOptional()
  @IsOptional()
  @IsMoney()
  @Type(() => Number)
  minAmount?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsMoney()
  @Type(() => Number)
  maxAmount?: number;

  @ApiPropertyOptional({ enum: ['recorded', 'void'] })
  @IsOptional()
  @IsIn(['recorded', 'void'])
  status?: 'recorded' | 'void';

  @ApiPropertyOptional({ description: 'Tên nhà hảo tâm (không cần dấu), số phiếu hoặc mã tham chiếu' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv', 'xlsx'],
    description: 'csv hoặc xlsx: tải về toàn bộ danh sách lọc',
  })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

export class ReceiptView {
  @ApiProperty({ example: '2026' }) book: string;
  @ApiProperty({ example: '000123' }) number: string;
  @ApiProperty({ description: 'Mã tra cứu công khai (/verify/:code)' }) code: string;
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
  @ApiProperty({ nullable: true, type: Date }) voidedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class DonationPage {
  @ApiProperty({ type: [DonationView] }) items: DonationView[];
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Tổng số tiền các khoản không bị hủy trong bộ lọc' }) totalAmount: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class StatementView {
  @ApiProperty({ type: DonorRef }) donor: DonorRef;
  @ApiProperty() year: number;
  @ApiProperty({ type: [DonationView] }) donations: DonationView[];
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Tổng các khoản không bị hủy' }) total: number;
}
