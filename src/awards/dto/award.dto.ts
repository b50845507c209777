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
  @ApiProperty()
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: COMMITTEE_ROLES })
  @IsIn(COMMITTEE_ROLES)
  role: CommitteeRole;
}

export class CategoryInput {
  @ApiProperty({ example: 'Học sinh nghèo vượt khó' })
  @apply(...Text(200))
  name: string;

  @ApiProperty({ enum: RECIPIENT_TYPES })
  @IsIn(RECIPIENT_TYPES)
  recipientType: RecipientType;

  @ApiProperty({ example: 1000000, description: 'Số đồng mỗi suất' })
  @IsMoney()
  amount: number;

  @ApiProperty({ example: 50, description: 'Số suất tối đa' })
  @Max(100000)
  @Min(1)
  @IsInt()
  quota: number;

  @ApiPropertyOptional({ nullable: true, description: 'Số hồ sơ tối đa mỗi đơn vị trực thuộc được đề cử' })
  @IsOptional()
  @Max(100000)
  @Min(1)
  @IsInt()
  subUnitQuota?: number | null;

  @ApiPropertyOptional({
    description:
      'Điều kiện: [{"field": "gradeAverage", "op": "gte", "value": 8}, {"field": "householdStatus", "op": "in", "value": ["poor", "near_poor"]}, {"field": "studyLevel", "op": "in", "value": [...]}, {"field": "achievementLevel", "op": "atLeast", "value": "province"}, {"field": "age", "op": "between", "value": [6, 18]}]',
    type: 'array',
    items: { type: 'object' },
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsArray()
  rules?: unknown[];
}

export class CreateRoundDto {
  @ApiProperty({ description: 'Đơn vị mở đợt xét' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ description: 'Quỹ của đơn vị mà đợt xét chi từ đó' })
  @IsUUID()
  fundId: string;

  @ApiProperty({ example: 'Học bổng Khuyến học năm học 2026-2027' })
  @apply(...Text(300))
  title: string;

  @ApiProperty({ example: '2026-2027', description: 'Năm học (2026-2027) hoặc năm (2026)' })
  @Matches(/^\d{4}(-\d{4})?$/)
  @IsString()
  period: string;

  @ApiProperty({ example: 50000000 })
  @IsMoney()
  budget: number;

  @ApiProperty({ example: '2026-09-01' })
  @IsIsoDay()
  nominationOpensOn: string;

  @ApiProperty({ example: '2026-10-15' })
  @IsIsoDay()
  nominationClosesOn: string;

  @ApiProperty({ example: 2, description: 'Số phiếu đồng ý cần để một hồ sơ được duyệt' })
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
  @ApiProperty({ enum: ROUND_STATUSES })
  @IsIn(ROUND_STATUSES)
  to: RoundStatus;
}

export class ListRoundsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Đơn vị và các đơn vị trực thuộc' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ROUND_STATUSES })
  @IsOptional()
  @IsIn(ROUND_STATUSES)
  status?: RoundStatus;
}

export class NominationDto {
  @ApiProperty({ description: 'Đơn vị đề cử (trường, xã, chi hội) trong phạm vi đợt xét' })
  @IsUUID()
  unitId: string;

  @ApiProperty()
  @IsUUID()
  categoryId: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @apply(...Text(200))
  fullName: string;

  @ApiProperty({ example: '2012-03-15' })
  @IsIsoDay()
  birthDate: string;

  @ApiProperty({ enum: GENDERS })
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

  @ApiPropertyOptional({ nullable: true, description: 'Nơi làm việc (giáo viên, công nhân)' })
  @IsOptional()
  @apply(...Text(200))
  workplace?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Người giám hộ (với người chưa thành niên)' })
  @IsOptional()
  @apply(...Text(200))
  guardianName?: string | null;

  @ApiPropertyOptional({ enum: HOUSEHOLD_STATUSES, nullable: true })
  @IsOptional()
  @IsIn(HOUSEHOLD_STATUSES)
  householdStatus?: (typeof HOUSEHOLD_STATUSES)[number] | null;

