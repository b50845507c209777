import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { todayInVietnam } from '../common/dates.js';
import { CommonError, CommonErrorCode, FieldError } from '../common/errors.js';
import { searchKey, slug } from '../common/text.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentsService } from '../documents/documents.service.js';
import { VerificationCodes } from '../documents/verification-codes.js';
import { JobView } from '../jobs/job.view.js';
import { JobsService } from '../jobs/jobs.service.js';
import { JobName } from '../queue/queue.constants.js';
import { JobQueue } from '../queue/job-queue.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { IdempotencyService, IdempotentRequest, Outcome } from '../ledger/idempotency.js';
import { LedgerError, LedgerErrorCode } from '../ledger/ledger.errors.js';
import { LedgerService, notInFuture } from '../ledger/ledger.service.js';
import { UnitsService } from '../units/units.service.js';
import { AwardError, AwardErrorCode } from './awards.errors.js';
import { AwardRow, AwardsRepository } from './awards.repository.js';
import { CertificateJob } from './certificate.job.js';
import {
  AwardList,
  AwardView,
  CategoryView,
  NominationPage,
  NominationView,
  RoundPage,
  RoundView,
} from './dto/award-view.dto.js';
import {
  CreateRoundDto,
  DecisionDto,
  DisbursementDto,
  ListNominationsQuery,
  ListRoundsQuery,
  NominationDto,
  ReasonDto,
  ReviewDto,
  TransitionDto,
} from './dto/award.dto.js';
import { ageOn, describeRule, evaluateAll, parseRule, Rule } from './eligibility.js';
import { AwardCategory, AwardRound, RoundStatus } from './entities/award-round.entity.js';
import { certificateSnapshot, paymentDescription, publishable } from './certificate-snapshot.js';
import type { Nomination } from './entities/nomination.entity.js';

/**
 * The transitions a person may ask for. `review → decided` happens only through the decision,
 * and closing releases whatever of the budget is still reserved.
 */
const TRANSITIONS: Record<RoundStatus, RoundStatus[]> = {
  draft: ['open', 'closed'],
  open: ['review', 'closed'],
  review: ['closed'],
  decided: ['paying'],
  paying: ['closed'],
  closed: [],
};

const STATUS_LABEL: Record<RoundStatus, string> = {
  draft: 'nháp',
  open: 'nhận đề cử',
  review: 'xét duyệt',
  decided: 'đã quyết định',
  paying: 'đang chi trả',
  closed: 'đã kết thúc',
};

const field = (name: string, message: string): FieldError => ({ field: name, message });

/**
 * Award rounds: a committee opens a round (its budget reserved in the fund), sub-units nominate,
 * members vote, the chair records the decision (never above budget or quota), the treasurer pays
 * each award once, and closing gives back what was not paid.
 */
