import { Module } from '@nestjs/common';
import { AuditSealer } from './audit-sealer.js';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditSealer],
  exports: [AuditService],
})
export class AuditModule {}
