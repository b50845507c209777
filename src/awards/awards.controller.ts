import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { EXPORT_CONTENT_TYPE } from '../common/csv-export.js';
import type { Response } from 'express';
import { ApiErrors, ApiFile, RETRY_AFTER_HEADER } from '../common/http/api-docs.js';
import { uuidPipe } from '../common/http/params.js';
import { documentResponse, PendingDocument } from '../documents/document-response.js';
import { DocumentQuery } from '../documents/document-query.js';
import {
  Access,
  CurrentActor,
  fromBelow,
  inBody,
  inPath,
  inQuery,
} from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import { Actor } from '../identity/access/actor.js';
import { Idempotency, type IdempotentRequest, MovesMoney, type Outcome } from '../ledger/idempotency.js';
import { JobView } from '../jobs/job.view.js';
import { AwardsService } from './awards.service.js';
import { NominationImportService, type NominationImportReport } from './nomination-import.service.js';
import { PaymentListService, type PaymentListFields } from './payment-list.service.js';
import {
  AwardList,
  AwardView,
  NominationImportReportView,
  NominationPage,
  NominationView,
  PaymentListResult,
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
  PaymentListQuery,
  ReasonDto,
  ReviewDto,
  TransitionDto,
} from './dto/award.dto.js';

@ApiTags('awards')
@Controller()
export class AwardsController {
  constructor(
    private readonly awards: AwardsService,
    private readonly paymentList: PaymentListService,
    private readonly nominationImport: NominationImportService,
  ) {}

  @Post('award-rounds')
  @Access(Action.AwardsManage, inBody('unitId'))
  @ApiOperation({
    summary: 'Create an award round',
    description:
      "A draft round of a unit's committee, drawing on one of the unit's funds: budget, nomination window, " +
      'committee (members hold the committee role at the unit or above; exactly one chair) and categories ' +
      'with their amount, quota and eligibility rules. Nothing is reserved until it opens.',
  })
  @ApiCreatedResponse({ type: RoundView, description: 'The round, as a draft' })
  @ApiErrors([422, 'The committee or the round is not valid (ROUND_COMMITTEE_INVALID, ROUND_INVALID)'])
  createRound(@CurrentActor() actor: Actor, @Body() dto: CreateRoundDto): Promise<RoundView> {
    return this.awards.createRound(actor, dto);
  }

  @Get('award-rounds')
  @Access(Action.AwardsRead, inQuery('unitId'))
  @ApiOperation({
    summary: 'List award rounds',
    description:
      "Rounds of the caller's units, and of the units above them (which their units nominate into).",
  })
  @ApiOkResponse({ type: RoundPage, description: 'A page of rounds' })
  listRounds(@CurrentActor() actor: Actor, @Query() query: ListRoundsQuery): Promise<RoundPage> {
    return this.awards.listRounds(actor, query);
  }

  @Get('award-rounds/:id')
  @Access(Action.AwardsRead, fromBelow(inPath('id', 'award-round')))
  @ApiOperation({
    summary: 'Get an award round',
    description:
      'Its categories and rules, committee, budget, what is allocated, paid and still reserved, and the decision.',
  })
  @ApiOkResponse({ type: RoundView, description: 'The round, its categories, committee and money' })
  getRound(@Param('id', uuidPipe('id')) id: string): Promise<RoundView> {
    return this.awards.getRound(id);
  }