  @ApiPropertyOptional({ enum: STUDY_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(STUDY_LEVELS)
  studyLevel?: (typeof STUDY_LEVELS)[number] | null;

  @ApiPropertyOptional({
    nullable: true,
    example: 8.5,
    description: 'Điểm trung bình, 0–10, tối đa 2 chữ số thập phân',
  })
  @IsOptional()
  @Max(10)
  @Min(0)
  @IsMark()
  gradeAverage?: number | null;

  @ApiPropertyOptional({ enum: ACHIEVEMENT_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(ACHIEVEMENT_LEVELS)
  achievementLevel?: (typeof ACHIEVEMENT_LEVELS)[number] | null;

  @ApiPropertyOptional({ nullable: true, description: 'Số định danh cá nhân (12 số) hoặc CMND (9 số)' })
  @IsOptional()
  @Matches(/^(\d{9}|\d{12})$/)
  @IsString()
  nationalId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Lý do đề cử' })
  @IsOptional()
  @apply(...Text(2000))
  reason?: string | null;

  @ApiProperty({
    description: 'Người giám hộ đồng ý công bố tên (bắt buộc với người chưa thành niên trước khi công bố)',
  })
  @IsBoolean()
  consentGuardian: boolean;

  @ApiProperty({ description: 'Trẻ từ đủ 7 tuổi cũng đồng ý' })
  @IsBoolean()
  consentChild: boolean;
}

export class ListNominationsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ description: 'Chỉ hồ sơ do đơn vị này (và cấp dưới) đề cử' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Lọc theo đủ / không đủ điều kiện' })
  @IsOptional()
  @IsIn(['true', 'false'])
  eligible?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Tên (không cần dấu)' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: VOTES })
  @IsIn(VOTES)
  vote: Vote;

  @ApiPropertyOptional({ nullable: true, example: 8.5, description: 'Điểm 0–10' })
  @IsOptional()
  @Max(10)
  @Min(0)
  @IsMark()
  score?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @apply(...Text(2000))
  comment?: string | null;
}

export class ReasonDto {
  @ApiProperty({ example: 'Là người thân của thí sinh' })
  @apply(...Text(500))
  reason: string;
}

export class DecisionDto {
  @ApiProperty({ example: '25/QĐ-HKH' })
  @apply(...Text(50))
  number: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsIsoDay()
  date: string;

  @ApiProperty({ type: [String], description: 'Các hồ sơ được duyệt' })
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(20000)
  @IsArray()
  approved: string[];
}

export class DisbursementDto {
  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS)
  method: PaymentMethod;

  @ApiProperty({ example: '2026-11-25', description: 'Ngày chi; không ở tương lai' })
  @IsIsoDay()
  paidOn: string;

  @ApiPropertyOptional({ nullable: true, description: 'Tiền mặt: người trao' })
  @IsOptional()
  @apply(...Text(200))
  handedOverBy?: string | null;

  @ApiPropertyOptional({
    enum: ['recipient', 'guardian'],
    nullable: true,
    description: 'Tiền mặt: ai đã ký nhận (người nhận hoặc người giám hộ)',
  })
  @IsOptional()
  @IsIn(['recipient', 'guardian'])
  signedBy?: 'recipient' | 'guardian' | null;

  @ApiPropertyOptional({ nullable: true, description: 'Chuyển khoản: số tài khoản' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{4,40}$/)
  @IsString()
  bankAccount?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Chuyển khoản: ngân hàng' })
  @IsOptional()
  @apply(...Text(200))
  bankName?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Chuyển khoản: mã giao dịch' })
  @IsOptional()
  @apply(...Text(100))
  reference?: string | null;
}

export class PaymentListQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv', 'pdf'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv', 'pdf'])
  format?: 'xlsx' | 'csv' | 'pdf';
}
