import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
import { cleanTextValue, IsIsoDay, IsMark, IsMoney } from '../../common/validation.js';
import {
  COMMITTEE_ROLES,
  RECIPIENT_TYPES,
  ROUND_STATUSES,
  type CommitteeRole,
  type RecipientType,
  type RoundStatus,
} from '../entities/award-round.entity.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../entities/award.entity.js';
import {
  ACHIEVEMENT_LEVELS,
  GENDERS,
  HOUSEHOLD_STATUSES,
  STUDY_LEVELS,
  VOTES,
  type Vote,
} from '../entities/nomination.entity.js';

const Text = (max: number) => [MaxLength(max), IsNotEmpty(), Transform(cleanTextValue), IsString()];
const apply =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of decorators.reverse()) d(target, key);
  };

export class CommitteeMemberInput {
  @ApiProperty({ description: "A user holding the committee role at the round's unit or above" })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: COMMITTEE_ROLES, example: 'chair', description: 'Exactly one chair per round' })
  @IsIn(COMMITTEE_ROLES)
  role: CommitteeRole;
}

export class CategoryInput {
  @ApiProperty({ example: 'Học sinh nghèo vượt khó' })
  @apply(...Text(200))
  name: string;

  @ApiProperty({ enum: RECIPIENT_TYPES, example: 'student' })
  @IsIn(RECIPIENT_TYPES)
  recipientType: RecipientType;

  @ApiProperty({ example: 1000000, description: 'In đồng, per award' })
  @IsMoney()
  amount: number;

  @ApiProperty({ example: 50, description: 'The most awards of this category' })
  @Max(100000)
  @Min(1)
  @IsInt()
  quota: number;

  @ApiPropertyOptional({
    nullable: true,
    example: 5,
    description: 'The most nominations each sub-unit (with its subtree) may make in this category',
  })
  @IsOptional()
  @Max(100000)
  @Min(1)
  @IsInt()
  subUnitQuota?: number | null;

  @ApiPropertyOptional({
    description:
      'Eligibility rules the server evaluates: gradeAverage gte, householdStatus in, studyLevel in, ' +
      'achievementLevel atLeast (school < district < province < national < international), age between [min, max]',
    type: 'array',
    items: {
      type: 'object',
      required: ['field', 'op', 'value'],
      properties: {
        field: {
          type: 'string',
          enum: ['gradeAverage', 'householdStatus', 'studyLevel', 'achievementLevel', 'age'],
        },
        op: { type: 'string', enum: ['gte', 'in', 'atLeast', 'between'] },
        value: {
          description: 'A number (gte), a level (atLeast), a list of values (in) or [min, max] (between)',
          oneOf: [
            { type: 'number', minimum: 0, maximum: 150 },
            { type: 'string', maxLength: 32 },
            {
              type: 'array',
              maxItems: 10,
              items: { oneOf: [{ type: 'string', maxLength: 32 }, { type: 'number' }] },
            },
          ],
        },
      },
    },
    example: [
      { field: 'gradeAverage', op: 'gte', value: 8 },
      { field: 'householdStatus', op: 'in', value: ['poor', 'near_poor'] },
    ],
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsArray()
  rules?: unknown[];
}

export class CreateRoundDto {
  @ApiProperty({ description: 'The unit whose committee runs the round' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ description: "The unit's fund the awards are paid from" })
  @IsUUID()
  fundId: string;

  @ApiProperty({ example: 'Học bổng Khuyến học năm học 2026-2027' })
  @apply(...Text(300))
  title: string;

  @ApiProperty({ example: '2026-2027', description: 'A school year (2026-2027) or a year (2026)' })
  @Matches(/^\d{4}(-\d{4})?$/)
  @MaxLength(9)
  @IsString()
  period: string;

  @ApiProperty({ example: 50000000, description: 'In đồng; reserved in the fund when the round opens' })
  @IsMoney()
  budget: number;

  @ApiProperty({ example: '2026-09-01', description: 'First day nominations are taken' })
  @IsIsoDay()
  nominationOpensOn: string;

  @ApiProperty({ example: '2027-10-15', description: 'Last day nominations are taken' })
  @IsIsoDay()
  nominationClosesOn: string;

  @ApiProperty({ example: 1, description: 'Approving votes a nomination needs to be approved' })
  @Max(50)
  @Min(1)
  @IsInt()
  approvalsRequired: number;

  @ApiProperty({ type: [CommitteeMemberInput] })
  @ValidateNested({ each: true })
  @Type(() => CommitteeMemberInput)
  @ArrayMaxSize(50)
  @ArrayMinSize(1)
  @IsArray()
  committee: CommitteeMemberInput[];

  @ApiProperty({ type: [CategoryInput] })
  @ValidateNested({ each: true })
  @Type(() => CategoryInput)
  @ArrayMaxSize(20)
  @ArrayMinSize(1)
  @IsArray()
  categories: CategoryInput[];
}

export class TransitionDto {
  @ApiProperty({ enum: ROUND_STATUSES, example: 'open' })
  @IsIn(ROUND_STATUSES)
  to: RoundStatus;
}

export class ListRoundsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ROUND_STATUSES, example: 'open' })
  @IsOptional()
  @IsIn(ROUND_STATUSES)
  status?: RoundStatus;
}

export class NominationDto {
  @ApiProperty({ description: "The nominating unit (a school, commune or branch), in the round's scope" })
  @IsUUID()
  unitId: string;

  @ApiProperty({ description: "One of the round's categories" })
  @IsUUID()
  categoryId: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @apply(...Text(200))
  fullName: string;

