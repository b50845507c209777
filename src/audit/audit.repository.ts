import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditContext, AuditRecord } from './audit.types.js';

export interface AuditFilter {
  /** Unit paths the caller may read; rows without a unit need the root among them. */
  scope: string[];
  includeUnitless: boolean;
  unitPath?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export interface AuditRow {
  seq: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  unitName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

export interface ChainBreak {
  /** The row's id. */
  seq: string;
  /** Its place in the chain. */
  chainSeq: string;
  reason: 'hash' | 'link' | 'gap';
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends one row; the database trigger numbers and chains it. */
  async append(manager: EntityManager, ctx: AuditContext, record: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_name, unit_id, action, entity_type, entity_id, before, after, request_id, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        ctx.actorId,
        ctx.actorName?.slice(0, 64) ?? null,
        record.unitId ?? null,
        record.action,
        record.entityType,
        record.entityId ?? null,
        record.before ? JSON.stringify(record.before) : null,
        record.after ? JSON.stringify(record.after) : null,
        ctx.requestId?.slice(0, 64) ?? null,
        ctx.ip?.slice(0, 64) ?? null,
      ],
    );
  }

  async list(filter: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const inScope = `un.path LIKE ANY(${param(filter.scope.map((p) => `${p}%`))})`;
    where.push(filter.includeUnitless ? `(a.unit_id IS NULL OR ${inScope})` : inScope);
    if (filter.unitPath) where.push(`un.path LIKE ${param(`${filter.unitPath}%`)}`);
    if (filter.entityType) where.push(`a.entity_type = ${param(filter.entityType)}`);
    if (filter.entityId) where.push(`a.entity_id = ${param(filter.entityId)}`);
    if (filter.action) where.push(`a.action = ${param(filter.action)}`);
    // Days are Vietnamese calendar days.
    if (filter.from)
      where.push(`a.at >= (${param(filter.from)}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
    if (filter.to)
      where.push(`a.at < ((${param(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`);
    const from = `FROM audit_log a LEFT JOIN units un ON un.id = a.unit_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params);
    const items = await this.dataSource.query(
      `SELECT a.seq, a.at, a.actor_id AS "actorId", a.actor_name AS "actorName", a.unit_id AS "unitId",
              un.name AS "unitName", a.action, a.entity_type AS "entityType", a.entity_id AS "entityId",
              a.before, a.after, a.request_id AS "requestId", a.ip, a.hash
         ${from} ORDER BY a.seq DESC OFFSET ${param(filter.offset)} LIMIT ${param(filter.limit)}`,
      params,
    );
    return { items, total };
  }

  /** Chains committed rows not yet in the chain, up to `max`; returns how many it sealed. */
  async seal(max = 5000): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT audit_log_seal($1) AS sealed`, [max]);
    return row.sealed;
  }

  /** The first sealed row whose hash, link to its predecessor, or place in the chain is wrong. */
  async firstBreak(): Promise<ChainBreak | null> {
    const [row] = await this.dataSource.query(
      `SELECT seq::text, chain_seq::text AS "chainSeq",
              CASE WHEN chain_seq <> n THEN 'gap' WHEN prev_hash IS DISTINCT FROM prev THEN 'link' ELSE 'hash' END AS reason
         FROM (SELECT a.seq, a.chain_seq, a.hash, a.prev_hash, audit_log_hash(a) AS expected,
                      lag(a.hash) OVER (ORDER BY a.chain_seq) AS prev, row_number() OVER (ORDER BY a.chain_seq) AS n
                 FROM audit_log a WHERE a.chain_seq IS NOT NULL) x
        WHERE hash IS DISTINCT FROM expected OR prev_hash IS DISTINCT FROM prev OR chain_seq <> n
        ORDER BY chain_seq LIMIT 1`,
    );
    return row ?? null;
  }

  async head(): Promise<{ rows: number; unsealed: number; lastSeq: string | null; lastHash: string | null }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM audit_log WHERE chain_seq IS NOT NULL) AS rows,
              (SELECT count(*)::int FROM audit_log WHERE chain_seq IS NULL) AS unsealed,
              chain_seq::text AS "lastSeq", hash AS "lastHash"
         FROM (SELECT 1) one
         LEFT JOIN (SELECT chain_seq, hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1) last
           ON true`,
    );
    return row;
  }
}
