import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { escapeLike, searchKey } from '../common/text.js';
import { copyRows } from '../database/copy.js';
import { locateBy, UnitLocation } from '../identity/access/locators.js';
import { AwardCategory, AwardRound, CommitteeMember, RoundStatus } from './entities/award-round.entity.js';
import {
  Award,
  AwardPayment,
  AwardPaymentReturn,
  AwardRevocation,
  type CertificateSnapshot,
} from './entities/award.entity.js';
import { Nomination, NominationRecusal } from './entities/nomination.entity.js';

export interface RoundFilter {
  scope: string[];
  unitPath?: string;
  status?: RoundStatus;
  offset: number;
  limit: number;
}

export interface Tally {
  approvals: number;
  rejections: number;
  abstentions: number;
  averageScore: number | null;
  recusals: number;
}

export type AwardStatus = 'approved' | 'paid' | 'revoked';

export interface AwardRow extends Award {
  status: AwardStatus;
  fullName: string;
  nominationUnitId: string;
  paymentId: string | null;
  paymentEntryId: string | null;
  paidOn: string | null;
}

/** Money of a round as its rows say: approved (not revoked), paid (not returned), revoked. */
export interface RoundMoney {
  allocated: number;
  paid: number;
  revoked: number;
  awards: number;
  unpaid: number;
}

const AWARD_STATUS = `CASE WHEN rv.award_id IS NOT NULL THEN 'revoked'
  WHEN p.id IS NOT NULL THEN 'paid' ELSE 'approved' END`;
// The award's payment that has not come back, if any.
const ACTIVE_PAYMENT = `LEFT JOIN LATERAL (
    SELECT ap.id, ap.entry_id, ap.paid_on FROM award_payments ap
     WHERE ap.award_id = a.id AND NOT EXISTS (SELECT 1 FROM award_payment_returns r WHERE r.payment_id = ap.id)
  ) p ON true
  LEFT JOIN award_revocations rv ON rv.award_id = a.id`;