@Injectable()
export class AwardsService {
  constructor(
    private readonly awards: AwardsRepository,
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly units: UnitsService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly certificates: CertificateJob,
    private readonly codes: VerificationCodes,
    private readonly backgroundJobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private readonly logger = new Logger('Awards');

  /** After the commit, the certificate is queued for rendering; the sweep catches a lost one. */
  private renderCertificateLater(awardId: string): void {
    if (!this.config.renderDocuments) return;
    this.documents
      .renderLater('certificate', awardId)
      .catch((error: unknown) => this.logger.warn(`certificate ${awardId} not queued: ${String(error)}`));
  }

  /** The issued certificate, or a reprint marked "BẢN SAO" (made on request, never stored). */
  async certificate(awardId: string, copy = false): Promise<{ pdf: Buffer; name: string } | 'pending'> {
    const award = await this.getAward(awardId);
    if (award.status !== 'paid') throw new AwardError(AwardErrorCode.NotPaid);
    const pdf = copy
      ? (await this.certificates.render(awardId, true))!
      : await this.documents.fetch('certificate', awardId, () => this.certificates.render(awardId));
    if (pdf === 'pending') {
      this.renderCertificateLater(awardId);
      return 'pending';
    }
    const name = slug(award.fullName);
    return { pdf, name: `giay-chung-nhan-${name}${copy ? '-ban-sao' : ''}.pdf` };
  }

  /**
   * Starts making every certificate of the round and one ZIP of them (or joins the run already
   * under way); its progress is at GET /jobs/:id.
   */
  async startCertificates(actor: Actor, roundId: string): Promise<JobView> {
    const round = (await this.awards.findRound(roundId))!;
    if ((await this.awards.certifiedAwards(roundId)).length === 0)
      throw new AwardError(AwardErrorCode.NothingToCertify);
    const { job, created } = await this.backgroundJobs.startOrJoin({
      kind: 'certificates',
      subjectId: roundId,
      unitId: round.unitId,
      resultName: `giay-chung-nhan-${slug(round.title)}.zip`,
      createdBy: actor.userId,
    });
    if (created) {
      try {
        await this.jobs.enqueue(
          JobName.RenderRoundCertificates,
          { jobId: job.id },
          { jobId: `certificates-${job.id}` },
        );
      } catch (error) {
        await this.backgroundJobs.fail(job.id, 'Không đưa được vào hàng đợi; vui lòng thử lại.');
        throw error;
      }
    }
    return JobView.of(job);
  }

  // Rounds.

  async createRound(actor: Actor, dto: CreateRoundDto): Promise<RoundView> {
    const fund = await this.ledger.findFund(dto.fundId);
    if (!fund || fund.unitId !== dto.unitId) {
      throw new AwardError(AwardErrorCode.RoundInvalid, [
        field('fundId', 'phải là một quỹ của chính đơn vị mở đợt xét'),
      ]);
    }
    if (fund.status !== 'open')
      throw new LedgerError(LedgerErrorCode.FundClosed, [field('fundId', 'quỹ đã đóng')]);
    if (dto.nominationClosesOn < dto.nominationOpensOn) {
      throw new AwardError(AwardErrorCode.RoundInvalid, [
        field('nominationClosesOn', 'phải từ ngày mở nhận đề cử trở đi'),
      ]);
    }
    const categories = dto.categories.map((c, i): AwardCategory => {
      const rules = (c.rules ?? []).map((raw, j) => {
        const rule = parseRule(raw);
        if (typeof rule === 'string') {
          throw new CommonError(CommonErrorCode.ValidationFailed, [
            field(`categories.${i}.rules.${j}`, rule),
          ]);
        }
        return rule;
      });
      return {
        id: randomUUID(),
        roundId: '',
        position: i + 1,
        name: c.name,
        recipientType: c.recipientType,
        amount: c.amount,
        quota: c.quota,
        subUnitQuota: c.subUnitQuota ?? null,
        rules,
      };
    });
    const cheapest = Math.min(...categories.map((c) => c.amount));
    if (cheapest > dto.budget) {
      throw new AwardError(AwardErrorCode.RoundInvalid, [
        field('budget', 'nhỏ hơn số tiền của suất thấp nhất'),
      ]);
    }
    const id = randomUUID();
    await this.awards.transaction(async (manager) => {
      await this.checkCommittee(manager, dto);
      const round: Omit<AwardRound, 'createdAt' | 'updatedAt'> = {
        id,
        unitId: dto.unitId,
        fundId: fund.id,
        title: dto.title,
        period: dto.period,
        budget: dto.budget,
        nominationOpensOn: dto.nominationOpensOn,
        nominationClosesOn: dto.nominationClosesOn,
        approvalsRequired: dto.approvalsRequired,
        status: 'draft',
        reservationEntryId: null,
        releaseEntryId: null,
        decisionNumber: null,
        decisionDate: null,
        decidedBy: null,
        decidedAt: null,
        createdBy: actor.userId,
      };
      await this.awards.insertRound(
        manager,
        round,
        dto.committee.map((m) => ({ roundId: id, userId: m.userId, role: m.role })),
        categories.map((c) => ({ ...c, roundId: id })),
      );
      await this.audit.record(manager, actor, {
        action: 'award_round.create',
        entityType: 'award_round',
        entityId: id,
        unitId: dto.unitId,
        after: { ...dto },
      });
    });
    return this.getRound(id);
  }

  /** One chair, no one twice, each holding the committee role at the round's unit or above. */
  private async checkCommittee(manager: EntityManager, dto: CreateRoundDto): Promise<void> {
    const ids = dto.committee.map((m) => m.userId);
    const chairs = dto.committee.filter((m) => m.role === 'chair').length;
    if (chairs !== 1)
      throw new AwardError(AwardErrorCode.CommitteeInvalid, [field('committee', 'cần đúng một chủ tịch')]);
    if (new Set(ids).size !== ids.length)
      throw new AwardError(AwardErrorCode.CommitteeInvalid, [field('committee', 'một người có tên hai lần')]);
    if (dto.approvalsRequired > ids.length) {
      throw new AwardError(AwardErrorCode.CommitteeInvalid, [
        field('approvalsRequired', 'lớn hơn số thành viên hội đồng'),
      ]);
    }
    const holders = await this.awards.committeeHolders(manager, dto.unitId, ids);
    const outside = dto.committee.findIndex((m) => !holders.has(m.userId));
    if (outside >= 0) {
      throw new AwardError(AwardErrorCode.CommitteeInvalid, [
        field(`committee.${outside}.userId`, 'không giữ vai trò hội đồng (committee) tại đơn vị này'),
      ]);
    }
  }

  async getRound(id: string, manager?: EntityManager): Promise<RoundView> {
    const round = await this.awards.findRound(id, manager);
    if (!round) throw new AwardError(AwardErrorCode.RoundNotFound, [field('id', 'không tìm thấy')]);
    return this.roundView(round, manager);
  }

  private async roundView(round: AwardRound, manager?: EntityManager): Promise<RoundView> {
    // One after the other: inside a transaction they share one connection.
    const unit = await this.units.unitRef(round.unitId, manager);
    const categories = await this.awards.categories(round.id, manager);
    const committee = await this.awards.committee(round.id, manager);
    const money = await this.awards.roundMoney(round.id, manager);
    const holding = ['draft', 'closed'].includes(round.status)
      ? 0
      : round.budget - money.paid - money.revoked;
    return {
      id: round.id,
      unitId: round.unitId,
      unitName: unit.name,
      fundId: round.fundId,
      title: round.title,
      period: round.period,
      budget: round.budget,
      allocated: money.allocated,
      paid: money.paid,
      reserved: holding,
      status: round.status,
      nominationOpensOn: round.nominationOpensOn,
      nominationClosesOn: round.nominationClosesOn,
      approvalsRequired: round.approvalsRequired,
      committee,
      categories: categories.map(categoryView),
      decision: round.decisionNumber
        ? {
            number: round.decisionNumber,
            date: round.decisionDate!,
            decidedBy: round.decidedBy!,
            decidedAt: round.decidedAt!,
          }
        : null,
      awards: money.awards,
      unpaid: money.unpaid,
      createdAt: round.createdAt,
    };
  }

  async listRounds(actor: Actor, query: ListRoundsQuery): Promise<RoundPage> {
    const { items, total } = await this.awards.listRounds({
      scope: actor.scope(Action.AwardsRead),
      unitPath: actor.located.get('unitId')?.path,
      status: query.status,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    const views = [];
    for (const round of items) views.push(await this.roundView(round));
    return { items: views, total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * A guarded step of the round's life. Opening reserves the budget in the fund (422
   * FUND_INSUFFICIENT if it is not available); closing releases what is still reserved.
   */
  transition(
    actor: Actor,
    idem: IdempotentRequest,
    id: string,
    dto: TransitionDto,
  ): Promise<Outcome<RoundView>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      const round = await this.mustLockRound(manager, id);
      await this.mustBeMember(manager, round.id, actor);
      if (dto.to === 'decided' && round.status === 'review') {
        throw new AwardError(
          AwardErrorCode.TransitionInvalid,
          [field('to', 'dùng POST /award-rounds/:id/decision')],
          'Đợt xét chuyển sang "đã quyết định" bằng quyết định của hội đồng.',
        );
      }
      if (!TRANSITIONS[round.status].includes(dto.to)) {
        throw new AwardError(AwardErrorCode.TransitionInvalid, [
          field('to', `từ "${STATUS_LABEL[round.status]}" không chuyển sang "${STATUS_LABEL[dto.to]}" được`),
        ]);
      }
      const today = todayInVietnam();
      const change: Parameters<AwardsRepository['updateRound']>[2] = { status: dto.to };
      if (dto.to === 'open') {
        change.reservationEntryId = await this.ledger.moveReserved(manager, actor, 'reservation', {
          fundId: round.fundId,
          unitId: round.unitId,
          amount: round.budget,
          valueDate: today,
          description: `Giữ kinh phí đợt xét: ${round.title}`,
        });
      }
      if (dto.to === 'closed' && round.status !== 'draft') {
        const money = await this.awards.roundMoney(round.id, manager);
        if (money.unpaid > 0) {
          throw new AwardError(AwardErrorCode.UnpaidAwards, [
            field('to', `còn ${money.unpaid} suất đã duyệt chưa chi trả`),
          ]);
        }
        const remaining = round.budget - money.paid - money.revoked;
        if (remaining > 0) {
          change.releaseEntryId = await this.ledger.moveReserved(manager, actor, 'release', {
            fundId: round.fundId,
            unitId: round.unitId,
            amount: remaining,
            valueDate: today,
            description: `Hoàn kinh phí chưa chi của đợt xét: ${round.title}`,
          });
        }
      }
      await this.awards.updateRound(manager, round.id, change);
      await this.audit.record(manager, actor, {
        action: 'award_round.transition',
        entityType: 'award_round',
        entityId: round.id,
        unitId: round.unitId,
        before: { status: round.status },
        after: { ...change },
      });
      return { status: 201, body: await this.getRound(round.id, manager) };
    });
  }

  private async mustLockRound(manager: EntityManager, id: string): Promise<AwardRound> {
    const round = await this.awards.lockRound(manager, id);
    if (!round) throw new AwardError(AwardErrorCode.RoundNotFound, [field('id', 'không tìm thấy')]);
    return round;
  }

  // Nominations.

  /** A candidate from a unit inside the round's subtree, while nominations are open. */
  async nominate(actor: Actor, roundId: string, dto: NominationDto): Promise<NominationView> {
    const unitPath = actor.located.get('unitId')!.path;
    const id = await this.awards.transaction(async (manager) => {
      const round = await this.openForNominations(manager, roundId);
      return this.addNomination(manager, actor, round, actor.located.get('id')!.path, unitPath, dto);
    });
    const [view] = (await this.nominationViews(roundId, { ids: [id] })).items;
    return view;
  }

  /**
   * The round under a shared lock, nominations into it serialised, refused unless it is taking
   * nominations today. Nominations (single or imported) are added after this, in its transaction.
   */
  async openForNominations(manager: EntityManager, roundId: string): Promise<AwardRound> {
    const round = (await this.awards.lockRoundShared(manager, roundId))!;
    await this.awards.serialiseNominations(manager, round.id);
    const today = todayInVietnam();
    if (round.status !== 'open' || today < round.nominationOpensOn || today > round.nominationClosesOn) {
      throw new AwardError(
        AwardErrorCode.RoundState,
        [field('id', `nhận đề cử từ ${round.nominationOpensOn} đến ${round.nominationClosesOn}`)],
        'Đợt xét không đang nhận đề cử.',
      );
    }
    return round;
  }

  /** One nomination, checked (unit, category, facts, quota) and flagged if the person is known. */
  async addNomination(
    manager: EntityManager,
    actor: Actor,
    round: AwardRound,
    roundPath: string,
    unitPath: string,
    dto: NominationDto,
  ): Promise<string> {
    if (!unitPath.startsWith(roundPath)) {
      throw new AwardError(AwardErrorCode.NominationInvalid, [
        field('unitId', 'đơn vị đề cử phải thuộc đơn vị mở đợt xét'),
      ]);
    }
    const today = todayInVietnam();
    const id = randomUUID();
    const category = (await this.awards.categories(round.id, manager)).find((c) => c.id === dto.categoryId);
    if (!category)
      throw new AwardError(AwardErrorCode.NominationInvalid, [
        field('categoryId', 'không thuộc đợt xét này'),
      ]);
    if (dto.birthDate > today)
      throw new AwardError(AwardErrorCode.NominationInvalid, [field('birthDate', 'không được ở tương lai')]);
    this.checkFacts(category, dto);
    if (category.subUnitQuota) {
      // The quota is the sub-unit's (the round unit's child the nominating unit lies in), for its
      // whole subtree: a commune cannot multiply it by nominating in its branches' names.
      const rest = unitPath.slice(roundPath.length).split('/')[0];
      const used = await this.awards.countNominationsFrom(
        manager,
        category.id,
        rest ? { subtreePath: `${roundPath}${rest}/` } : { unitId: round.unitId },
      );
      if (used >= category.subUnitQuota) {
        throw new AwardError(AwardErrorCode.NominationQuota, [
          field('unitId', `đơn vị đã đề cử ${used}/${category.subUnitQuota} hồ sơ cho hạng mục này`),
        ]);
      }
    }
    const searchName = searchKey(dto.fullName);
    const duplicateOf = await this.awards.samePerson(manager, round.id, {
      searchName,
      birthDate: dto.birthDate,
      school: dto.school ?? null,
      nationalId: dto.nationalId ?? null,
    });
    await this.awards.insertNomination(manager, {
      id,
      roundId: round.id,
      categoryId: category.id,
      unitId: dto.unitId,
      fullName: dto.fullName,
      searchName,
      birthDate: dto.birthDate,
      gender: dto.gender,
      school: dto.school ?? null,
      className: dto.className ?? null,
      workplace: dto.workplace ?? null,
      guardianName: dto.guardianName ?? null,
      householdStatus: dto.householdStatus ?? null,
      studyLevel: dto.studyLevel ?? null,
      gradeAverage:
        dto.gradeAverage === undefined || dto.gradeAverage === null ? null : String(dto.gradeAverage),
      achievementLevel: dto.achievementLevel ?? null,
      nationalId: dto.nationalId ?? null,
      reason: dto.reason ?? null,
      consentGuardian: dto.consentGuardian,
      consentChild: dto.consentChild,
      duplicateOf,
      createdBy: actor.userId,
    });
    await this.audit.record(manager, actor, {
      action: 'nomination.create',
      entityType: 'nomination',
      entityId: id,
      unitId: dto.unitId,
      // Personal data of a possible minor stays out of the audit trail: the record holds it.
      after: { roundId: round.id, categoryId: category.id, duplicateOf },
    });
    return id;
  }

  /** What each recipient type must say about itself: a school for students, a workplace for adults. */
  private checkFacts(category: AwardCategory, dto: NominationDto): void {
    const missing: FieldError[] = [];
    if (['student', 'worker_child'].includes(category.recipientType) && !dto.school)
      missing.push(field('school', 'bắt buộc với học sinh, sinh viên'));
    if (['teacher', 'worker'].includes(category.recipientType) && !dto.workplace)
      missing.push(field('workplace', 'bắt buộc với giáo viên, công nhân'));
    if (ageOn(dto.birthDate, todayInVietnam()) < 18 && !dto.guardianName)
      missing.push(field('guardianName', 'bắt buộc với người chưa thành niên'));
    if (missing.length) throw new AwardError(AwardErrorCode.NominationInvalid, missing);
  }

  async listNominations(actor: Actor, roundId: string, query: ListNominationsQuery): Promise<NominationPage> {
    const roundPath = actor.located.get('id')!.path;
    // Above the round (its committee): every nomination. From below: those of the caller's units.
    const unitPaths = actor.sees(roundPath) ? undefined : actor.scope(Action.AwardsRead);
    const filterPath = actor.located.get('unitId')?.path;
    const { items } = await this.nominationViews(roundId, {
      categoryId: query.categoryId,
      unitPaths: filterPath ? [filterPath] : unitPaths,
      q: query.q ? searchKey(query.q) : undefined,
    });
    const filtered =
      query.eligible === undefined ? items : items.filter((n) => n.eligible === (query.eligible === 'true'));
    const from = (query.page - 1) * query.pageSize;
    return {
      items: filtered.slice(from, from + query.pageSize),
      total: filtered.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * Nominations as the committee reads them, ranked within each category: eligible first, then
   * approvals, then average score (recused members left out of both), then name.
   */
  private async nominationViews(
    roundId: string,
    filter: { categoryId?: string; unitPaths?: string[]; q?: string; ids?: string[] },
    manager?: EntityManager,
  ): Promise<{ items: NominationView[] }> {
    const round = (await this.awards.findRound(roundId, manager))!;
    const categories = new Map((await this.awards.categories(roundId, manager)).map((c) => [c.id, c]));
    const rows = await this.awards.nominationsWithTallies(roundId, filter, manager);
    const prior = await this.awards.priorAwards(round.fundId, round.period.slice(0, 4), round.id, manager);
    const today = todayInVietnam();
    const views = rows.map((n): NominationView => {
      const category = categories.get(n.categoryId)!;
      const grade = n.gradeAverage === null ? null : Number(n.gradeAverage);
      const { eligible, results } = evaluateAll(
        category.rules,
        { ...n, gradeAverage: grade },
        round.nominationClosesOn,
      );
      const key = `${n.searchName}|${n.birthDate}`;
      return {
        id: n.id,
        roundId: n.roundId,
        categoryId: n.categoryId,
        unitId: n.unitId,
        unitName: n.unitName,
        fullName: n.fullName,
        birthDate: n.birthDate,
        gender: n.gender,
        school: n.school,
        className: n.className,
        workplace: n.workplace,
        guardianName: n.guardianName,
        householdStatus: n.householdStatus,
        studyLevel: n.studyLevel,
        gradeAverage: grade,
        achievementLevel: n.achievementLevel,
        nationalId: n.nationalId,
        reason: n.reason,
        consentGuardian: n.consentGuardian,
        consentChild: n.consentChild,
        publishable: publishable(n, today),
        eligible,
        eligibility: results,
        duplicateOf: n.duplicateOf,
        priorAwards: prior
          .filter((p) => p.key === key || (n.nationalId && p.nationalId === n.nationalId))
          .map((p) => ({ roundTitle: p.roundTitle, amount: p.amount })),
        tally: n.tally,
        rank: null,
        amount: category.amount,
        createdAt: n.createdAt,
      };
    });
    const order = (a: NominationView, b: NominationView) =>
      categories.get(a.categoryId)!.position - categories.get(b.categoryId)!.position ||
      Number(b.eligible) - Number(a.eligible) ||
      b.tally.approvals - a.tally.approvals ||
      (b.tally.averageScore ?? -1) - (a.tally.averageScore ?? -1) ||
      a.fullName.localeCompare(b.fullName, 'vi');
    views.sort(order);
    const seen = new Map<string, number>();
    for (const v of views) {
      const rank = (seen.get(v.categoryId) ?? 0) + 1;
      seen.set(v.categoryId, rank);
      v.rank = rank;
    }
    return { items: views };
  }

  // Review.

  async review(actor: Actor, nominationId: string, dto: ReviewDto): Promise<NominationView> {
    const nomination = await this.mustFindNomination(nominationId);
    await this.awards.transaction(async (manager) => {
      const round = (await this.awards.lockRoundShared(manager, nomination.roundId))!;
      if (round.status !== 'review')
        throw new AwardError(
          AwardErrorCode.RoundState,
          [],
          'Chỉ bỏ phiếu khi đợt xét đang ở bước xét duyệt.',
        );
      await this.mustBeMember(manager, round.id, actor);
      if (await this.awards.isRecused(manager, nominationId, actor.userId))
        throw new AwardError(AwardErrorCode.Recused);
      await this.awards.upsertReview(manager, {
        nominationId,
        memberId: actor.userId,
        vote: dto.vote,
        score: dto.score ?? null,
        comment: dto.comment ?? null,
      });
      await this.audit.record(manager, actor, {
        action: 'nomination.review',
        entityType: 'nomination',
        entityId: nominationId,
        unitId: round.unitId,
        after: { vote: dto.vote, score: dto.score ?? null },
      });
    });
    return (await this.nominationViews(nomination.roundId, { ids: [nominationId] })).items[0];
  }

  /** A member with a conflict of interest steps aside: their vote on it no longer counts. */
  async recuse(actor: Actor, nominationId: string, dto: ReasonDto): Promise<NominationView> {
    const nomination = await this.mustFindNomination(nominationId);
    await this.awards.transaction(async (manager) => {
      const round = (await this.awards.lockRoundShared(manager, nomination.roundId))!;
      if (!['open', 'review'].includes(round.status))
        throw new AwardError(AwardErrorCode.RoundState, [], 'Chỉ xin rút trước khi có quyết định.');
      await this.mustBeMember(manager, round.id, actor);
      await this.awards.insertRecusal(manager, { nominationId, memberId: actor.userId, reason: dto.reason });
      await this.audit.record(manager, actor, {
        action: 'nomination.recuse',
        entityType: 'nomination',
        entityId: nominationId,
        unitId: round.unitId,
        after: { reason: dto.reason },
      });
    });
    return (await this.nominationViews(nomination.roundId, { ids: [nominationId] })).items[0];
  }

  private async mustFindNomination(id: string): Promise<Nomination> {
    const nomination = await this.awards.findNomination(id);
    if (!nomination) throw new AwardError(AwardErrorCode.NominationNotFound, [field('id', 'không tìm thấy')]);
    return nomination;
  }

  private async mustBeMember(manager: EntityManager, roundId: string, actor: Actor) {
    const member = (await this.awards.committee(roundId, manager)).find((m) => m.userId === actor.userId);
    if (!member) throw new AwardError(AwardErrorCode.NotMember);
    return member;
  }

  // Decision.

  /**
   * The chair records the committee's decision: the approved nominations become awards, at their
   * category's amount. Refused above the budget or a quota, for an ineligible nomination, one
   * short of approvals, or the same person twice. Under the round's lock: one decision per round.
   */
  decide(
    actor: Actor,
    idem: IdempotentRequest,
    roundId: string,
    dto: DecisionDto,
  ): Promise<Outcome<RoundView>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      const round = await this.mustLockRound(manager, roundId);
      if (round.status !== 'review') {
        throw new AwardError(
          AwardErrorCode.RoundState,
          [],
          round.decisionNumber
            ? `Đợt xét đã có quyết định số ${round.decisionNumber}; sửa sai bằng thu hồi từng suất.`
            : 'Chỉ ra quyết định khi đợt xét đang ở bước xét duyệt.',
        );
      }
      const chair = await this.mustBeMember(manager, round.id, actor);
      if (chair.role !== 'chair') throw new AwardError(AwardErrorCode.NotChair);
      notInFuture(dto.date, 'date');
      const { items } = await this.nominationViews(round.id, { ids: dto.approved }, manager);
      const byId = new Map(items.map((n) => [n.id, n]));
      const unknown = dto.approved.findIndex((id) => !byId.has(id));
      if (unknown >= 0)
        throw new AwardError(AwardErrorCode.NominationInvalid, [
          field(`approved.${unknown}`, 'không thuộc đợt xét này'),
        ]);
      const names = (list: NominationView[]) => list.map((n) => n.fullName).join(', ');

      const ineligible = items.filter((n) => !n.eligible);
      if (ineligible.length)
        throw new AwardError(AwardErrorCode.NotEligible, [
          field('approved', `không đủ điều kiện: ${names(ineligible)}`),
        ]);
      const short = items.filter((n) => n.tally.approvals < round.approvalsRequired);
      if (short.length) {
        throw new AwardError(AwardErrorCode.ApprovalsMissing, [
          field('approved', `chưa đủ ${round.approvalsRequired} phiếu đồng ý: ${names(short)}`),
        ]);
      }
      // The same person twice: by the duplicate flag, and again by national id and by name, birth
      // date and school (flags set by different units may not all point at one nomination).
      const keys = (n: NominationView) => [
        `n:${n.duplicateOf ?? n.id}`,
        ...(n.nationalId ? [`id:${n.nationalId}`] : []),
        `p:${searchKey(n.fullName)}|${n.birthDate}|${searchKey(n.school ?? '')}`,
      ];
      const seen = new Map<string, NominationView>();
      for (const n of items) {
        for (const key of keys(n)) {
          const other = seen.get(key);
          if (other && other.id !== n.id)
            throw new AwardError(AwardErrorCode.DuplicatePerson, [
              field('approved', `cùng một người: ${names([other, n])}`),
            ]);
          seen.set(key, n);
        }
      }
      const categories = await this.awards.categories(round.id, manager);
      for (const c of categories) {
        const chosen = items.filter((n) => n.categoryId === c.id);
        if (chosen.length > c.quota) {
          throw new AwardError(AwardErrorCode.QuotaExceeded, [
            field('approved', `hạng mục "${c.name}": ${chosen.length} suất, chỉ tiêu ${c.quota}`),
          ]);
        }
      }
      const total = items.reduce((sum, n) => sum + n.amount, 0);
      if (total > round.budget) {
        throw new AwardError(AwardErrorCode.BudgetExceeded, [
          field(
            'approved',
            `tổng ${total.toLocaleString('vi-VN')} đ, kinh phí ${round.budget.toLocaleString('vi-VN')} đ`,
          ),
        ]);
      }
      await this.awards.insertAwards(
        manager,
        items.map((n) => ({
          id: randomUUID(),
          roundId: round.id,
          categoryId: n.categoryId,
          nominationId: n.id,
          amount: n.amount,
        })),
      );
      await this.awards.updateRound(manager, round.id, {
        status: 'decided',
        decisionNumber: dto.number,
        decisionDate: dto.date,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      });
      await this.audit.record(manager, actor, {
        action: 'award_round.decide',
        entityType: 'award_round',
        entityId: round.id,
        unitId: round.unitId,
        after: { number: dto.number, date: dto.date, approved: dto.approved.length, total },
      });
      return { status: 201, body: await this.getRound(round.id, manager) };
    });
  }

