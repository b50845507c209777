import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/page.js';
import { IsIsoDay, IsMoney, cleanTextValue } from '../../common/validation.js';
import { FUND_KINDS, type FundKind } from '../entities/fund.entity.js';
import type { EntryKind } from '../entities/journal-entry.entity.js';

export class CreateFundDto {
  @ApiProperty({ description: 'The unit owning the fund' })
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
    example: 'general',
    description:
      "general (the unit's quỹ khuyến học), talent (khuyến tài), named_scholarship, workers (trade union), clan, other",
  })
  @IsIn(FUND_KINDS)
  kind: FundKind;

  @ApiPropertyOptional({
    nullable: true,
    example: null,
    description:
      'What its money must be spent on, for a restricted fund (e.g. "Học bổng cho học sinh dân tộc thiểu số")',
  })
  @IsOptional()
  @MaxLength(500)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  restriction?: string | null;
}

export class ListFundsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only funds of this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 'khuyen hoc', description: 'Part of the name, accents optional' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'], example: 'open' })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
}

export class AsOfDayQuery {
  @ApiPropertyOptional({ example: '2025-12-31', description: 'The day (by value date); default: today' })
  @IsOptional()
  @IsIsoDay()
  asOf?: string;
}

export class FundEntriesQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Value date on or after' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Value date on or before' })
  @IsOptional()
  @IsIsoDay()
  to?: string;
}

export class TransferDto {
  @ApiProperty({ description: 'The fund the money leaves' })
  @IsUUID()
  fromFundId: string;

  @ApiProperty({ description: "The fund receiving it: of the same unit, the unit's parent or a child" })
  @IsUUID()
  toFundId: string;

  @ApiProperty({ example: 100000, description: 'In đồng' })
  @IsMoney()
  amount: number;

  @ApiProperty({ example: '2026-09-05', description: 'The value date; not in the future' })
  @IsIsoDay()
  occurredOn: string;

  @ApiPropertyOptional({ nullable: true, example: 'Xã Vũ Thư nộp quỹ lên huyện quý III' })
  @IsOptional()
  @MaxLength(500)
  @Transform(cleanTextValue)
  @IsString()
  note?: string | null;
}

export class OpeningBalanceDto {
  @ApiProperty({ example: 35000000, description: 'In đồng' })
  @IsMoney()
  amount: number;

  @ApiProperty({ example: '2025-12-31', description: 'The day the paper books were closed at this balance' })
  @IsIsoDay()
  asOf: string;

  @ApiProperty({ example: 'Sổ quỹ tiền mặt 2025, trang 48', description: 'Where the figure comes from' })
  @MaxLength(300)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  reference: string;
}

export class ReverseEntryDto {
  @ApiProperty({ example: 'Ghi nhầm quỹ nhận', description: 'Why' })
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
  @ApiProperty({ description: 'Cash balance, in đồng (in-kind gifts not included)', example: 35000000 })
  balance: number;
  @ApiProperty({ description: 'Part of the cash balance reserved by award rounds' }) reserved: number;
  @ApiProperty({ description: 'balance − reserved: cash free to reserve or transfer' }) available: number;
  @ApiProperty({
    description:
      'Value of in-kind gifts held (goods not yet handed out), in đồng: kept apart from the cash, never reserved or transferred',
    example: 3050000,
  })
  inKind: number;
  @ApiProperty({ enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
}

export class OpeningBalanceView extends FundView {
  @ApiProperty({ format: 'uuid', description: 'The opening-balance entry (to reverse it)' }) entryId: string;
}

export class FundBalanceView {
  @ApiProperty() fundId: string;
  @ApiProperty() asOf: string;
  @ApiProperty({ description: 'Cash balance' }) balance: number;
  @ApiProperty() reserved: number;
  @ApiProperty({ description: 'balance − reserved' }) available: number;
  @ApiProperty({ description: 'Value of in-kind gifts held' }) inKind: number;
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
  @ApiProperty({ description: 'Into (+) or out of (−) the fund, in đồng' }) amount: number;
  @ApiProperty({ description: 'Change of the reserved part' }) reservedPart: number;
  @ApiProperty({ description: 'Change of the in-kind value held (goods received or handed out)' })
  inKindPart: number;
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
  @ApiProperty({ description: 'The transfer entry' }) id: string;
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

export class InKindIssueDto {
  @ApiProperty({ example: 1525000, description: 'Value of the goods handed out, in đồng' })
  @IsMoney()
  amount: number;

  @ApiProperty({ example: '2026-09-10', description: 'The day they were handed out; not in the future' })
  @IsIsoDay()
  issuedOn: string;

  @ApiProperty({ example: '50 bộ sách giáo khoa lớp 6', description: 'What was handed out' })
  @MaxLength(500)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  description: string;

  @ApiProperty({
    example: 'Trường THCS Vũ Thư (cho học sinh nghèo vượt khó)',
    description: 'Who received them (learners, a school)',
  })
  @MaxLength(300)
  @IsNotEmpty()
  @Transform(cleanTextValue)
  @IsString()
  recipient: string;
}

export class InKindIssueView {
  @ApiProperty({ description: 'The hand-over entry (to reverse it if it was a mistake)' }) id: string;
  @ApiProperty() entryId: string;
  @ApiProperty() fundId: string;
  @ApiProperty({ example: 1525000 }) amount: number;
  @ApiProperty({ example: '2026-09-10' }) issuedOn: string;
  @ApiProperty({ example: '50 bộ sách giáo khoa lớp 6' }) description: string;
  @ApiProperty({ example: 'Trường THCS Vũ Thư (cho học sinh nghèo vượt khó)' }) recipient: string;
  @ApiProperty({ description: 'In-kind value the fund still holds afterwards', example: 1525000 })
  inKind: number;
}
