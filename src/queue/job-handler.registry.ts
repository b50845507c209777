import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_HANDLER, JobHandler } from './job-handler.js';
import { JobName } from './queue.constants.js';

/** Finds every @HandlesJob provider at start-up and fails start-up if a job has none (or two). */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandler>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const name = wrapper.metatype
        ? (Reflect.getMetadata(JOB_HANDLER, wrapper.metatype) as JobName)
        : undefined;
      if (!name || !wrapper.instance) continue;
      if (this.handlers.has(name)) throw new Error(`Two handlers for job ${name}`);
      this.handlers.set(name, wrapper.instance as JobHandler);
    }
    const missing = Object.values(JobName).filter((name) => !this.handlers.has(name));
    if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  }

  get(name: string): JobHandler {
    const handler = this.handlers.get(name as JobName);
    if (!handler) throw new Error(`No handler for job ${name}`);
    return handler;
  }
}