/** Narrow queries over rounds, nominations, reviews and awards. */
@Injectable()
export class AwardsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // Where things sit, for the guard: everything of a round sits at the round's unit.

  locateRound(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT r.unit_id AS "unitId", u.path FROM award_rounds r JOIN units u ON u.id = r.unit_id WHERE r.id = $1`,
      id,
    );
  }

  locateNomination(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT r.unit_id AS "unitId", u.path FROM nominations n JOIN award_rounds r ON r.id = n.round_id
         JOIN units u ON u.id = r.unit_id WHERE n.id = $1`,
      id,
    );
  }

  locateAward(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT r.unit_id AS "unitId", u.path FROM awards a JOIN award_rounds r ON r.id = a.round_id
         JOIN units u ON u.id = r.unit_id WHERE a.id = $1`,
      id,
    );
  }

  // Rounds.

  async insertRound(
    manager: EntityManager,
    round: Omit<AwardRound, 'createdAt' | 'updatedAt'>,
    committee: CommitteeMember[],
    categories: AwardCategory[],
  ): Promise<void> {
    await manager.insert(AwardRound, round);
    await manager.insert(CommitteeMember, committee);
    await manager.insert(AwardCategory, categories);
  }

  findRound(id: string, manager: EntityManager = this.dataSource.manager): Promise<AwardRound | null> {
    return manager.findOneBy(AwardRound, { id });
  }

  /** The round's row, locked: transitions, decisions and payments of one round go one at a time. */
  lockRound(manager: EntityManager, id: string): Promise<AwardRound | null> {
    return manager
      .createQueryBuilder(AwardRound, 'r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  async updateRound(
    manager: EntityManager,
    id: string,
    change: Partial<
      Pick<
        AwardRound,
        | 'status'
        | 'reservationEntryId'
        | 'releaseEntryId'
        | 'decisionNumber'
        | 'decisionDate'
        | 'decidedBy'
        | 'decidedAt'
      >
    >,
  ): Promise<void> {
    await manager.update(AwardRound, { id }, change);
  }

  /** Rounds in the caller's subtrees, and the rounds above them that their units nominate into. */
  async listRounds(filter: RoundFilter): Promise<{ items: AwardRound[]; total: number }> {
    const params: unknown[] = [filter.scope.map((p) => `${p}%`), filter.scope];
    const where = [
      `(u.path LIKE ANY($1) OR EXISTS (SELECT 1 FROM unnest($2::text[]) s WHERE s LIKE u.path || '%'))`,
    ];
    if (filter.unitPath) where.push(`u.path LIKE $${params.push(`${filter.unitPath}%`)}`);
    if (filter.status) where.push(`r.status = $${params.push(filter.status)}`);
    const sql = `FROM award_rounds r JOIN units u ON u.id = r.unit_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${sql}`, params);
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT r.id ${sql} ORDER BY r.created_at DESC, r.id OFFSET $${params.push(filter.offset)} LIMIT $${params.push(filter.limit)}`,
      params,
    );
    const rounds = ids.length
      ? await this.dataSource.manager.findBy(
          AwardRound,
          ids.map((r) => ({ id: r.id })),
        )
      : [];
    const byId = new Map(rounds.map((r) => [r.id, r]));
    return { items: ids.map((r) => byId.get(r.id)!), total };
  }

  categories(roundId: string, manager: EntityManager = this.dataSource.manager): Promise<AwardCategory[]> {
    return manager.find(AwardCategory, { where: { roundId }, order: { position: 'ASC' } });
  }

  /**
   * The round's row under a shared lock, read again: work inside a round (nominations, votes,
   * payments) runs while its state holds; a transition, the decision or the close waits for it.
   * Always taken before an award's or a fund's row.
   */
  lockRoundShared(manager: EntityManager, id: string): Promise<AwardRound | null> {
    return manager
      .createQueryBuilder(AwardRound, 'r')
      .setLock('pessimistic_read')
      .where('r.id = :id', { id })
      .getOne();
  }

  /** Nominations into one round one at a time (quotas and duplicate checks see each other). */
  async serialiseNominations(manager: EntityManager, roundId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`nominations:${roundId}`]);
  }

  async roundOfAward(manager: EntityManager, id: string): Promise<string | null> {
    const [row] = await manager.query(`SELECT round_id FROM awards WHERE id = $1`, [id]);
    return row?.round_id ?? null;
  }

  committee(
    roundId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ userId: string; name: string; role: 'chair' | 'member' }[]> {
    return manager.query(
      `SELECT m.user_id AS "userId", u.display_name AS name, m.role
         FROM award_committee_members m JOIN users u ON u.id = m.user_id
        WHERE m.round_id = $1 ORDER BY m.role, u.display_name`,
      [roundId],
    );
  }

  /** Of these users, those holding the committee role at the unit or above it. */
  async committeeHolders(manager: EntityManager, unitId: string, userIds: string[]): Promise<Set<string>> {
    const rows: { userId: string }[] = await manager.query(
      `SELECT DISTINCT ra.user_id AS "userId"
         FROM role_assignments ra JOIN units g ON g.id = ra.unit_id JOIN units t ON t.id = $1
         JOIN users usr ON usr.id = ra.user_id AND usr.active
        WHERE ra.role = 'committee' AND ra.user_id = ANY($2::uuid[]) AND t.path LIKE g.path || '%'`,
      [unitId, userIds],
    );
    return new Set(rows.map((r) => r.userId));
  }

  async roundMoney(roundId: string, manager: EntityManager = this.dataSource.manager): Promise<RoundMoney> {
    const [row] = await manager.query(
      `SELECT coalesce(sum(a.amount) FILTER (WHERE rv.award_id IS NULL), 0)::text AS allocated,
              coalesce(sum(a.amount) FILTER (WHERE p.id IS NOT NULL), 0)::text AS paid,
              coalesce(sum(a.amount) FILTER (WHERE rv.award_id IS NOT NULL), 0)::text AS revoked,
              count(*)::int AS awards,
              count(*) FILTER (WHERE rv.award_id IS NULL AND p.id IS NULL)::int AS unpaid
         FROM awards a ${ACTIVE_PAYMENT} WHERE a.round_id = $1`,
      [roundId],
    );
    return {
      allocated: Number(row.allocated),
      paid: Number(row.paid),
      revoked: Number(row.revoked),
      awards: row.awards,
      unpaid: row.unpaid,
    };
  }

  // Nominations.

  async insertNomination(manager: EntityManager, nomination: Omit<Nomination, 'createdAt'>): Promise<void> {
    await manager.insert(Nomination, nomination);
  }

  findNomination(id: string, manager: EntityManager = this.dataSource.manager): Promise<Nomination | null> {
    return manager.findOneBy(Nomination, { id });
  }

  findNominations(manager: EntityManager, ids: string[]): Promise<Nomination[]> {
    return manager.findBy(Nomination, { id: In(ids) });
  }

  /** The unit has already nominated this person in the round (same name and birth date, or national id). */
  async nominatedByUnit(
    manager: EntityManager,
    roundId: string,
    unitId: string,
    person: { fullName: string; birthDate: string; nationalId?: string | null },
  ): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM nominations WHERE round_id = $1 AND unit_id = $2
          AND ((search_name = $3 AND birth_date = $4) OR ($5::text IS NOT NULL AND national_id = $5)) LIMIT 1`,
      [roundId, unitId, searchKey(person.fullName), person.birthDate, person.nationalId ?? null],
    );
    return rows.length > 0;
  }

  /** Nominations in the category from a sub-unit's whole subtree (its path a prefix), or from one unit. */
  async countNominationsFrom(
    manager: EntityManager,
    categoryId: string,
    from: { subtreePath: string } | { unitId: string },
  ): Promise<number> {
    const [{ n }] =
      'unitId' in from
        ? await manager.query(
            `SELECT count(*)::int AS n FROM nominations WHERE category_id = $1 AND unit_id = $2`,
            [categoryId, from.unitId],
          )
        : await manager.query(
            `SELECT count(*)::int AS n FROM nominations n JOIN units u ON u.id = n.unit_id
              WHERE n.category_id = $1 AND u.path LIKE $2`,
            [categoryId, `${from.subtreePath}%`],
          );
    return n;
  }

  /**
   * The first nomination of the same person in the round (by national id, or name, birth date and
   * school), as the root of its chain: every later one points at the same first nomination.
   */
  async samePerson(
    manager: EntityManager,
    roundId: string,
    person: { searchName: string; birthDate: string; school: string | null; nationalId: string | null },
  ): Promise<string | null> {
    const [row] = await manager.query(
      `SELECT coalesce(duplicate_of, id) AS id FROM nominations
        WHERE round_id = $1
          AND (($5::text IS NOT NULL AND national_id = $5)
               OR (search_name = $2 AND birth_date = $3 AND lower(coalesce(school, '')) = lower(coalesce($4, ''))))
        ORDER BY created_at, id LIMIT 1`,
      [roundId, person.searchName, person.birthDate, person.school, person.nationalId],
    );
    return row?.id ?? null;
  }

  /** Nominations of a round with their committee tallies (recused members left out). */
  async nominationsWithTallies(
    roundId: string,
    filter: { categoryId?: string; unitPaths?: string[]; q?: string; ids?: string[] },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<(Nomination & { tally: Tally; unitName: string })[]> {
    const params: unknown[] = [roundId];
    const where = ['n.round_id = $1'];
    if (filter.categoryId) where.push(`n.category_id = $${params.push(filter.categoryId)}`);
    if (filter.unitPaths)
      where.push(`nu.path LIKE ANY($${params.push(filter.unitPaths.map((p) => `${p}%`))})`);
    if (filter.ids) where.push(`n.id = ANY($${params.push(filter.ids)}::uuid[])`);
    if (filter.q) where.push(`n.search_name LIKE $${params.push(`%${escapeLike(filter.q)}%`)} ESCAPE '\\'`);
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT n.id, nu.name AS unit_name,
              count(v.member_id) FILTER (WHERE v.vote = 'approve')::int AS approvals,
              count(v.member_id) FILTER (WHERE v.vote = 'reject')::int AS rejections,
              count(v.member_id) FILTER (WHERE v.vote = 'abstain')::int AS abstentions,
              round(avg(v.score), 2)::text AS average_score,
              (SELECT count(*) FROM nomination_recusals x WHERE x.nomination_id = n.id)::int AS recusals
         FROM nominations n
         JOIN units nu ON nu.id = n.unit_id
         LEFT JOIN nomination_reviews v ON v.nomination_id = n.id
          AND EXISTS (SELECT 1 FROM award_committee_members m WHERE m.round_id = n.round_id AND m.user_id = v.member_id)
          AND NOT EXISTS (SELECT 1 FROM nomination_recusals x WHERE x.nomination_id = n.id AND x.member_id = v.member_id)
        WHERE ${where.join(' AND ')}
        GROUP BY n.id, nu.name`,
      params,
    );
    if (!rows.length) return [];
    const nominations = await manager.findBy(
      Nomination,
      rows.map((r) => ({ id: r.id as string })),
    );
    const byId = new Map(nominations.map((n) => [n.id, n]));
    return rows.map((r) => ({
      ...byId.get(r.id as string)!,
      unitName: r.unit_name as string,
      tally: {
        approvals: r.approvals as number,
        rejections: r.rejections as number,
        abstentions: r.abstentions as number,
        averageScore: r.average_score === null ? null : Number(r.average_score),
        recusals: r.recusals as number,
      },
    }));
  }

  /**
   * Awards from the same fund in the same year to these people (by national id, or name and
   * birth date), outside this round: shown to the committee, not refused.
   */
  async priorAwards(
    fundId: string,
    year: string,
    roundId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ key: string; nationalId: string | null; roundTitle: string; amount: number }[]> {
    const rows: { key: string; national_id: string | null; title: string; amount: string }[] =
      await manager.query(
        `SELECT n.search_name || '|' || n.birth_date::text AS key, n.national_id, r.title, a.amount::text AS amount
           FROM awards a JOIN nominations n ON n.id = a.nomination_id JOIN award_rounds r ON r.id = a.round_id
          WHERE r.fund_id = $1 AND r.id <> $3 AND substr(r.period, 1, 4) = $2
            AND NOT EXISTS (SELECT 1 FROM award_revocations rv WHERE rv.award_id = a.id)`,
        [fundId, year, roundId],
      );
    return rows.map((r) => ({
      key: r.key,
      nationalId: r.national_id,
      roundTitle: r.title,
      amount: Number(r.amount),
    }));
  }

  async upsertReview(
    manager: EntityManager,
    review: {
      nominationId: string;
      memberId: string;
      vote: string;
      score: number | null;
      comment: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO nomination_reviews (nomination_id, member_id, vote, score, comment) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (nomination_id, member_id) DO UPDATE
         SET vote = EXCLUDED.vote, score = EXCLUDED.score, comment = EXCLUDED.comment, updated_at = now()`,
      [review.nominationId, review.memberId, review.vote, review.score, review.comment],
    );
  }

  isRecused(manager: EntityManager, nominationId: string, memberId: string): Promise<boolean> {
    return manager.existsBy(NominationRecusal, { nominationId, memberId });
  }

  async insertRecusal(
    manager: EntityManager,
    recusal: { nominationId: string; memberId: string; reason: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO nomination_recusals (nomination_id, member_id, reason) VALUES ($1, $2, $3)
       ON CONFLICT (nomination_id, member_id) DO NOTHING`,
      [recusal.nominationId, recusal.memberId, recusal.reason],
    );
  }

  // Awards.

  async insertAwards(manager: EntityManager, awards: Omit<Award, 'createdAt'>[]): Promise<void> {
    for (let i = 0; i < awards.length; i += 1000) await manager.insert(Award, awards.slice(i, i + 1000));
  }

  /** The award's row, locked: its payments, returns and revocation go one at a time. */
  async lockAward(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT id FROM awards WHERE id = $1 FOR UPDATE`, [id]);
  }

  async awards(
    filter: { roundId?: string; ids?: string[] },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AwardRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.roundId) where.push(`a.round_id = $${params.push(filter.roundId)}`);
    if (filter.ids) where.push(`a.id = ANY($${params.push(filter.ids)}::uuid[])`);
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT a.id, a.round_id, a.category_id, a.nomination_id, a.amount::text AS amount, a.created_at,
              ${AWARD_STATUS} AS status, n.full_name, n.unit_id AS nomination_unit_id,
              p.id AS payment_id, p.entry_id AS payment_entry_id, p.paid_on
         FROM awards a JOIN nominations n ON n.id = a.nomination_id ${ACTIVE_PAYMENT}
        WHERE ${where.join(' AND ') || 'true'}
        ORDER BY a.category_id, n.search_name, a.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string,
      roundId: r.round_id as string,
      categoryId: r.category_id as string,
      nominationId: r.nomination_id as string,
      amount: Number(r.amount),
      createdAt: r.created_at as Date,
      status: r.status as AwardStatus,
      fullName: r.full_name as string,
      nominationUnitId: r.nomination_unit_id as string,
      paymentId: (r.payment_id as string | null) ?? null,
      paymentEntryId: (r.payment_entry_id as string | null) ?? null,
      paidOn: (r.paid_on as string | null) ?? null,
    }));
  }

  /** A round's awards with what the signature list prints, in category then name order. */
  paymentListRows(roundId: string): Promise<
    {
      id: string;
      fullName: string;
      birthDate: string;
      school: string | null;
      className: string | null;
      workplace: string | null;
      unitName: string;
      categoryName: string;
      amount: string;
      status: AwardStatus;
    }[]
  > {
    return this.dataSource.query(
      `SELECT a.id, n.full_name AS "fullName", n.birth_date AS "birthDate", n.school, n.class_name AS "className",
              n.workplace, nu.name AS "unitName", c.name AS "categoryName", a.amount::text AS amount,
              ${AWARD_STATUS} AS status
         FROM awards a JOIN nominations n ON n.id = a.nomination_id JOIN units nu ON nu.id = n.unit_id
         JOIN award_categories c ON c.id = a.category_id ${ACTIVE_PAYMENT}
        WHERE a.round_id = $1 AND rv.award_id IS NULL
        ORDER BY c.position, n.search_name, a.id`,
      [roundId],
    );
  }

  /** The round's awards paid and not returned or revoked: what has a certificate, in list order. */
  certifiedAwards(roundId: string): Promise<{ id: string; fullName: string }[]> {
    return this.dataSource.query(
      `SELECT a.id, n.full_name AS "fullName"
         FROM awards a JOIN nominations n ON n.id = a.nomination_id
         JOIN award_categories c ON c.id = a.category_id ${ACTIVE_PAYMENT}
        WHERE a.round_id = $1 AND rv.award_id IS NULL AND p.id IS NOT NULL
        ORDER BY c.position, n.search_name, a.id`,
      [roundId],
    );
  }

  /** Locks the awards' rows in id order (the order every path takes), then reads them. */
  async lockAwards(manager: EntityManager, ids: string[]): Promise<AwardRow[]> {
    await manager.query(`SELECT id FROM awards WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    return this.awards({ ids }, manager);
  }

  async paymentCounts(manager: EntityManager, ids: string[]): Promise<Map<string, number>> {
    const rows: { id: string; n: number }[] = await manager.query(
      `SELECT award_id AS id, count(*)::int AS n FROM award_payments WHERE award_id = ANY($1::uuid[]) GROUP BY 1`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  async insertPaymentsBulk(
    manager: EntityManager,
    payments: Omit<AwardPayment, 'createdAt'>[],
  ): Promise<void> {
    await copyRows(
      manager,
      `COPY award_payments (id, award_id, attempt, entry_id, method, paid_on, handed_over_by, signed_by,
                            bank_account, bank_name, reference, certificate_snapshot, certificate_code, created_by)
       FROM STDIN`,
      payments.map((p) => [
        p.id,
        p.awardId,
        p.attempt,
        p.entryId,
        p.method,
        p.paidOn,
        p.handedOverBy,
        p.signedBy,
        p.bankAccount,
        p.bankName,
        p.reference,
        JSON.stringify(p.certificateSnapshot),
        p.certificateCode,
        p.createdBy,
      ]),
    );
  }

  /** The certificate snapshot of the award's payment in force (none once returned or before payment). */
  async activeCertificate(awardId: string): Promise<CertificateSnapshot | null> {
    const [row] = await this.dataSource.query(
      `SELECT ap.certificate_snapshot AS snapshot FROM award_payments ap
        WHERE ap.award_id = $1 AND NOT EXISTS (SELECT 1 FROM award_payment_returns r WHERE r.payment_id = ap.id)`,
      [awardId],
    );
    return row?.snapshot ?? null;
  }

  async countPayments(manager: EntityManager, awardId: string): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM award_payments WHERE award_id = $1`, [
      awardId,
    ]);
    return n;
  }

  async insertPayment(manager: EntityManager, payment: Omit<AwardPayment, 'createdAt'>): Promise<void> {
    await manager.insert(AwardPayment, payment);
  }

  async insertReturn(manager: EntityManager, row: Omit<AwardPaymentReturn, 'createdAt'>): Promise<void> {
    await manager.insert(AwardPaymentReturn, row);
  }

  async insertRevocation(manager: EntityManager, row: Omit<AwardRevocation, 'createdAt'>): Promise<void> {
    await manager.insert(AwardRevocation, row);
  }
}