  @ApiProperty({ example: '2012-03-15' })
  @IsIsoDay()
  birthDate: string;

  @ApiProperty({ enum: GENDERS, example: 'male' })
  @IsIn(GENDERS)
  gender: (typeof GENDERS)[number];

  @ApiPropertyOptional({ nullable: true, example: 'Trường THCS Vũ Thư' })
  @IsOptional()
  @apply(...Text(200))
  school?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '8A' })
  @IsOptional()
  @apply(...Text(50))
  className?: string | null;

  @ApiPropertyOptional({ nullable: true, example: null, description: 'Workplace (teachers, workers)' })
  @IsOptional()
  @apply(...Text(200))
  workplace?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Nguyễn Văn Bình', description: 'Guardian (of a minor)' })
  @IsOptional()
  @apply(...Text(200))
  guardianName?: string | null;

  @ApiPropertyOptional({ enum: HOUSEHOLD_STATUSES, nullable: true, example: 'poor' })
  @IsOptional()
  @IsIn(HOUSEHOLD_STATUSES)
  householdStatus?: (typeof HOUSEHOLD_STATUSES)[number] | null;

  @ApiPropertyOptional({ enum: STUDY_LEVELS, nullable: true, example: 'lower_secondary' })
  @IsOptional()
  @IsIn(STUDY_LEVELS)
  studyLevel?: (typeof STUDY_LEVELS)[number] | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 8.5,
    description: 'Grade average, 0–10, at most two decimals',
  })
  @IsOptional()
  @Max(10)
  @Min(0)
  @IsMark()
  gradeAverage?: number | null;

  @ApiPropertyOptional({ enum: ACHIEVEMENT_LEVELS, nullable: true, example: 'district' })
  @IsOptional()
  @IsIn(ACHIEVEMENT_LEVELS)
  achievementLevel?: (typeof ACHIEVEMENT_LEVELS)[number] | null;

  @ApiPropertyOptional({
    nullable: true,
    example: '034212001234',
    description: 'Personal identification number (12 digits) or old identity card (9 digits)',
  })
  @IsOptional()
  @Matches(/^(\d{9}|\d{12})$/)
  @MaxLength(12)
  @IsString()
  nationalId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 'Gia đình hộ nghèo, em vượt khó đạt học sinh giỏi ba năm liền',
    description: 'Why the candidate is nominated',
  })
  @IsOptional()
  @apply(...Text(2000))
  reason?: string | null;

  @ApiProperty({
    description: "The guardian agreed to publish the name (needed before a minor's name is published)",
    example: true,
  })
  @IsBoolean()
  consentGuardian: boolean;

  @ApiProperty({ description: 'The child (from 7) agreed too', example: true })
  @IsBoolean()
  consentChild: boolean;
}

export class ListNominationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only this category' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ description: 'Only nominations made by this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    example: 'true',
    description: 'Only eligible, or ineligible, ones',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  eligible?: 'true' | 'false';

  @ApiPropertyOptional({ example: 'Nguyen Van An', description: 'A name, accents optional' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: VOTES, example: 'approve' })
  @IsIn(VOTES)
  vote: Vote;

  @ApiPropertyOptional({ nullable: true, example: 8.5, description: 'A score, 0–10, at most two decimals' })
  @IsOptional()
  @Max(10)
  @Min(0)
  @IsMark()
  score?: number | null;

  @ApiPropertyOptional({ nullable: true, example: 'Hồ sơ đầy đủ, đúng tiêu chí' })
  @IsOptional()
  @apply(...Text(2000))
  comment?: string | null;
}

export class ReasonDto {
  @ApiProperty({ example: 'Là người thân của thí sinh', description: 'Why' })
  @apply(...Text(500))
  reason: string;
}

export class DecisionDto {
  @ApiProperty({ example: '25/QĐ-HKH', description: 'The decision number' })
  @apply(...Text(50))
  number: string;

  @ApiProperty({ example: '2026-11-20', description: 'The decision date' })
  @IsIsoDay()
  date: string;

  @ApiProperty({ type: [String], description: 'The nominations approved' })
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(20000)
  @IsArray()
  approved: string[];
}

export class DisbursementDto {
  @ApiProperty({ enum: PAYMENT_METHODS, example: 'cash' })
  @IsIn(PAYMENT_METHODS)
  method: PaymentMethod;

  @ApiProperty({ example: '2026-11-25', description: 'The day it was paid; not in the future' })
  @IsIsoDay()
  paidOn: string;

  @ApiPropertyOptional({ nullable: true, example: 'Trần Văn Bình', description: 'Cash: who handed it over' })
  @IsOptional()
  @apply(...Text(200))
  handedOverBy?: string | null;

  @ApiPropertyOptional({
    enum: ['recipient', 'guardian'],
    nullable: true,
    example: 'guardian',
    description: 'Cash: who signed for it',
  })
  @IsOptional()
  @IsIn(['recipient', 'guardian'])
  signedBy?: 'recipient' | 'guardian' | null;

  @ApiPropertyOptional({ nullable: true, example: null, description: 'Bank transfer: the account number' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{4,40}$/)
  @MaxLength(40)
  @IsString()
  bankAccount?: string | null;

  @ApiPropertyOptional({ nullable: true, example: null, description: 'Bank transfer: the bank' })
  @IsOptional()
  @apply(...Text(200))
  bankName?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: null,
    description: 'Bank transfer: the transaction reference',
  })
  @IsOptional()
  @apply(...Text(100))
  reference?: string | null;
}

export class PaymentListQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv', 'pdf'], default: 'xlsx', example: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv', 'pdf'])
  format?: 'xlsx' | 'csv' | 'pdf';
}
