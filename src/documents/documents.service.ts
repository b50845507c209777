import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { copyRows } from '../database/copy.js';
import { JobQueue } from '../queue/job-queue.js';
import { JobName } from '../queue/queue.constants.js';
import { jobFailed } from '../jobs/jobs.errors.js';
import { DocumentRecord } from './entities/document.entity.js';

export type DocumentKind = 'receipt' | 'certificate' | 'statement' | 'payment_list';

/** How each kind of issued document is rendered: its job and the job's data. */
export const RENDER_JOBS: Partial<Record<DocumentKind, { job: JobName; data: (id: string) => object }>> = {
  receipt: { job: JobName.RenderReceipt, data: (id) => ({ donationId: id }) },
  certificate: { job: JobName.RenderCertificate, data: (id) => ({ awardId: id }) },
};

/** What a downloader is told when a document's render failed for good. */
const RENDER_FAILED: Record<DocumentKind, string> = {
  receipt:
    'không tạo được tệp PDF của phiếu thu sau nhiều lần thử. Quản trị viên chạy lại tác vụ tại /admin/queues.',
  certificate:
    'không tạo được tệp PDF của giấy chứng nhận sau nhiều lần thử. Quản trị viên chạy lại tác vụ tại /admin/queues.',
  statement: 'không tạo được tệp PDF của bảng kê sau nhiều lần thử.',
  payment_list: 'không tạo được tệp PDF của danh sách chi trả sau nhiều lần thử.',
};

