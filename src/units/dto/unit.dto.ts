import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
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
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../../common/http/page.js';
import { IsIsoDay, cleanTextValue } from '../../common/validation.js';
import { RECEIPT_FORMS, type ReceiptFormName } from '../receipt-forms.js';
import { BRANCH_KINDS, type BranchKind, UNIT_KINDS, type UnitKind } from '../unit-kinds.js';

const CREATABLE_KINDS = UNIT_KINDS.filter((k) => k !== 'national');

export class ListUnitsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the children of this unit' })
  @IsOptional()
  @IsUUID('all')
  parentId?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS, example: 'commune' })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({
    description:
      'YYYY-MM-DD: units valid that day; "all": every period. Default: today, except that a search (q) ' +
      'without asOf looks in every period so former units are found too.',
    example: '2025-07-01',
    type: String,
    maxLength: 10,
    pattern: '^(\\d{4}-\\d{2}-\\d{2}|all)$',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== 'all')
  @IsIsoDay()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Name (accents optional) or exact code', example: 'Thái Bình' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;
}

export class AsOfQuery {
  @ApiPropertyOptional({
    description: 'YYYY-MM-DD, or "all". Default: today.',
    example: '2025-07-01',
    type: String,
    maxLength: 10,
    pattern: '^(\\d{4}-\\d{2}-\\d{2}|all)$',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== 'all')
  @IsIsoDay()
  asOf?: string;
}

export class CreateUnitDto {
  @ApiProperty({
    example: 'VT-THONDONG',
    description:
      'Official code (letters, digits, . _ -); unique among units valid at the same time. Communes: the GSO code, e.g. 13192',
  })
  @Matches(/^[\p{L}\p{N}._-]+$/u)
  @MaxLength(32)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  code: string;

  @ApiProperty({ example: 'Chi hội Khuyến học thôn Đông' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  name: string;

  @ApiPropertyOptional({
    example: 'Thôn Đông, xã Vũ Thư, tỉnh Hưng Yên',
    nullable: true,
    description: 'Printed on receipts',
  })
  @IsOptional()
  @MaxLength(300)
  @IsString()
  @Transform(cleanTextValue)
  address?: string | null;

  @ApiProperty({ enum: CREATABLE_KINDS, example: 'branch' })
  @IsIn(CREATABLE_KINDS)
  kind: Exclude<UnitKind, 'national'>;

  @ApiProperty({
    example: 'Chi hội',
    description: 'Official label: Tỉnh, Thành phố, Huyện, Xã, Phường, Chi hội, …',
  })
  @MaxLength(64)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  type: string;

  @ApiPropertyOptional({
    enum: BRANCH_KINDS,
    example: 'village',
    description: 'Required for branches, absent otherwise',
  })
  @IsOptional()
  @IsIn(BRANCH_KINDS)
  branchKind?: BranchKind;

  @ApiProperty({ format: 'uuid', description: 'The parent unit' })
  @IsUUID('all')
  parentId: string;

  @ApiPropertyOptional({
    example: '2025-07-01',
    nullable: true,
    description: 'First day of validity; null: always',
  })
  @IsOptional()
  @IsIsoDay()
  validFrom?: string | null;

  @ApiPropertyOptional({
    example: null,
    nullable: true,
    description: 'Last day of validity (inclusive); null: open',
  })
  @IsOptional()
  @IsIsoDay()
  validTo?: string | null;
}

/** What may change on a unit. Its kind and id never do; a move is a change of parentId. */
export class UpdateUnitDto {
  @ApiPropertyOptional({ example: '13192' })
  @IsOptional()
  @Matches(/^[\p{L}\p{N}._-]+$/u)
  @MaxLength(32)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  code?: string;

  @ApiPropertyOptional({ example: 'Xã Vũ Thư' })
  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  name?: string;

  @ApiPropertyOptional({ nullable: true, example: 'Số 1 đường Lê Lợi, xã Vũ Thư, tỉnh Hưng Yên' })
  @IsOptional()
  @MaxLength(300)
  @IsString()
  @Transform(cleanTextValue)
  address?: string | null;

  @ApiPropertyOptional({ example: 'Xã' })
  @IsOptional()
  @MaxLength(64)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  type?: string;

  @ApiPropertyOptional({ enum: BRANCH_KINDS, description: 'Branches only' })
  @IsOptional()
  @IsIn(BRANCH_KINDS)
  branchKind?: BranchKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Moves the unit (and its subtree) under another parent',
  })
  @IsOptional()
  @IsUUID('all')
  parentId?: string;

