import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReportUnitRef } from './fund-summary.view.js';

/** One fund's money in the year, as published: received, used, moved, held. */
export class DisclosureFund {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null ở dòng tổng' }) fundId:
    string | null;
  @ApiProperty() fundName: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: 'Số dư đầu năm' }) opening: number;
  @ApiProperty({ description: 'Tiền ủng hộ nhận trong năm, trừ các phiếu thu đã hủy' }) received: number;
  @ApiProperty({ description: 'Số dư chuyển từ sổ sách giấy trong năm' }) broughtIn: number;
  @ApiProperty({ description: 'Điều chuyển đến (ở dòng tổng: từ ngoài phạm vi)' }) transfersIn: number;
  @ApiProperty({ description: 'Điều chuyển đi (ở dòng tổng: ra ngoài phạm vi)' }) transfersOut: number;
  @ApiProperty({ description: 'Chi học bổng, phần thưởng trong năm, trừ tiền bị trả lại' }) used: number;
  @ApiProperty({ description: 'Biến động khác' }) otherAdjustments: number;
  @ApiProperty({ description: 'Số dư cuối năm' }) closing: number;
  @ApiProperty({ description: 'Đầu năm + nhận + chuyển đến + khác − chi − chuyển đi = cuối năm' })
  balanced: boolean;
}

export class DisclosureDonorKind {
  @ApiProperty({ enum: ['individuals', 'familiesAndClans', 'enterprises', 'organisations', 'anonymous'] })
  kind: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Tổng tiền ủng hộ trong năm, trừ các phiếu thu đã hủy' }) amount: number;
}

export class DisclosurePayment {
  @ApiProperty() paidOn: string;
  @ApiProperty() unitName: string;
  @ApiProperty() fundName: string;
  @ApiProperty() roundTitle: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['student', 'teacher', 'worker', 'worker_child'] }) recipientType: string;
  @ApiProperty() amount: number;
  @ApiProperty({ description: 'Tên người nhận, hoặc "(không công bố)" khi không được phép công bố' })
  recipient: string;
  @ApiProperty({ description: 'Tiền đã bị trả lại trước cuối năm (không tính vào tổng chi của danh sách)' })
  returned: boolean;
}

/** The yearly public disclosure: no donor's personal data, recipients' names only where permitted. */
export class DisclosureReport {
  @ApiProperty({ type: ReportUnitRef }) unit: ReportUnitRef;
  @ApiProperty() year: number;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [DisclosureFund] }) funds: DisclosureFund[];
  @ApiProperty({ type: DisclosureFund }) total: DisclosureFund;
  @ApiProperty({ type: [DisclosureDonorKind] }) donors: DisclosureDonorKind[];
  @ApiProperty({ type: [DisclosurePayment] }) payments: DisclosurePayment[];
  @ApiProperty({ description: 'Tổng các khoản chi trong danh sách chưa bị trả lại' }) paymentsTotal: number;
  @ApiProperty({ type: [String] }) notes: string[];
}
