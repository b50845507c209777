import { ApiProperty } from '@nestjs/swagger';
import type { ImportProblem } from '../entities/donation-import.entity.js';

export class ImportProblemView {
  @ApiProperty({ description: 'Row of the file (1 is the heading row; 0 the whole file)' }) row: number;
  @ApiProperty({ nullable: true, type: String, description: 'Column heading' }) column: string | null;
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ImportReport {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['invalid', 'valid', 'committed'] }) status: 'invalid' | 'valid' | 'committed';
  @ApiProperty() fundId: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'Data rows read' }) rows: number;
  @ApiProperty({ description: 'Total of the valid rows, in đồng' }) total: number;
  @ApiProperty() expectedCount: number;
  @ApiProperty() expectedTotal: number;
  @ApiProperty({ type: [ImportProblemView], description: 'The first 1,000 problems at most' })
  problems: ImportProblem[];
  @ApiProperty() problemCount: number;
  @ApiProperty({
    type: [ImportProblemView],
    description: 'Warnings that do not block: rows that look like duplicates',
  })
  warnings: ImportProblem[];
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) committedAt: Date | null;
}

export class ImportCommitView extends ImportReport {
  @ApiProperty({
    example: '2026/000124',
    description: 'The first row\'s receipt, e.g. 2026/000124 (a transcribed paper receipt: "giấy 03/0045")',
  })
  firstReceipt: string;
  @ApiProperty({ example: '2026/000130', description: "The last row's receipt" }) lastReceipt: string;
}
