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
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'The rules, each with its reading' })
  rules: { field: string; op: string; value: unknown; text: string }[];
}

export class DecisionView {
  @ApiProperty({ example: '25/QĐ-HKH' }) number: string;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) date: string;
  @ApiProperty({ format: 'uuid', description: 'The chair who recorded it' }) decidedBy: string;
  @ApiProperty() decidedAt: Date;
}

export class TallyView {
  @ApiProperty() approvals: number;
  @ApiProperty() rejections: number;
  @ApiProperty() abstentions: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Average score of the votes that gave one' })
  averageScore: number | null;
  @ApiProperty({ description: 'Members who recused (left out of the tally)' }) recusals: number;
}

export class RoundView {
  @ApiProperty() id: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() fundId: string;
  @ApiProperty() title: string;
  @ApiProperty() period: string;
  @ApiProperty({ description: 'Budget, reserved in the fund when the round opens' }) budget: number;
  @ApiProperty({ description: 'Total of the approved awards (less revoked ones)' }) allocated: number;
  @ApiProperty({ description: 'Paid out' }) paid: number;
  @ApiProperty({ description: 'Still reserved in the fund for the round' }) reserved: number;
  @ApiProperty() status: RoundStatus;
  @ApiProperty() nominationOpensOn: string;
  @ApiProperty() nominationClosesOn: string;
  @ApiProperty() approvalsRequired: number;
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  committee: { userId: string; name: string; role: 'chair' | 'member' }[];
  @ApiProperty({ type: [CategoryView] }) categories: CategoryView[];
  @ApiProperty({ nullable: true, type: DecisionView, description: 'Null until the committee decides' })
  decision: DecisionView | null;
  @ApiProperty() awards: number;
  @ApiProperty({ description: 'Approved awards not paid yet' }) unpaid: number;
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
  @ApiProperty({ description: 'Whether the name may appear on public lists' }) publishable: boolean;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) eligibility: RuleResult[];
  @ApiPropertyOptional({
    nullable: true,
    description: 'An earlier nomination of the same person in this round',
  })
  duplicateOf: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Awards received from the same fund this year',
  })
  priorAwards: { roundTitle: string; amount: number }[];
  @ApiProperty({ type: TallyView }) tally: TallyView;
  @ApiPropertyOptional({ nullable: true, description: 'Rank within the category' }) rank: number | null;
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

export class NominationImportProblemView {
  @ApiProperty({ description: 'Row of the file (1 is the heading row; 0 the whole file)', example: 7 })
  row: number;
  @ApiProperty({ nullable: true, type: String, description: 'Column heading', example: 'Ngày sinh' })
  column: string | null;
  @ApiProperty({ example: 'phải là ngày có thật, dạng YYYY-MM-DD' }) message: string;
}

/** What a nomination spreadsheet upload answers (NominationImportService.import). */
export class NominationImportReportView {
  @ApiProperty({ description: 'Data rows read', example: 42 }) rows: number;
  @ApiProperty({ type: [NominationImportProblemView] }) problems: NominationImportProblemView[];
  @ApiProperty({ description: 'Whether the nominations were written' }) committed: boolean;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The nominations written (empty unless committed)',
  })
  nominationIds: string[];
}

/** What a signed payment list answers once paid. */
export class PaymentListResult {
  @ApiProperty({ description: 'Awards paid', example: 48 }) paid: number;
  @ApiProperty({ description: 'Their total, in đồng', example: 48000000 }) total: number;
}
