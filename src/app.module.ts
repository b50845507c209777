import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from './config/config.js';
import type { Runtime } from './bootstrap.js';
import { AdminModule } from './admin/admin.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { HealthModule } from './health/health.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AwardsModule } from './awards/awards.module.js';
import { DonationsModule } from './donations/donations.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { QUEUE_MODE } from './queue/queue-mode.js';
import { QueueModule } from './queue/queue.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { UnitsModule } from './units/units.module.js';
import { VerificationModule } from './verification/verification.module.js';
import { WebModule } from './web/web.module.js';

@Global()
@Module({})
class RuntimeModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: QUEUE_MODE, useValue: runtime.queueMode },
      ],
      exports: [APP_CONFIG, QUEUE_MODE],
    };
  }
}

@Module({})
export class AppModule {
  /** The application for one process; `runtime` carries what start-up resolved (database, queue, role). */
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        TypeOrmModule.forRootAsync({
          useFactory: () => runtime.dataSource.options,
          dataSourceFactory: async () => runtime.dataSource,
        }),
        QueueModule.forRoot(runtime.queueMode, runtime.role !== 'api'),
        HealthModule,
        AuditModule,
        IdentityModule,
        UnitsModule,
        LedgerModule,
        DonationsModule,
        AwardsModule,
        VerificationModule,
        JobsModule,
        AdminModule,
        ReportsModule,
        DashboardModule,
        WebModule,
      ],
    };
  }
}
