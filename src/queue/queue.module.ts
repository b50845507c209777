import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullmqJobQueue } from './bullmq-job-queue.js';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { JobQueue } from './job-queue.js';
import { QueueMode } from './queue-mode.js';
import { QueueName } from './queue.constants.js';
import { QUEUE_WORKERS } from './queue-workers.js';
import { SyncJobQueue } from './sync-job-queue.js';

/**
 * Wires the job queue for the chosen driver. `consume` adds the BullMQ workers (roles
 * `worker` and `all`); the in-process driver always runs jobs where they are enqueued.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(mode: QueueMode, consume: boolean): DynamicModule {
    const common: Provider[] = [JobHandlerRegistry];
    if (mode.driver === 'in-process') {
      return {
        module: QueueModule,
        imports: [DiscoveryModule],
        providers: [...common, SyncJobQueue, { provide: JobQueue, useExisting: SyncJobQueue }],
        exports: [JobQueue],
      };
    }
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        // Workers block on Redis: they must wait for it rather than give up (maxRetriesPerRequest: null).
        BullModule.forRoot({
          connection: { url: mode.redisUrl, maxRetriesPerRequest: null },
          prefix: mode.prefix,
        }),
        ...Object.values(QueueName).map((name) => BullModule.registerQueue({ name })),
      ],
      providers: [
        ...common,
        BullmqJobQueue,
        { provide: JobQueue, useExisting: BullmqJobQueue },
        ...(consume ? QUEUE_WORKERS : []),
      ],
      exports: [JobQueue],
    };
  }
}