  // Awards.

  async listAwards(roundId: string): Promise<AwardList> {
    const items = (await this.awards.awards({ roundId })).map(awardView);
    return { items, total: items.length };
  }

  async getAward(id: string, manager?: EntityManager): Promise<AwardView> {
    const [row] = await this.awards.awards({ ids: [id] }, manager);
    if (!row) throw new AwardError(AwardErrorCode.AwardNotFound, [field('id', 'không tìm thấy')]);
    return awardView(row);
  }

  /**
   * Pays an approved award once: one disbursement entry out of the fund's reserved part, the
   * certificate's content fixed, and a certificate asked of the documents outbox.
   */
  async pay(
    actor: Actor,
    idem: IdempotentRequest,
    awardId: string,
    dto: DisbursementDto,
  ): Promise<Outcome<AwardView>> {
    const outcome = await this.payIn(actor, idem, awardId, dto);
    if (outcome.status === 201) this.renderCertificateLater(awardId);
    return outcome;
  }

  private payIn(
    actor: Actor,
    idem: IdempotentRequest,
    awardId: string,
    dto: DisbursementDto,
  ): Promise<Outcome<AwardView>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      const { award, round } = await this.mustLockAward(manager, awardId);
      if (round.status !== 'paying')
        throw new AwardError(AwardErrorCode.RoundState, [], 'Chỉ chi trả khi đợt xét đang ở bước chi trả.');
      if (award.status === 'revoked') throw new AwardError(AwardErrorCode.Revoked);
      if (award.status === 'paid') throw new AwardError(AwardErrorCode.AlreadyPaid);
      checkPaymentFacts(dto);
      notInFuture(dto.paidOn, 'paidOn');
      if (dto.paidOn < round.decisionDate!)
        throw new AwardError(
          AwardErrorCode.RoundState,
          [field('paidOn', 'trước ngày quyết định')],
          'Ngày chi không hợp lệ.',
        );
      const nomination = (await this.awards.findNomination(award.nominationId, manager))!;
      const category = (await this.awards.categories(round.id, manager)).find(
        (c) => c.id === award.categoryId,
      )!;
      const unit = await this.units.unitWithParent(round.unitId, manager);
      const chair = (await this.awards.committee(round.id, manager)).find((m) => m.role === 'chair');
      const entryId = await this.ledger.disburse(manager, actor, {
        fundId: round.fundId,
        unitId: round.unitId,
        amount: award.amount,
        valueDate: dto.paidOn,
        description: paymentDescription(category, nomination, round),
      });
      const snapshot = certificateSnapshot({
        unit,
        round,
        category,
        nomination,
        chair,
        amount: award.amount,
        date: dto.paidOn,
        code: await this.codes.next(manager),
      });
      await this.awards.insertPayment(manager, {
        id: randomUUID(),
        awardId,
        attempt: (await this.awards.countPayments(manager, awardId)) + 1,
        entryId,
        method: dto.method,
        paidOn: dto.paidOn,
        handedOverBy: dto.handedOverBy ?? null,
        signedBy: dto.signedBy ?? null,
        bankAccount: dto.bankAccount ?? null,
        bankName: dto.bankName ?? null,
        reference: dto.reference ?? null,
        certificateSnapshot: snapshot,
        certificateCode: snapshot.code,
        createdBy: actor.userId,
      });
      await this.documents.requestLater(manager, {
        kind: 'certificate',
        subjectId: awardId,
        unitId: round.unitId,
      });
      await this.audit.record(manager, actor, {
        action: 'award.pay',
        entityType: 'award',
        entityId: awardId,
        unitId: round.unitId,
        after: { entryId, amount: award.amount, method: dto.method, paidOn: dto.paidOn },
      });
      return { status: 201, body: await this.getAward(awardId, manager) };
    });
  }

  /** A payment that came back: its entry reversed (money back to the round's reservation). */
  returnPayment(
    actor: Actor,
    idem: IdempotentRequest,
    awardId: string,
    dto: ReasonDto,
  ): Promise<Outcome<AwardView>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      const { award, round } = await this.mustLockAward(manager, awardId);
      // After closing, the round holds no money to take a returned payment back into.
      if (round.status !== 'paying')
        throw new AwardError(
          AwardErrorCode.RoundState,
          [],
          'Chỉ ghi nhận tiền trả lại khi đợt xét đang chi trả.',
        );
      if (award.status !== 'paid' || !award.paymentId) throw new AwardError(AwardErrorCode.NotPaid);
      const entry = (await this.ledger.findEntry(manager, award.paymentEntryId!))!;
      const reversal = await this.ledger.postReversal(
        manager,
        actor,
        entry,
        `Chi trả bị trả lại: ${dto.reason}`,
        todayInVietnam(),
      );
      // Nothing to certify until it is paid again (then the new payment's certificate is made).
      await this.documents.requestAgain(manager, 'certificate', awardId);
      await this.awards.insertReturn(manager, {
        paymentId: award.paymentId,
        entryId: reversal,
        reason: dto.reason,
        createdBy: actor.userId,
      });
      await this.audit.record(manager, actor, {
        action: 'award.return',
        entityType: 'award',
        entityId: awardId,
        after: { paymentId: award.paymentId, entryId: reversal, reason: dto.reason },
      });
      return { status: 201, body: await this.getAward(awardId, manager) };
    });
  }

  /** Decisions are final; one award is revoked with a reason and its money released. */
  revoke(
    actor: Actor,
    idem: IdempotentRequest,
    awardId: string,
    dto: ReasonDto,
  ): Promise<Outcome<AwardView>> {
    return this.idempotency.run(actor.userId, idem, async (manager) => {
      const { award, round } = await this.mustLockAward(manager, awardId);
      // A revocation amends the committee's decision: the chair records it, as they did the decision.
      if ((await this.mustBeMember(manager, round.id, actor)).role !== 'chair')
        throw new AwardError(AwardErrorCode.NotChair, [], 'Chỉ chủ tịch hội đồng thu hồi một suất.');
      if (!['decided', 'paying'].includes(round.status))
        throw new AwardError(AwardErrorCode.RoundState, [], 'Chỉ thu hồi khi đợt xét chưa kết thúc.');
      if (award.status === 'revoked') throw new AwardError(AwardErrorCode.Revoked);
      if (award.status === 'paid') {
        throw new AwardError(
          AwardErrorCode.AlreadyPaid,
          [],
          'Suất này đã chi trả: ghi nhận tiền được trả lại trước khi thu hồi.',
        );
      }
      const entryId = await this.ledger.moveReserved(manager, actor, 'release', {
        fundId: round.fundId,
        unitId: round.unitId,
        amount: award.amount,
        valueDate: todayInVietnam(),
        description: `Thu hồi suất của ${award.fullName}: ${dto.reason}`,
      });
      await this.awards.insertRevocation(manager, {
        awardId,
        entryId,
        reason: dto.reason,
        createdBy: actor.userId,
      });
      await this.audit.record(manager, actor, {
        action: 'award.revoke',
        entityType: 'award',
        entityId: awardId,
        unitId: round.unitId,
        after: { entryId, amount: award.amount, reason: dto.reason },
      });
      return { status: 201, body: await this.getAward(awardId, manager) };
    });
  }

  /** The award's round under a shared lock, then the award's row: the order every path takes. */
  private async mustLockAward(
    manager: EntityManager,
    id: string,
  ): Promise<{ award: AwardRow; round: AwardRound }> {
    const roundId = await this.awards.roundOfAward(manager, id);
    const round = roundId && (await this.awards.lockRoundShared(manager, roundId));
    if (!round) throw new AwardError(AwardErrorCode.AwardNotFound, [field('id', 'không tìm thấy')]);
    await this.awards.lockAward(manager, id);
    const [award] = await this.awards.awards({ ids: [id] }, manager);
    return { award, round };
  }
}

