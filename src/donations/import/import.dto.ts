import { ApiProperty } from '@nestjs/swagger';
import type { ImportProblem } from '../entities/donation-import.entity.js';

export class ImportProblemView {
  @ApiProperty({ description: 'Số dòng trong tệp (1 = dòng tiêu đề; 0 = cả tệp)' }) row: number;
  @ApiProperty({ nullable: true, type: String, description: 'Tên cột' }) column: string | null;
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ImportReport {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['invalid', 'valid', 'committed'] }) status: 'invalid' | 'valid' | 'committed';
  @ApiProperty() fundId: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'Số dòng dữ liệu đọc được' }) rows: number;
  @ApiProperty({ description: 'Tổng tiền các dòng hợp lệ' }) total: number;
  @ApiProperty() expectedCount: number;
  @ApiProperty() expectedTotal: number;
  @ApiProperty({ type: [ImportProblemView], description: 'Tối đa 1.000 lỗi đầu tiên' })
  problems: ImportProblem[];
  @ApiProperty() problemCount: number;
  @ApiProperty({ type: [ImportProblemView], description: 'Cảnh báo (không chặn): dòng trùng nhau' })
  warnings: ImportProblem[];
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) committedAt: Date | null;
}

export class ImportCommitView extends ImportReport {
  @ApiProperty({ description: 'Phiếu thu đầu tiên, vd 2026/000124' }) firstReceipt: string;
  @ApiProperty() lastReceipt: string;
}
