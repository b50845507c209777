import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/page.js';
import { IsIsoDay } from '../../common/validation.js';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Chỉ đơn vị này và các đơn vị trực thuộc' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'Loại đối tượng: unit, user, role, session, …' })
  @IsOptional()
  @MaxLength(32)
  @IsString()
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(64)
  @IsString()
  entityId?: string;

  @ApiPropertyOptional({ example: 'auth.login_failed' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  action?: string;

  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @IsIsoDay()
  to?: string;
}

export class AuditEntryView {
  @ApiProperty({ description: 'Mã dòng' }) seq: string;
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
  @ApiProperty({ nullable: true, type: String, description: 'Null cho đến khi được niêm phong (≤ 1 giây)' })
  hash: string | null;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ChainBreakView {
  @ApiProperty({ description: 'Mã dòng nhật ký' }) seq: string;
  @ApiProperty({ description: 'Vị trí trong chuỗi' }) chainSeq: string;
  @ApiProperty({ enum: ['hash', 'link', 'gap'] }) reason: 'hash' | 'link' | 'gap';
}

export class AuditVerification {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Số dòng đã niêm phong trong chuỗi' }) rows: number;
  @ApiProperty({ description: 'Dòng của các giao dịch chưa kết thúc, chưa niêm phong' }) unsealed: number;
  @ApiProperty({ nullable: true }) lastSeq: string | null;
  @ApiProperty({
    nullable: true,
    description: 'Lưu giá trị này ở nơi khác để phát hiện việc cắt bỏ đuôi chuỗi',
  })
  lastHash: string | null;
  @ApiProperty({ nullable: true, type: ChainBreakView }) firstBroken: ChainBreakView | null;
}
