import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: AuditPage })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQuery): Promise<AuditPage> {
    return this.audit.list(actor, query, actor.located.get('unitId')?.path);
  }

  /** The chain is one for the whole system, so only administrators at the root verify it. */
  @Get('verify')
  @Access(Action.AuditRead, atRoot())
  @ApiOkResponse({ type: AuditVerification })
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