/**
 * The outbox of documents owed, and where rendered ones are kept. A module asks for a document
 * inside its own transaction, so the request commits with the record or not at all; a job renders
 * it and stores the file with its SHA-256; a sweep queues again what stayed pending.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Owed: a new document, or again one whose content changed (an award paid again). */
  async requestLater(
    manager: EntityManager,
    document: { kind: DocumentKind; subjectId: string; unitId: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO documents (id, kind, subject_id, unit_id, status) VALUES ($1, $2, $3, $4, 'pending')
       ON CONFLICT (kind, subject_id)
       DO UPDATE SET status = 'pending', sha256 = NULL, error = NULL, revision = documents.revision + 1`,
      [randomUUID(), document.kind, document.subjectId, document.unitId],
    );
  }

  /** The same for many new subjects of one unit (an import's donations), in one COPY. */
  async requestManyLater(manager: EntityManager, kind: DocumentKind, unitId: string, subjectIds: string[]) {
    await copyRows(
      manager,
      `COPY documents (id, kind, subject_id, unit_id, status) FROM STDIN`,
      subjectIds.map((subjectId) => [randomUUID(), kind, subjectId, unitId, 'pending']),
    );
  }

  /** The same for many subjects some of which may have had one before (awards paid again). */
  async requestManyAgain(manager: EntityManager, kind: DocumentKind, unitId: string, subjectIds: string[]) {
    await manager.query(
      `INSERT INTO documents (id, kind, subject_id, unit_id, status)
       SELECT gen_random_uuid(), $1, s, $2, 'pending' FROM unnest($3::uuid[]) s
       ON CONFLICT (kind, subject_id)
       DO UPDATE SET status = 'pending', sha256 = NULL, error = NULL, revision = documents.revision + 1`,
      [kind, unitId, subjectIds],
    );
  }

  /** The record changed what the document shows (a void, a returned payment): it is owed again. */
  async requestAgain(manager: EntityManager, kind: DocumentKind, subjectId: string): Promise<void> {
    await manager.query(
      `UPDATE documents SET status = 'pending', sha256 = NULL, error = NULL, revision = revision + 1
        WHERE kind = $1 AND subject_id = $2`,
      [kind, subjectId],
    );
  }

  /**
   * Queues the rendering of a document's current revision (after the commit that asked for it).
   * The job id names the revision (`receipt-<id>-2`), so repeats are harmless and a finished
   * job kept for the dashboard never hides the next revision. New documents are revision 0.
   */
  async renderLater(kind: DocumentKind, subjectId: string, revision?: number): Promise<void> {
    revision ??= (await this.find(kind, subjectId))?.revision;
    if (revision === undefined) return;
    const render = RENDER_JOBS[kind];
    if (!render) throw new Error(`no render job for ${kind}`);
    await this.jobs.enqueue(render.job, render.data(subjectId), {
      jobId: `${kind}-${subjectId}-${revision}`,
    });
  }

  find(kind: DocumentKind, subjectId: string): Promise<DocumentRecord | null> {
    return this.dataSource.manager.findOneBy(DocumentRecord, { kind, subjectId });
  }

  /** Where a rendered document's file is kept. */
  path(kind: DocumentKind, subjectId: string): string {
    return join(resolve(this.config.documentsDir), kind, `${subjectId}.pdf`);
  }

  /**
   * Keeps a rendered file (written whole, then renamed into place) and marks the document ready —
   * unless it was rendered from `revision` and the record has changed since: then a newer render
   * is owed and this one is dropped (false). The row's lock keeps two renders from crossing.
   */
  async store(kind: DocumentKind, subjectId: string, pdf: Buffer, revision?: number): Promise<boolean> {
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const target = this.path(kind, subjectId);
    await mkdir(join(resolve(this.config.documentsDir), kind), { recursive: true });
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `SELECT revision FROM documents WHERE kind = $1 AND subject_id = $2 FOR UPDATE`,
        [kind, subjectId],
      );
      if (!row || (revision !== undefined && row.revision !== revision)) return false;
      const temporary = `${target}.${randomUUID()}.tmp`;
      await writeFile(temporary, pdf);
      await rename(temporary, target);
      await manager.query(
        `UPDATE documents SET status = 'ready', sha256 = $3, error = NULL WHERE kind = $1 AND subject_id = $2`,
        [kind, subjectId, sha256],
      );
      return true;
    });
  }

  /**
   * Renders the document's current revision and stores it (a render job's whole work). When the
   * job's last attempt fails (`final`), the document is marked failed with a reason, so its
   * download answers 409 JOB_FAILED rather than "still being made" for ever; a retry of the job
   * (from /admin/queues) that succeeds stores it as usual.
   */
  async renderNow(
    kind: DocumentKind,
    subjectId: string,
    render: () => Promise<Buffer | null>,
    attempt?: { final: boolean },
  ): Promise<void> {
    const document = await this.find(kind, subjectId);
    if (!document || document.status === 'ready') return;
    try {
      const pdf = await render();
      if (pdf) await this.store(kind, subjectId, pdf, document.revision);
    } catch (error) {
      if (attempt?.final) await this.markFailed(kind, subjectId, document.revision);
      throw error;
    }
  }

  /** The render of `revision` failed for good; a newer revision (a void since) stays owed. */
  private async markFailed(kind: DocumentKind, subjectId: string, revision: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE documents SET status = 'failed', error = $4
        WHERE kind = $1 AND subject_id = $2 AND revision = $3 AND status = 'pending'`,
      [kind, subjectId, revision, RENDER_FAILED[kind]],
    );
  }

  /** The stored file, or null when it is missing. */
  async read(kind: DocumentKind, subjectId: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(kind, subjectId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /**
   * A ready document's bytes, or 'pending'; 409 JOB_FAILED when its render failed for good. A stored file that went missing is made again with
   * `remake` and served only if it is byte for byte the one issued (its SHA-256).
   */
  async fetch(
    kind: DocumentKind,
    subjectId: string,
    remake: () => Promise<Buffer | null>,
  ): Promise<Buffer | 'pending'> {
    const document = await this.find(kind, subjectId);
    if (document?.status === 'failed') throw jobFailed(document.error);
    if (!document || document.status !== 'ready') return 'pending';
    return (await this.read(kind, subjectId)) ?? this.remakeLost(document, remake);
  }

  /**
   * Makes sure the document's file is on disk: rendered and stored when still pending, made again
   * (and checked against its hash) when lost. False when there is nothing to render.
   */
  async ensure(
    kind: DocumentKind,
    subjectId: string,
    render: () => Promise<Buffer | null>,
  ): Promise<boolean> {
    const document = await this.find(kind, subjectId);
    if (document?.status === 'ready')
      return (await this.onDisk(kind, subjectId)) || (await this.remakeLost(document, render)) !== 'pending';
    const pdf = await render();
    return pdf !== null && (await this.store(kind, subjectId, pdf, document?.revision));
  }

  /** Whether the document's file is there, without reading it. */
  private async onDisk(kind: DocumentKind, subjectId: string): Promise<boolean> {
    try {
      await access(this.path(kind, subjectId));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** A ready document whose file went missing, made again: kept only if it is the one issued. */
  private async remakeLost(
    document: DocumentRecord,
    remake: () => Promise<Buffer | null>,
  ): Promise<Buffer | 'pending'> {
    const { kind, subjectId } = document;
    const again = await remake();
    const sha256 = again && createHash('sha256').update(again).digest('hex');
    if (!again || sha256 !== document.sha256)
      throw new Error(`${kind} ${subjectId} made again differs from the one issued (${document.sha256})`);
    // Stored only if the record has not changed meanwhile (a void): else the new revision is owed.
    return (await this.store(kind, subjectId, again, document.revision)) ? again : 'pending';
  }

  /** Documents of a kind still pending after `seconds`, oldest first, with their revision. */
  async pending(
    kind: DocumentKind,
    seconds: number,
    limit: number,
  ): Promise<{ subjectId: string; revision: number }[]> {
    return this.dataSource.query(
      `SELECT subject_id AS "subjectId", revision FROM documents
        WHERE status = 'pending' AND kind = $1 AND created_at < now() - make_interval(secs => $2)
        ORDER BY created_at LIMIT $3`,
      [kind, seconds, limit],
    );
  }
}
