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
import { BRANCH_KINDS, type BranchKind, UNIT_KINDS, type UnitKind } from '../unit-kinds.js';

const CREATABLE_KINDS = UNIT_KINDS.filter((k) => k !== 'national');

export class ListUnitsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  parentId?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({
    description:
      'YYYY-MM-DD: units valid that day; "all": every period. Default: today, except that a search (q) ' +
      'without asOf looks in every period so former units are found too.',
    example: '2025-07-01',
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
  @ApiPropertyOptional({ description: 'YYYY-MM-DD, or "all". Default: today.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== 'all')
  @IsIsoDay()
  asOf?: string;
}

export class CreateUnitDto {
  @ApiProperty({ example: '13192', description: 'Official code; unique among units valid at the same time' })
  @Matches(/^[\p{L}\p{N}._-]+$/u)
  @MaxLength(32)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  code: string;

  @ApiProperty({ example: 'Xã Vũ Thư' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  name: string;

  @ApiPropertyOptional({ example: 'Thôn Đông, xã Vũ Thư, tỉnh Hưng Yên', description: 'Printed on receipts' })
  @IsOptional()
  @MaxLength(300)
  @IsString()
  @Transform(cleanTextValue)
  address?: string | null;

  @ApiProperty({ enum: CREATABLE_KINDS })
  @IsIn(CREATABLE_KINDS)
  kind: Exclude<UnitKind, 'national'>;

  @ApiProperty({
    example: 'Xã',
    description: 'Official label: Tỉnh, Thành phố, Huyện, Xã, Phường, Chi hội, …',
  })
  @MaxLength(64)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  type: string;

  @ApiPropertyOptional({ enum: BRANCH_KINDS, description: 'Required for branches, absent otherwise' })
  @IsOptional()
  @IsIn(BRANCH_KINDS)
  branchKind?: BranchKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  parentId: string;

  @ApiPropertyOptional({ example: '2025-07-01', nullable: true })
  @IsOptional()
  @IsIsoDay()
  validFrom?: string | null;

  @ApiPropertyOptional({ example: null, nullable: true, description: 'Last day of validity (inclusive)' })
  @IsOptional()
  @IsIsoDay()
  validTo?: string | null;
}

/** What may change on a unit. Its kind and id never do; a move is a change of parentId. */
export class UpdateUnitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[\p{L}\p{N}._-]+$/u)
  @MaxLength(32)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @MaxLength(300)
  @IsString()
  @Transform(cleanTextValue)
  address?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(64)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  type?: string;

  @ApiPropertyOptional({ enum: BRANCH_KINDS })
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

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsIsoDay()
  validFrom?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsIsoDay()
  validTo?: string | null;
}

export class PutPopulationDto {
  @ApiProperty({ example: 206037 })
  @Max(200_000_000)
  @Min(1)
  @IsInt()
  population: number;

  @ApiProperty({ example: 'Tổng điều tra dân số 1/4/2019' })
  @MaxLength(1000)
  @IsNotEmpty()
  @IsString()
  @Transform(cleanTextValue)
  source: string;

  @ApiPropertyOptional({ nullable: true })
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
  @ApiProperty({ nullable: true, example: '2025-07-01' }) validFrom: string | null;
  @ApiProperty({ nullable: true }) validTo: string | null;
  @ApiProperty() depth: number;
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
  @ApiProperty({ nullable: true }) validFrom: string | null;
  @ApiProperty({ nullable: true }) validTo: string | null;
}

export class SuccessionView {
  @ApiProperty({ type: UnitRefView }) unit: UnitRefView;
  @ApiProperty() effectiveOn: string;
  @ApiProperty({ nullable: true }) basis: string | null;
}

export class PopulationView {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() year: number;
  @ApiProperty() population: number;
  @ApiProperty() source: string;
  @ApiProperty({ nullable: true }) note: string | null;
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
}
