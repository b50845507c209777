import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { AdminAuthService } from './admin-auth.service.js';
import { AdminController } from './admin.controller.js';
import { QueueBoard } from './queue-board.js';

/** Pages for the system's administrators: sign-in by cookie, and the queue dashboard (QueueBoard). */
@Module({
  imports: [IdentityModule],
  controllers: [AdminController],
  providers: [AdminAuthService, QueueBoard],
})
export class AdminModule {}
