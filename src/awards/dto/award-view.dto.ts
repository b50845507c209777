import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RoundStatus } from '../entities/award-round.entity.js';
import type { RuleResult } from '../eligibility.js';

export class CategoryView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() recipientType: string;
  @ApiProperty() amount: number;
  @ApiProperty() quota: number;
  @ApiPropertyOptional({ nullable: true }) subUnitQuota: number | null;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Điều kiện và cách đọc' })
  rules: { field: string; op: string; value: unknown; text: string }[];
}

export class RoundView {
  @ApiProperty() id: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() fundId: string;
  @ApiProperty() title: string;
  @ApiProperty() period: string;
  @ApiProperty({ description: 'Kinh phí, giữ lại trong quỹ khi mở đợt' }) budget: number;
  @ApiProperty({ description: 'Tổng các suất đã duyệt (trừ thu hồi)' }) allocated: number;
  @ApiProperty({ description: 'Đã chi trả' }) paid: number;
  @ApiProperty({ description: 'Số tiền còn giữ trong quỹ cho đợt xét' }) reserved: number;
  @ApiProperty() status: RoundStatus;
  @ApiProperty() nominationOpensOn: string;
  @ApiProperty() nominationClosesOn: string;
  @ApiProperty() approvalsRequired: number;
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  committee: { userId: string; name: string; role: 'chair' | 'member' }[];
  @ApiProperty({ type: [CategoryView] }) categories: CategoryView[];
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true })
  decision: { number: string; date: string; decidedBy: string; decidedAt: Date } | null;
  @ApiProperty() awards: number;
  @ApiProperty({ description: 'Suất đã duyệt chưa chi trả' }) unpaid: number;
  @ApiProperty() createdAt: Date;
}

export class RoundPage {
  @ApiProperty({ type: [RoundView] }) items: RoundView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class NominationView {
  @ApiProperty() id: string;
  @ApiProperty() roundId: string;
  @ApiProperty() categoryId: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() fullName: string;
  @ApiProperty() birthDate: string;
  @ApiProperty() gender: string;
  @ApiPropertyOptional({ nullable: true }) school: string | null;
  @ApiPropertyOptional({ nullable: true }) className: string | null;
  @ApiPropertyOptional({ nullable: true }) workplace: string | null;
  @ApiPropertyOptional({ nullable: true }) guardianName: string | null;
  @ApiPropertyOptional({ nullable: true }) householdStatus: string | null;
  @ApiPropertyOptional({ nullable: true }) studyLevel: string | null;
  @ApiPropertyOptional({ nullable: true }) gradeAverage: number | null;
  @ApiPropertyOptional({ nullable: true }) achievementLevel: string | null;
  @ApiPropertyOptional({ nullable: true }) nationalId: string | null;
  @ApiPropertyOptional({ nullable: true }) reason: string | null;
  @ApiProperty() consentGuardian: boolean;
  @ApiProperty() consentChild: boolean;
  @ApiProperty({ description: 'Tên được phép xuất hiện trên danh sách công khai' }) publishable: boolean;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) eligibility: RuleResult[];
  @ApiPropertyOptional({ nullable: true, description: 'Hồ sơ trước của cùng người trong đợt này' })
  duplicateOf: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Đã nhận từ cùng quỹ trong năm' })
  priorAwards: { roundTitle: string; amount: number }[];
  @ApiProperty({ type: 'object', additionalProperties: true })
  tally: {
    approvals: number;
    rejections: number;
    abstentions: number;
    averageScore: number | null;
    recusals: number;
  };
  @ApiPropertyOptional({ nullable: true, description: 'Thứ hạng trong hạng mục' }) rank: number | null;
  @ApiProperty() amount: number;
  @ApiProperty() createdAt: Date;
}

export class NominationPage {
  @ApiProperty({ type: [NominationView] }) items: NominationView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class AwardView {
  @ApiProperty() id: string;
  @ApiProperty() roundId: string;
  @ApiProperty() categoryId: string;
  @ApiProperty() nominationId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() amount: number;
  @ApiProperty({ enum: ['approved', 'paid', 'revoked'] }) status: 'approved' | 'paid' | 'revoked';
  @ApiPropertyOptional({ nullable: true }) paymentId: string | null;
  @ApiPropertyOptional({ nullable: true }) entryId: string | null;
  @ApiPropertyOptional({ nullable: true }) paidOn: string | null;
}

export class AwardList {
  @ApiProperty({ type: [AwardView] }) items: AwardView[];
  @ApiProperty() total: number;
}
