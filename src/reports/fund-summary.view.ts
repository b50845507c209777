import { ApiProperty } from '@nestjs/swagger';

/** Money from donors by kind, grouped as the reports print them (đồng). */
export class DonorKindAmounts {
  @ApiProperty({ description: 'Cá nhân' }) individuals: number;
  @ApiProperty({ description: 'Gia đình, dòng họ' }) familiesAndClans: number;
  @ApiProperty({ description: 'Doanh nghiệp' }) enterprises: number;
  @ApiProperty({ description: 'Cơ quan, tổ chức' }) organisations: number;
  @ApiProperty({ description: 'Ẩn danh' }) anonymous: number;
  @ApiProperty() total: number;
}

/** Money paid to recipients by the award category's recipient type (đồng). */
export class RecipientAmounts {
  @ApiProperty({ description: 'Học sinh, sinh viên' }) students: number;
  @ApiProperty({ description: 'Giáo viên' }) teachers: number;
  @ApiProperty({ description: 'Công nhân lao động' }) workers: number;
  @ApiProperty({ description: 'Con công nhân lao động' }) workersChildren: number;
  @ApiProperty() total: number;
}

export class TransferAmounts {
  @ApiProperty({ description: 'Với quỹ của một đơn vị trong phạm vi báo cáo (triệt tiêu nhau ở dòng tổng)' })
  internal: number;
  @ApiProperty({ description: 'Với quỹ của đơn vị ngoài phạm vi báo cáo' }) external: number;
  @ApiProperty() total: number;
}

export class ReservedAmounts {
  @ApiProperty({ description: 'Đang dành cho các đợt xét cuối ngày trước `from`' }) atStart: number;
  @ApiProperty({ description: 'Đang dành cho các đợt xét cuối ngày `to`' }) atEnd: number;
  @ApiProperty() change: number;
}

export class IdentityCheck {
  @ApiProperty({ description: 'true khi đầu kỳ + thu − chi = cuối kỳ' }) holds: boolean;
  @ApiProperty({ description: 'Cuối kỳ − (đầu kỳ + thu − chi); phải bằng 0' }) difference: number;
  @ApiProperty() text: string;
}

/** One fund's figures, or the subtree's total. Every amount is a whole number of đồng. */
export class FundFigures {
  @ApiProperty({ description: 'Số dư cuối ngày trước `from`' }) opening: number;
  @ApiProperty({
    type: DonorKindAmounts,
    description: 'Tiền ủng hộ nhận trong kỳ (kể cả khoản sau đó bị hủy)',
  })
  raised: DonorKindAmounts;
  @ApiProperty({ type: DonorKindAmounts, description: 'Phiếu thu bị hủy trong kỳ (ghi giảm thu)' })
  voided: DonorKindAmounts;
  @ApiProperty({ description: 'raised.total − voided.total' }) raisedNet: number;
  @ApiProperty({ description: 'Số dư chuyển từ sổ sách giấy, ghi trong kỳ (trừ các bút toán đảo)' })
  broughtIn: number;
  @ApiProperty({ type: TransferAmounts }) transfersIn: TransferAmounts;
  @ApiProperty({ type: TransferAmounts }) transfersOut: TransferAmounts;
  @ApiProperty({ type: RecipientAmounts, description: 'Chi trả học bổng, phần thưởng trong kỳ' })
  paidOut: RecipientAmounts;
  @ApiProperty({ type: RecipientAmounts, description: 'Tiền chi bị trả lại trong kỳ (ghi giảm chi)' })
  returned: RecipientAmounts;
  @ApiProperty({ description: 'paidOut.total − returned.total' }) paidOutNet: number;
  @ApiProperty({ description: 'Biến động khác của quỹ (thường bằng 0)' }) otherAdjustments: number;
  @ApiProperty({
    description:
      'Tổng thu = raisedNet + broughtIn + điều chuyển đến + otherAdjustments (ở dòng tổng: chỉ điều chuyển từ ngoài phạm vi)',
  })
  moneyIn: number;
  @ApiProperty({
    description: 'Tổng chi = paidOutNet + điều chuyển đi (ở dòng tổng: chỉ điều chuyển ra ngoài phạm vi)',
  })
  moneyOut: number;
  @ApiProperty({ description: 'Số dư cuối ngày `to`' }) closing: number;
  @ApiProperty({
    type: ReservedAmounts,
    description: 'Phần số dư dành cho các đợt xét (không phải khoản chi)',
  })
  reserved: ReservedAmounts;
  @ApiProperty({ description: 'closing − reserved.atEnd' }) available: number;
  @ApiProperty({ type: IdentityCheck }) identity: IdentityCheck;
}

export class FundSummaryFund extends FundFigures {
  @ApiProperty() fundId: string;
  @ApiProperty() fundName: string;
  @ApiProperty() fundKind: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
}

export class ReportUnitRef {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class FundSummaryReport {
  @ApiProperty({ type: ReportUnitRef }) unit: ReportUnitRef;
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ type: [FundSummaryFund] }) funds: FundSummaryFund[];
  @ApiProperty({ type: FundFigures, description: 'Cả phạm vi báo cáo' }) total: FundFigures;
  @ApiProperty({ type: [String], description: 'Cách trình bày các dòng' }) notes: string[];
}
