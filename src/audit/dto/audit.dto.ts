import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/page.js';
import { IsIsoDay } from '../../common/validation.js';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only this unit and its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    example: 'donation',
    description: 'Kind of entity: unit, user, role, session, fund, donation, …',
  })
  @IsOptional()
  @MaxLength(32)
  @IsString()
  entity?: string;

  @ApiPropertyOptional({ example: '4b6f1c2e-8a3d-4f5b-9c7e-2d1a0b3c4e5f', description: 'One entity' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  entityId?: string;

  @ApiPropertyOptional({ example: 'auth.login_failed', description: 'One action' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  action?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'On or after (Asia/Ho_Chi_Minh)' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'On or before (Asia/Ho_Chi_Minh)' })
  @IsOptional()
  @IsIsoDay()
  to?: string;
}

export class AuditEntryView {
  @ApiProperty({ description: 'Row number' }) seq: string;
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true }) actorId: string | null;
  @ApiProperty({ nullable: true }) actorName: string | null;
  @ApiProperty({ nullable: true }) unitId: string | null;
  @ApiProperty({ nullable: true }) unitName: string | null;
  @ApiProperty({ example: 'unit.update' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true }) entityId: string | null;
  @ApiProperty({ nullable: true, type: Object }) before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object }) after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true }) requestId: string | null;
  @ApiProperty({ nullable: true }) ip: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Null until sealed into the chain (within a second)',
  })
  hash: string | null;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ChainBreakView {
  @ApiProperty({ description: 'Row number' }) seq: string;
  @ApiProperty({ description: 'Position in the chain' }) chainSeq: string;
  @ApiProperty({ enum: ['hash', 'link', 'gap'] }) reason: 'hash' | 'link' | 'gap';
}

export class AuditVerification {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Rows sealed in the chain' }) rows: number;
  @ApiProperty({ description: 'Rows of transactions still running, not sealed yet' }) unsealed: number;
  @ApiProperty({ nullable: true }) lastSeq: string | null;
  @ApiProperty({
    nullable: true,
    description: 'Keep this elsewhere: it shows whether the end of the chain was cut off',
  })
  lastHash: string | null;
  @ApiProperty({ nullable: true, type: ChainBreakView }) firstBroken: ChainBreakView | null;
}
