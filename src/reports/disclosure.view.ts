import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReportUnitRef } from './fund-summary.view.js';

/** One fund's money in the year, as published: received, used, moved, held. */
export class DisclosureFund {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null on the total line' }) fundId:
    string | null;
  @ApiProperty() fundName: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: 'Balance at the start of the year' }) opening: number;
  @ApiProperty({ description: 'Gifts received in the year, less voided receipts' }) received: number;
  @ApiProperty({ description: 'Balances brought in from paper books during the year' }) broughtIn: number;
  @ApiProperty({ description: 'Transfers in (on the total line: from outside the scope)' })
  transfersIn: number;
  @ApiProperty({ description: 'Transfers out (on the total line: to outside the scope)' })
  transfersOut: number;
  @ApiProperty({
    description: 'Award payments in the year, less returned payments, plus goods handed out (handedOut)',
  })
  used: number;
  @ApiProperty({ description: 'Of used: goods handed out (in kind, at their value)' }) handedOut: number;
  @ApiProperty({ description: 'Other changes' }) otherAdjustments: number;
  @ApiProperty({ description: 'Balance at the end of the year: cash and the value of goods held' })
  closing: number;
  @ApiProperty({ description: 'Of closing: the value of in-kind gifts held (goods not yet handed out)' })
  inKind: number;
  @ApiProperty({ description: 'Opening + received + transfers in + other − used − transfers out = closing' })
  balanced: boolean;
}

export class DisclosureDonorKind {
  @ApiProperty({ enum: ['individuals', 'familiesAndClans', 'enterprises', 'organisations', 'anonymous'] })
  kind: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'Gifts of the year, less voided receipts' }) amount: number;
}

export class DisclosurePayment {
  @ApiProperty() paidOn: string;
  @ApiProperty() unitName: string;
  @ApiProperty() fundName: string;
  @ApiProperty() roundTitle: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['student', 'teacher', 'worker', 'worker_child'] }) recipientType: string;
  @ApiProperty() amount: number;
  @ApiProperty({ description: `The recipient's name, or "(không công bố)" where publication was not agreed` })
  recipient: string;
  @ApiProperty({ description: "Returned before the end of the year (not counted in the list's total)" })
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
  @ApiProperty({ description: 'Total of the listed payments not returned' }) paymentsTotal: number;
  @ApiProperty({ type: [String] }) notes: string[];
}
