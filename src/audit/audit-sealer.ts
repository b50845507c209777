import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditService } from './audit.service.js';

const EVERY_MS = 1000;

/**
 * Chains new audit rows every second, in every process (the database lock makes them take
 * turns), so a row spends at most about a second unsealed.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly audit: AuditService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.audit
        .sealAll()
        .catch((error: unknown) => this.logger.warn(`sealing the audit chain failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