  @ApiPropertyOptional({ nullable: true, example: '2025-07-01' })
  @IsOptional()
  @IsIsoDay()
  validFrom?: string | null;

  @ApiPropertyOptional({ nullable: true, example: null })
  @IsOptional()
  @IsIsoDay()
  validTo?: string | null;

  @ApiPropertyOptional({
    enum: RECEIPT_FORMS,
    nullable: true,
    example: 'tt24_2024',
    description:
      'The receipt form the unit issues on, by its accounting regime: `tt24_2024` (Mẫu số C40-BB, Thông tư ' +
      '24/2024/TT-BTC) or `tt133_2016` (Mẫu số 01-TT, Thông tư 133/2016/TT-BTC); null: as the nearest ' +
      'ancestor that has one (else tt24_2024)',
  })
  @IsOptional()
  @IsIn(RECEIPT_FORMS)
  receiptForm?: ReceiptFormName | null;
}

/** The body Swagger UI offers for a change: a new name and address (any subset of the fields). */
export const UPDATE_UNIT_EXAMPLE = {
  name: 'Xã Vũ Thư',
  address: 'Số 1 đường Lê Lợi, xã Vũ Thư, tỉnh Hưng Yên',
};

export class PutPopulationDto {
  @ApiProperty({ example: 206037 })
  @Max(200_000_000)
  @Min(1)
  @IsInt()
  population: number;

  @ApiProperty({ example: 'Tổng điều tra dân số 1/4/2019', description: 'Where the figure comes from' })
  @MaxLength(1000)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  source: string;

  @ApiPropertyOptional({ nullable: true, example: 'Số liệu Chi cục Thống kê huyện Vũ Thư' })
  @IsOptional()
  @MaxLength(1000)
  @IsString()
  @Transform(cleanTextValue)
  note?: string | null;
}

export class UnitView {
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind: UnitKind;
  @ApiProperty() type: string;
  @ApiProperty({ enum: BRANCH_KINDS, nullable: true }) branchKind: BranchKind | null;
  @ApiProperty({ format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-07-01' }) validFrom:
    string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) validTo: string | null;
  @ApiProperty({ description: 'Levels below the root (the national level is 0)' }) depth: number;
  @ApiProperty({
    enum: RECEIPT_FORMS,
    nullable: true,
    example: 'tt133_2016',
    description: "The unit's own receipt form setting; null: inherited (see receiptFormInEffect)",
  })
  receiptForm: ReceiptFormName | null;
}

export class ReceiptFormView {
  @ApiProperty({ enum: RECEIPT_FORMS, example: 'tt24_2024' }) name: ReceiptFormName;
  @ApiProperty({ example: 'Mẫu số C40-BB' }) title: string;
  @ApiProperty({ example: '(Ban hành theo Thông tư số 24/2024/TT-BTC ngày 17/4/2024 của Bộ Tài chính)' })
  basis: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The unit whose setting applies (itself or an ancestor); null: the default',
  })
  setAt: string | null;
}

export class UnitPage {
  @ApiProperty({ type: [UnitView] }) items: UnitView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class UnitRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind: UnitKind;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validTo: string | null;
}

export class SuccessionView {
  @ApiProperty({ type: UnitRefView }) unit: UnitRefView;
  @ApiProperty({ format: 'date' }) effectiveOn: string;
  @ApiProperty({ type: String, nullable: true, example: 'Nghị quyết 1665/NQ-UBTVQH15' }) basis: string | null;
}

export class PopulationView {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() year: number;
  @ApiProperty() population: number;
  @ApiProperty() source: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class UnitStatsView {
  @ApiProperty() descendants: number;
  @ApiProperty() communes: number;
  @ApiProperty() branches: number;
  @ApiProperty() refreshedAt: Date;
}

export class UnitDetailView extends UnitView {
  @ApiProperty({ type: [UnitRefView], description: 'From the root down to the parent' })
  ancestors: UnitRefView[];
  @ApiProperty({ type: [SuccessionView] }) predecessors: SuccessionView[];
  @ApiProperty({ type: [SuccessionView] }) successors: SuccessionView[];
  @ApiProperty({ type: [PopulationView] }) populations: PopulationView[];
  @ApiProperty({ type: UnitStatsView, nullable: true }) stats: UnitStatsView | null;
  @ApiProperty({ type: ReceiptFormView, description: 'The form its receipts are issued on' })
  receiptFormInEffect: ReceiptFormView;
}