function categoryView(c: AwardCategory): CategoryView {
  return {
    id: c.id,
    name: c.name,
    recipientType: c.recipientType,
    amount: c.amount,
    quota: c.quota,
    subUnitQuota: c.subUnitQuota,
    rules: c.rules.map((r: Rule) => ({ ...r, text: describeRule(r) })),
  };
}

function awardView(a: AwardRow): AwardView {
  return {
    id: a.id,
    roundId: a.roundId,
    categoryId: a.categoryId,
    nominationId: a.nominationId,
    fullName: a.fullName,
    amount: a.amount,
    status: a.status,
    paymentId: a.paymentId,
    entryId: a.paymentEntryId,
    paidOn: a.paidOn,
  };
}

/** Cash needs who handed it over and whose signature was collected; a transfer, the account and reference. */
function checkPaymentFacts(dto: DisbursementDto): void {
  const missing: FieldError[] = [];
  if (dto.method === 'cash') {
    if (!dto.handedOverBy) missing.push(field('handedOverBy', 'bắt buộc khi trao tiền mặt'));
    if (!dto.signedBy) missing.push(field('signedBy', 'bắt buộc: người nhận hoặc người giám hộ đã ký nhận'));
  } else {
    if (!dto.bankAccount) missing.push(field('bankAccount', 'bắt buộc khi chuyển khoản'));
    if (!dto.reference) missing.push(field('reference', 'bắt buộc khi chuyển khoản (mã giao dịch)'));
  }
  if (missing.length) throw new CommonError(CommonErrorCode.ValidationFailed, missing);
}
