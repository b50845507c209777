import { ApiProperty } from '@nestjs/swagger';

/** Money from donors by kind, grouped as the reports print them (đồng). */
export class DonorKindAmounts {
  @ApiProperty({ description: 'Individuals' }) individuals: number;
  @ApiProperty({ description: 'Families and clans' }) familiesAndClans: number;
  @ApiProperty({ description: 'Enterprises' }) enterprises: number;
  @ApiProperty({ description: 'Agencies and organisations' }) organisations: number;
  @ApiProperty({ description: 'Anonymous donors' }) anonymous: number;
  @ApiProperty() total: number;
}

/** Money paid to recipients by the award category's recipient type (đồng). */
export class RecipientAmounts {
  @ApiProperty({ description: 'Students' }) students: number;
  @ApiProperty({ description: 'Teachers' }) teachers: number;
  @ApiProperty({ description: 'Workers' }) workers: number;
  @ApiProperty({ description: "Workers' children" }) workersChildren: number;
  @ApiProperty() total: number;
}

export class TransferAmounts {
  @ApiProperty({
    description: "With funds of units inside the report's scope (they cancel out on the total line)",
  })
  internal: number;
  @ApiProperty({ description: "With funds of units outside the report's scope" }) external: number;
  @ApiProperty() total: number;
}

export class ReservedAmounts {
  @ApiProperty({ description: 'Reserved by award rounds at the end of the day before `from`' })
  atStart: number;
  @ApiProperty({ description: 'Reserved by award rounds at the end of `to`' }) atEnd: number;
  @ApiProperty() change: number;
}

export class InKindAmounts {
  @ApiProperty({ description: 'Value of in-kind gifts held at the end of the day before `from`' })
  atStart: number;
  @ApiProperty({ description: 'Value of in-kind gifts held at the end of `to`' }) atEnd: number;
  @ApiProperty() change: number;
}

export class IdentityCheck {
  @ApiProperty({ description: 'true when opening + in − out = closing' }) holds: boolean;
  @ApiProperty({ description: 'Closing − (opening + in − out); must be 0' }) difference: number;
  @ApiProperty() text: string;
}

/** One fund's figures, or the subtree's total. Every amount is a whole number of đồng. */
export class FundFigures {
  @ApiProperty({ description: 'Balance at the end of the day before `from`' }) opening: number;
  @ApiProperty({
    type: DonorKindAmounts,
    description: 'Gifts received in the period (including those voided later)',
  })
  raised: DonorKindAmounts;
  @ApiProperty({
    type: DonorKindAmounts,
    description: 'Receipts voided in the period (taken off the money raised)',
  })
  voided: DonorKindAmounts;
  @ApiProperty({ description: 'raised.total − voided.total' }) raisedNet: number;
  @ApiProperty({ description: 'Balances brought in from paper books in the period (less reversals)' })
  broughtIn: number;
  @ApiProperty({ type: TransferAmounts }) transfersIn: TransferAmounts;
  @ApiProperty({ type: TransferAmounts }) transfersOut: TransferAmounts;
  @ApiProperty({ type: RecipientAmounts, description: 'Award payments in the period' })
  paidOut: RecipientAmounts;
  @ApiProperty({
    type: RecipientAmounts,
    description: 'Payments returned in the period (taken off the money paid)',
  })
  returned: RecipientAmounts;
  @ApiProperty({ description: 'paidOut.total − returned.total' }) paidOutNet: number;
  @ApiProperty({
    description: 'Of raisedNet: gifts in kind (goods, at their value), kept apart from the cash',
    example: 3050000,
  })
  inKindReceived: number;
  @ApiProperty({
    description: 'Goods handed out in the period (xuất hiện vật), at their value; part of moneyOut',
    example: 1525000,
  })
  handedOut: number;
  @ApiProperty({ description: 'Other changes of the funds (usually 0)' }) otherAdjustments: number;
  @ApiProperty({
    description:
      'Tổng thu = raisedNet + broughtIn + điều chuyển đến + otherAdjustments (ở dòng tổng: chỉ điều chuyển từ ngoài phạm vi)',
  })
  moneyIn: number;
  @ApiProperty({
    description:
      'Money out = paidOutNet + transfers out (on the total line: only those leaving the scope) + handedOut',
  })
  moneyOut: number;
  @ApiProperty({ description: 'Balance at the end of `to`: cash plus the value of in-kind gifts held' })
  closing: number;
  @ApiProperty({ type: InKindAmounts, description: 'Part of the balance held as goods (in kind), not cash' })
  inKind: InKindAmounts;
  @ApiProperty({ description: 'closing − inKind.atEnd: the cash' }) cash: number;
  @ApiProperty({
    type: ReservedAmounts,
    description: 'Part of the balance reserved by award rounds (not spent)',
  })
  reserved: ReservedAmounts;
  @ApiProperty({ description: 'cash − reserved.atEnd: cash free to reserve or transfer' }) available: number;
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
  @ApiProperty({ type: FundFigures, description: "The report's whole scope" }) total: FundFigures;
  @ApiProperty({ type: [String], description: 'How the lines are built' }) notes: string[];
}
