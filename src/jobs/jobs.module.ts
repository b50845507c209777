import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller.js';
import { JobLocator } from './jobs.locators.js';
import { JobsRepository } from './jobs.repository.js';
import { JobsService } from './jobs.service.js';

@Module({
  controllers: [JobsController],
  providers: [JobsService, JobsRepository, JobLocator],
  exports: [JobsService],
})
export class JobsModule {}
