import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentKind, DocumentsService, RENDER_JOBS } from './documents.service.js';

/**
 * Queues again the documents still pending after a minute: Redis was down at commit, the process
 * died between commit and enqueue, or an import or a signed list wrote many at once.
 */
@Injectable()
export class DocumentsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Documents');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly documents: DocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.documentSweepSeconds) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((error: unknown) => this.logger.warn(`sweeping pending documents failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.config.documentSweepSeconds * 1000);
    this.timer.unref();
  }

  async sweep(): Promise<number> {
    let queued = 0;
    for (const kind of Object.keys(RENDER_JOBS) as DocumentKind[]) {
      for (const { subjectId, revision } of await this.documents.pending(
        kind,
        this.config.documentSweepAfterSeconds,
        500,
      )) {
        await this.documents.renderLater(kind, subjectId, revision);
        queued++;
      }
    }
    return queued;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
