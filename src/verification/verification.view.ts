import { ApiProperty } from '@nestjs/swagger';

class IssuingUnitView {
  @ApiProperty({ example: '13192', maxLength: 32 }) code: string;
  @ApiProperty({ example: 'Xã Vũ Thư', maxLength: 200 }) name: string;
}

/** The JSON of `GET /verify/:code` (VerificationResult), as the public sees it. */
export class VerificationView {
  @ApiProperty({ example: '7K2M-9QX4-HB3T', description: 'The code as printed' }) code: string;
  @ApiProperty({ description: 'Genuine and still in force' }) valid: boolean;
  @ApiProperty({ enum: ['valid', 'void'] }) status: 'valid' | 'void';
  @ApiProperty({ enum: ['receipt', 'certificate'] }) kind: 'receipt' | 'certificate';
  @ApiProperty({ example: 'Phiếu thu' }) title: string;
  @ApiProperty({ type: IssuingUnitView }) unit: IssuingUnitView;
  @ApiProperty({
    example: 'Quyển 2026, số 000123',
    description:
      'A receipt: "Quyển 2026, số 000123"; a transcribed paper one "Quyển 03, số 0045 (phiếu giấy)"',
  })
  number: string;
  @ApiProperty({ format: 'date', example: '2026-09-05' }) date: string;
  @ApiProperty({ example: 1250000, description: 'In đồng' }) amount: number;
  @ApiProperty({ example: 'Ủng hộ Quỹ khuyến học xã Vũ Thư' }) description: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: "A certificate's recipient, only where publication was agreed; never a donor",
  })
  recipientName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the PDF as issued; null until made' })
  sha256: string | null;
}
