import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, atRoot, CurrentActor, inQuery } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import { Actor } from '../identity/access/actor.js';
import { AuditService } from './audit.service.js';
import { AuditPage, AuditQuery, AuditVerification } from './dto/audit.dto.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access(Action.AuditRead, inQuery('unitId'))
  @ApiOperation({
    summary: 'List the audit trail',
    description:
      "Every change, sign-in and sign-out in the caller's units, newest first: who, what, before and after.",
  })
  @ApiOkResponse({ type: AuditPage, description: 'A page of audit rows' })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQuery): Promise<AuditPage> {
    return this.audit.list(actor, query, actor.located.get('unitId')?.path);
  }

  /** The chain is one for the whole system, so only administrators at the root verify it. */
  @Get('verify')
  @Access(Action.AuditRead, atRoot())
  @ApiOperation({
    summary: 'Verify the audit chain',
    description:
      'Walks the whole hash chain (administrators at the root only). Keep `lastHash` elsewhere now and then: ' +
      'it shows whether the end of the chain was cut off.',
  })
  @ApiOkResponse({ type: AuditVerification, description: 'Whether the chain holds, and where it breaks' })
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
