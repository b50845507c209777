import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../identity/access/actor.js';
import { InKindIssueDto, InKindIssueView } from './dto/fund.dto.js';
import { IdempotencyService, IdempotentRequest, Outcome } from './idempotency.js';
import { LedgerError, LedgerErrorCode } from './ledger.errors.js';
import { LedgerService, notInFuture } from './ledger.service.js';

/** Goods given to a fund and handed out (xuất hiện vật): their value, apart from the fund's cash. */
@Injectable()
export class InKindService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
  ) {}

  issue(
    actor: Actor,
    idem: IdempotentRequest,
    fundId: string,
    dto: InKindIssueDto,
  ): Promise<Outcome<InKindIssueView>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      notInFuture(dto.issuedOn, 'issuedOn');
      const fund = await this.ledger.findFund(fundId, manager);
      if (!fund)
        throw new LedgerError(LedgerErrorCode.FundNotFound, [{ field: 'id', message: 'không tìm thấy' }]);
      const entryId = await this.ledger.issueInKind(manager, actor, {
        fundId,
        unitId: fund.unitId,
        amount: dto.amount,
        valueDate: dto.issuedOn,
        description: `Xuất hiện vật: ${dto.description} — cho ${dto.recipient}`,
      });
      const after = (await this.ledger.findFund(fundId, manager))!;
      const body: InKindIssueView = {
        id: entryId,
        entryId,
        fundId,
        amount: dto.amount,
        issuedOn: dto.issuedOn,
        description: dto.description,
        recipient: dto.recipient,
        inKind: after.inKind,
      };
      await this.audit.record(manager, actor, {
        action: 'ledger.in_kind_issue',
        entityType: 'entry',
        entityId: entryId,
        unitId: fund.unitId,
        after: { ...body },
      });
      return { status: 201, body };
    });
  }
}
