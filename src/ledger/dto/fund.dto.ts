import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/page.js';
import { IsIsoDay, IsMoney, cleanTextValue } from '../../common/validation.js';
import { FUND_KINDS, type FundKind } from '../entities/fund.entity.js';
import type { EntryKind } from '../entities/journal-entry.entity.js';

export class CreateFundDto {
  @ApiProperty({ description: 'Đơn vị sở hữu quỹ' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ example: 'Quỹ khuyến học huyện Vũ Thư' })
  @MaxLength(200)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  name: string;

  @ApiProperty({
    enum: FUND_KINDS,
    description: 'general, talent (khuyến tài), named_scholarship, workers, clan, other',
  })
  @IsIn(FUND_KINDS)
  kind: FundKind;

  @ApiPropertyOptional({ nullable: true, description: 'Mục đích bắt buộc của tiền trong quỹ (quỹ hạn chế)' })
  @IsOptional()
  @MaxLength(500)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  restriction?: string | null;
}

export class ListFundsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Quỹ của đơn vị này và các đơn vị trực thuộc' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'Tên quỹ, không phân biệt dấu' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
}

export class AsOfDayQuery {
  @ApiPropertyOptional({ example: '2025-12-31', description: 'Số dư cuối ngày này (theo ngày phát sinh)' })
  @IsOptional()
  @IsIsoDay()
  asOf?: string;
}

export class FundEntriesQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsIsoDay()
  to?: string;
}

export class TransferDto {
  @ApiProperty()
  @IsUUID()
  fromFundId: string;

  @ApiProperty({ description: 'Quỹ nhận: cùng đơn vị, hoặc đơn vị cấp trên hay cấp dưới trực tiếp' })
  @IsUUID()
  toFundId: string;

  @ApiProperty({ example: 100000, description: 'Số đồng (số nguyên)' })
  @IsMoney()
  amount: number;

  @ApiProperty({ example: '2026-09-05' })
  @IsIsoDay()
  occurredOn: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @MaxLength(500)
  @Transform(cleanTextValue)
  @IsString()
  note?: string | null;
}

export class OpeningBalanceDto {
  @ApiProperty({ example: 35000000 })
  @IsMoney()
  amount: number;

  @ApiProperty({ example: '2025-12-31', description: 'Ngày chốt số dư trên sổ sách' })
  @IsIsoDay()
  asOf: string;

  @ApiProperty({ example: 'Sổ quỹ tiền mặt 2025, trang 48' })
  @MaxLength(300)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  reference: string;
}

export class ReverseEntryDto {
  @ApiProperty({ example: 'Ghi nhầm quỹ nhận' })
  @MaxLength(500)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  reason: string;
}

export class FundView {
  @ApiProperty() id: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: FUND_KINDS }) kind: FundKind;
  @ApiProperty({ nullable: true, type: String }) restriction: string | null;
  @ApiProperty({ description: 'Số dư (đồng)' }) balance: number;
  @ApiProperty({ description: 'Đã dành cho các đợt xét thưởng' }) reserved: number;
  @ApiProperty({ description: 'balance − reserved' }) available: number;
  @ApiProperty({ enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
}

export class FundBalanceView {
  @ApiProperty() fundId: string;
  @ApiProperty() asOf: string;
  @ApiProperty() balance: number;
  @ApiProperty() reserved: number;
  @ApiProperty() available: number;
}

export class FundPage {
  @ApiProperty({ type: [FundView] }) items: FundView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class FundEntryView {
  @ApiProperty() entryId: string;
  @ApiProperty() kind: EntryKind;
  @ApiProperty() valueDate: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Số tiền vào (+) hoặc ra (−) quỹ' }) amount: number;
  @ApiProperty({ description: 'Phần thay đổi của số đã dành' }) reservedPart: number;
  @ApiProperty({ nullable: true, type: String }) reversesEntryId: string | null;
  @ApiProperty({ nullable: true, type: String }) reversedBy: string | null;
  @ApiProperty() createdAt: Date;
}

export class FundEntryPage {
  @ApiProperty({ type: [FundEntryView] }) items: FundEntryView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class TransferView {
  @ApiProperty({ description: 'Mã bút toán điều chuyển' }) id: string;
  @ApiProperty() entryId: string;
  @ApiProperty() fromFundId: string;
  @ApiProperty() toFundId: string;
  @ApiProperty() amount: number;
  @ApiProperty() occurredOn: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class EntryView {
  @ApiProperty() id: string;
  @ApiProperty() kind: EntryKind;
  @ApiProperty() unitId: string;
  @ApiProperty() valueDate: string;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String }) reversesEntryId: string | null;
}