  @Post('award-rounds/:id/transitions')
  @Access(Action.AwardsManage, inPath('id', 'award-round'))
  @ApiOperation({
    summary: 'Move a round to its next state',
    description:
      'draft → open → review, decided → paying → closed; draft, open and review may also close. Opening ' +
      'reserves the budget in the fund; closing releases what the round still holds and is refused while an ' +
      'approved award is unpaid. By a member of the round’s committee.',
  })
  @MovesMoney(RoundView, 'Moved: the round in its new state')
  @ApiErrors(
    [403, 'Not a member of the round’s committee (ROUND_NOT_COMMITTEE_MEMBER)'],
    [409, 'Not a transition from the current state (ROUND_TRANSITION_INVALID), or unpaid awards remain'],
    [422, 'The fund lacks the available money for the budget (FUND_INSUFFICIENT)'],
  )
  async transition(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: TransitionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RoundView> {
    return send(res, await this.awards.transition(actor, idem, id, dto));
  }

  @Post('award-rounds/:id/nominations')
  @Access(Action.AwardsNominate, fromBelow(inPath('id', 'award-round')), inBody('unitId'))
  @ApiOperation({
    summary: 'Nominate a candidate',
    description:
      "While the round is open and within its window, from the round's unit or any unit below it. The answer " +
      'says which rules the candidate passes or fails, an earlier nomination of the same person, and awards ' +
      'from the same fund that year.',
  })
  @ApiCreatedResponse({ type: NominationView, description: 'The nomination, checked against the rules' })
  @ApiErrors(
    [409, 'The round is not open for nominations (ROUND_STATE)'],
    [422, 'Not a valid nomination for this round, or the sub-unit quota is used up'],
  )
  nominate(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: NominationDto,
  ): Promise<NominationView> {
    return this.awards.nominate(actor, id, dto);
  }

  @Get('award-rounds/:id/nomination-template')
  @Access(Action.AwardsRead, fromBelow(inPath('id', 'award-round')))
  @ApiOperation({
    summary: 'Download the nomination spreadsheet template',
    description: "With the round's categories, to fill in and upload.",
  })
  @ApiFile('The template (XLSX, Vietnamese headings)', EXPORT_CONTENT_TYPE.xlsx)
  async nominationTemplate(
    @Param('id', uuidPipe('id')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    res.setHeader('Content-Disposition', 'attachment; filename="mau-de-cu.xlsx"');
    return new StreamableFile(await this.nominationImport.template(id), { type: EXPORT_CONTENT_TYPE.xlsx });
  }

  @Post('award-rounds/:id/nomination-imports')
  @Access(Action.AwardsNominate, fromBelow(inPath('id', 'award-round')), inBody('unitId'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'unitId'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'The filled template, .xlsx or UTF-8 .csv, at most IMPORT_MAX_BYTES (10 MB by default)',
        },
        unitId: {
          type: 'string',
          format: 'uuid',
          maxLength: 36,
          description: 'The nominating unit',
          example: '4b6f1c2e-8a3d-4f5b-9c7e-2d1a0b3c4e5f',
        },
        commit: {
          type: 'string',
          enum: ['true', 'false'],
          description: 'true: write every nomination if no row has a problem',
          example: 'false',
        },
      },
    },
  })
  @ApiOperation({
    summary: 'Nominate many candidates from a spreadsheet',
    description:
      'A report of every problem by row and column. With `commit=true` and no problem, every row is ' +
      'written in one transaction; otherwise nothing is.',
  })
  @ApiCreatedResponse({ type: NominationImportReportView, description: 'The report (and what was written)' })
  @ApiErrors(
    [409, 'The round is not open for nominations (ROUND_STATE)'],
    [413, 'The file is larger than IMPORT_MAX_BYTES'],
  )
  importNominations(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: { commit?: unknown },
  ): Promise<NominationImportReport> {
    return this.nominationImport.import(actor, id, file, fields.commit === 'true');
  }

  @Get('award-rounds/:id/nominations')
  @Access(Action.AwardsRead, fromBelow(inPath('id', 'award-round')), inQuery('unitId'))
  @ApiOperation({
    summary: "List a round's nominations",
    description:
      'Ranked within each category: eligible first, then by approvals, then by average score. Callers from ' +
      "below see only their own units' nominations.",
  })
  @ApiOkResponse({ type: NominationPage, description: 'A page of nominations, ranked' })
  listNominations(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Query() query: ListNominationsQuery,
  ): Promise<NominationPage> {
    return this.awards.listNominations(actor, id, query);
  }

  @Post('nominations/:id/reviews')
  @Access(Action.AwardsReview, inPath('id', 'nomination'))
  @ApiOperation({
    summary: 'Vote on a nomination',
    description:
      'By a member of the round’s committee, while it is in review; a new vote replaces the earlier one.',
  })
  @ApiCreatedResponse({ type: NominationView, description: 'The nomination with its new tally' })
  @ApiErrors(
    [403, 'Not a member of the round’s committee (ROUND_NOT_COMMITTEE_MEMBER)'],
    [409, 'The round is not in review (ROUND_STATE), or the member recused (NOMINATION_RECUSED)'],
  )
  review(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: ReviewDto,
  ): Promise<NominationView> {
    return this.awards.review(actor, id, dto);
  }

  @Post('nominations/:id/recusal')
  @Access(Action.AwardsReview, inPath('id', 'nomination'))
  @ApiOperation({
    summary: 'Recuse from a nomination',
    description:
      'A committee member with a conflict of interest is left out of this nomination’s tally and average.',
  })
  @ApiCreatedResponse({ type: NominationView, description: 'The nomination without the member' })
  @ApiErrors(
    [403, 'Not a member of the round’s committee (ROUND_NOT_COMMITTEE_MEMBER)'],
    [409, 'The round is not in review (ROUND_STATE)'],
  )
  recuse(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: ReasonDto,
  ): Promise<NominationView> {
    return this.awards.recuse(actor, id, dto);
  }

  @Post('award-rounds/:id/decision')
  @Access(Action.AwardsManage, inPath('id', 'award-round'))
  @ApiOperation({
    summary: "Record the committee's decision",
    description:
      'The approved nominations, by the chair, once per round. Refused for an ineligible nomination, one ' +
      'short of the required approvals, the same person twice, a category over its quota or a total over the budget.',
  })
  @MovesMoney(RoundView, 'Decided: the round with its awards')
  @ApiErrors(
    [403, 'Only the chair records the decision (ROUND_NOT_CHAIR)'],
    [409, 'The round is not in review, or already decided (ROUND_STATE)'],
    [
      422,
      'A rule refuses it: AWARD_NOT_ELIGIBLE, AWARD_APPROVALS_MISSING, AWARD_DUPLICATE_PERSON, AWARD_QUOTA_EXCEEDED, AWARD_BUDGET_EXCEEDED',
    ],
  )
  async decide(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: DecisionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RoundView> {
    return send(res, await this.awards.decide(actor, idem, id, dto));
  }

  @Post('award-rounds/:id/certificates')
  @Access(Action.AwardsManage, inPath('id', 'award-round'))
  @ApiOperation({
    summary: "Make a round's certificates as one ZIP",
    description:
      'Starts a job making every paid award’s certificate into one ZIP; follow it at `Location` ' +
      '(`GET /api/v1/jobs/{id}`), then download `GET /api/v1/jobs/{id}/result`.',
  })
  @ApiAcceptedResponse({
    type: JobView,
    description: 'Started: the job, also at `Location`',
    headers: {
      Location: {
        description: 'Where to follow the job: /api/v1/jobs/{id}',
        schema: { type: 'string', format: 'uri-reference', maxLength: 100 },
      },
    },
  })
  @ApiErrors([409, 'No award of the round is paid yet (ROUND_NOTHING_TO_CERTIFY)'])
  async certificates(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobView> {
    const job = await this.awards.startCertificates(actor, id);
    res.status(202).setHeader('Location', `/api/v1/jobs/${job.id}`);
    return job;
  }

  @Get('award-rounds/:id/awards')
  @Access(Action.AwardsRead, inPath('id', 'award-round'))
  @ApiOperation({
    summary: "List a round's awards",
    description: 'Every award of the round with its status and payment.',
  })
  @ApiOkResponse({ type: AwardList, description: 'Every award of the round, with its payment' })
  listAwards(@Param('id', uuidPipe('id')) id: string): Promise<AwardList> {
    return this.awards.listAwards(id);
  }

  @Get('award-rounds/:id/payment-list')
  @Access(Action.AwardsRead, inPath('id', 'award-round'))
  @ApiOperation({
    summary: "Download a round's payment list",
    description:
      'The signature list (danh sách ký nhận): XLSX (default) or CSV to mark each row paid with "x" and upload ' +
      'back; PDF to print and sign.',
  })
  @ApiFile('The payment list', EXPORT_CONTENT_TYPE.xlsx, EXPORT_CONTENT_TYPE.csv, 'application/pdf')
  async paymentListFile(
    @Param('id', uuidPipe('id')) id: string,
    @Query() query: PaymentListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    res.setHeader('Content-Disposition', `attachment; filename="danh-sach-ky-nhan.${format}"`);
    return new StreamableFile(await this.paymentList.export(id, format), {
      type: format === 'pdf' ? 'application/pdf' : EXPORT_CONTENT_TYPE[format],
    });
  }

  @Post('award-rounds/:id/payment-list')
  @Access(Action.AwardsPay, inPath('id', 'award-round'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'paidOn', 'handedOverBy'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'The signed payment list, .xlsx or UTF-8 .csv, at most IMPORT_MAX_BYTES (10 MB by default)',
        },
        paidOn: {
          type: 'string',
          format: 'date',
          maxLength: 10,
          example: '2026-11-25',
          description: 'The day of the ceremony; not in the future',
        },
        handedOverBy: {
          type: 'string',
          maxLength: 200,
          example: 'Trần Văn Bình',
          description: 'Who handed the money over',
        },
      },
    },
  })
  @ApiOperation({
    summary: 'Pay the awards marked on a signed payment list',
    description:
      'Pays every row marked "x" in one transaction, or none when a row has a problem (each is reported).',
  })
  @MovesMoney(PaymentListResult, 'Paid: how many awards, and the total')
  @ApiErrors(
    [409, 'The round is not paying (ROUND_STATE)'],
    [413, 'The file is larger than IMPORT_MAX_BYTES'],
    [422, 'A row has a problem (AWARD_PAYMENT_LIST_INVALID; `fields` names each); nothing was paid'],
  )
  async paymentListImport(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: PaymentListFields,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaymentListResult> {
    return send(res, await this.paymentList.import(actor, idem, id, file, fields));
  }

  @Get('awards/:id')
  @Access(Action.AwardsRead, inPath('id', 'award'))
  @ApiOperation({ summary: 'Get an award', description: 'Its recipient, amount, status and payment.' })
  @ApiOkResponse({ type: AwardView, description: 'The award and its payment' })
  getAward(@Param('id', uuidPipe('id')) id: string): Promise<AwardView> {
    return this.awards.getAward(id);
  }

  @Get('awards/:id/certificate')
  @Access(Action.AwardsRead, inPath('id', 'award'))
  @ApiOperation({
    summary: "Download a paid award's certificate",
    description:
      'The certificate (giấy chứng nhận, A4 landscape) from the payment’s snapshot; `copy=true` for a reprint ' +
      'marked "BẢN SAO". Made by a job after the payment: until then, 202.',
  })
  @ApiFile('The certificate (PDF)', 'application/pdf')
  @ApiAcceptedResponse({
    type: PendingDocument,
    description: 'The certificate is still being made: ask again after `Retry-After` seconds',
    headers: RETRY_AFTER_HEADER,
  })
  @ApiErrors([
    409,
    'The award is not paid (AWARD_NOT_PAID), or making its certificate failed for good (JOB_FAILED: `message` gives the reason)',
  ])
  async certificate(
    @Param('id', uuidPipe('id')) id: string,
    @Query() query: DocumentQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | PendingDocument> {
    const certificate = await this.awards.certificate(id, query.copy === 'true');
    return documentResponse(res, certificate, 'Giấy chứng nhận đang được tạo; vui lòng thử lại sau ít giây.');
  }

  @Post('awards/:id/disbursements')
  @Access(Action.AwardsPay, inPath('id', 'award'))
  @ApiOperation({
    summary: 'Pay an award',
    description:
      'Exactly once, out of the round’s reservation (cash against a signature, or bank transfer), while the ' +
      'round is paying; the certificate is then made.',
  })
  @MovesMoney(AwardView, 'Paid: the award with its payment')
  @ApiErrors([409, 'Already paid (AWARD_ALREADY_PAID), revoked (AWARD_REVOKED), or the round is not paying'])
  async pay(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: DisbursementDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AwardView> {
    return send(res, await this.awards.pay(actor, idem, id, dto));
  }

  @Post('awards/:id/return')
  @Access(Action.AwardsPay, inPath('id', 'award'))
  @ApiOperation({
    summary: 'Record a returned payment',
    description: 'The money came back: a reversal of the payment; the award can then be paid again.',
  })
  @MovesMoney(AwardView, 'Returned: the award, unpaid again')
  @ApiErrors([409, 'The award is not paid (AWARD_NOT_PAID)'])
  async returnPayment(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: ReasonDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AwardView> {
    return send(res, await this.awards.returnPayment(actor, idem, id, dto));
  }

  @Post('awards/:id/revocation')
  @Access(Action.AwardsManage, inPath('id', 'award'))
  @ApiOperation({
    summary: 'Revoke an unpaid award',
    description: 'By the chair, with a reason; the award’s money is released from the round.',
  })
  @MovesMoney(AwardView, 'Revoked: the award')
  @ApiErrors(
    [403, 'Only the chair revokes (ROUND_NOT_CHAIR)'],
    [409, 'Already paid (AWARD_ALREADY_PAID) or already revoked (AWARD_REVOKED)'],
  )
  async revoke(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: ReasonDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AwardView> {
    return send(res, await this.awards.revoke(actor, idem, id, dto));
  }
}

/** 201 the first time, 200 with the stored body on a repeat of the Idempotency-Key. */
function send<T>(res: Response, outcome: Outcome<T>): T {
  res.status(outcome.status);
  return outcome.body;
}
