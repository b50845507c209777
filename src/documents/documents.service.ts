import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { copyRows } from '../database/copy.js';

export type DocumentKind = 'receipt' | 'certificate' | 'statement' | 'payment_list';

/**
 * The outbox of documents owed. A module asks for a document inside its own transaction, so the
 * request commits with the record or not at all; rendering (a later issue) picks `pending` rows.
 */
@Injectable()
export class DocumentsService {
  async requestLater(
    manager: EntityManager,
    document: { kind: DocumentKind; subjectId: string; unitId: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO documents (id, kind, subject_id, unit_id, status) VALUES ($1, $2, $3, $4, 'pending')
       ON CONFLICT (kind, subject_id) DO NOTHING`,
      [randomUUID(), document.kind, document.subjectId, document.unitId],
    );
  }

  /** The same for many subjects of one unit, in one statement. */
  async requestManyLater(manager: EntityManager, kind: DocumentKind, unitId: string, subjectIds: string[]) {
    // New subjects only (they were just created), so a plain COPY cannot meet a duplicate.
    await copyRows(
      manager,
      `COPY documents (id, kind, subject_id, unit_id, status) FROM STDIN`,
      subjectIds.map((subjectId) => [randomUUID(), kind, subjectId, unitId, 'pending']),
    );
  }
}
