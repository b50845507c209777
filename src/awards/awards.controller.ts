import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { EXPORT_CONTENT_TYPE } from '../common/csv-export.js';
import type { Response } from 'express';
import { uuidPipe } from '../common/http/params.js';
import { documentResponse, type PendingDocument } from '../documents/document-response.js';
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
  PaymentListQuery,
  ReasonDto,
  ReviewDto,
  TransitionDto,
} from './dto/award.dto.js';

const REPEAT = 'Lặp lại cùng Idempotency-Key: 200 và đúng nội dung lần đầu';

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
  @ApiCreatedResponse({ type: RoundView, description: 'Đợt xét ở trạng thái nháp' })
  createRound(@CurrentActor() actor: Actor, @Body() dto: CreateRoundDto): Promise<RoundView> {
    return this.awards.createRound(actor, dto);
  }

  @Get('award-rounds')
  @Access(Action.AwardsRead, inQuery('unitId'))
  @ApiOkResponse({ type: RoundPage, description: 'Đợt xét của các đơn vị bạn phụ trách và của cấp trên' })
  listRounds(@CurrentActor() actor: Actor, @Query() query: ListRoundsQuery): Promise<RoundPage> {
    return this.awards.listRounds(actor, query);
  }

  @Get('award-rounds/:id')
  @Access(Action.AwardsRead, fromBelow(inPath('id', 'award-round')))
  @ApiOkResponse({ type: RoundView })
  getRound(@Param('id', uuidPipe('id')) id: string): Promise<RoundView> {
    return this.awards.getRound(id);
  }

  @Post('award-rounds/:id/transitions')
  @Access(Action.AwardsManage, inPath('id', 'award-round'))
  @MovesMoney()
  @ApiCreatedResponse({
    type: RoundView,
    description: `Mở đợt giữ kinh phí trong quỹ; kết thúc hoàn phần chưa chi. ${REPEAT}`,
  })
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
  @ApiCreatedResponse({ type: NominationView, description: 'Kèm kết quả đối chiếu điều kiện' })
  nominate(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: NominationDto,
  ): Promise<NominationView> {
    return this.awards.nominate(actor, id, dto);
  }

  @Get('award-rounds/:id/nomination-template')
  @Access(Action.AwardsRead, fromBelow(inPath('id', 'award-round')))
  @ApiProduces(EXPORT_CONTENT_TYPE.xlsx)
  @ApiOkResponse({ description: 'Mẫu bảng đề cử (XLSX) với các hạng mục của đợt xét' })
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
        file: { type: 'string', format: 'binary', description: 'Bảng đề cử theo mẫu (.xlsx hoặc .csv)' },
        unitId: { type: 'string', description: 'Đơn vị đề cử' },
        commit: { type: 'string', enum: ['true', 'false'], description: 'true: ghi tất cả nếu không có lỗi' },
      },
    },
  })
  @ApiCreatedResponse({
    description:
      'Báo cáo từng dòng; commit=true ghi tất cả hồ sơ trong một giao dịch, có lỗi thì không ghi gì',
  })
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
  @ApiOkResponse({ type: NominationPage, description: 'Xếp hạng trong từng hạng mục' })
  listNominations(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Query() query: ListNominationsQuery,
  ): Promise<NominationPage> {
    return this.awards.listNominations(actor, id, query);
  }

  @Post('nominations/:id/reviews')
  @Access(Action.AwardsReview, inPath('id', 'nomination'))
  @ApiCreatedResponse({ type: NominationView, description: 'Phiếu của bạn; bỏ lại thì thay phiếu cũ' })
  review(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: ReviewDto,
  ): Promise<NominationView> {
    return this.awards.review(actor, id, dto);
  }

  @Post('nominations/:id/recusal')
  @Access(Action.AwardsReview, inPath('id', 'nomination'))
  @ApiCreatedResponse({ type: NominationView, description: 'Rút khỏi việc xét hồ sơ (xung đột lợi ích)' })
  recuse(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: ReasonDto,
  ): Promise<NominationView> {
    return this.awards.recuse(actor, id, dto);
  }

  @Post('award-rounds/:id/decision')
  @Access(Action.AwardsManage, inPath('id', 'award-round'))
  @MovesMoney()
  @ApiCreatedResponse({ type: RoundView, description: `Quyết định của hội đồng, do chủ tịch ghi. ${REPEAT}` })
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
  @ApiAcceptedResponse({
    type: JobView,
    description: 'Bắt đầu in giấy chứng nhận của cả đợt (một tệp ZIP); theo dõi ở Location: /api/v1/jobs/:id',
  })
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
  @ApiOkResponse({ type: AwardList })
  listAwards(@Param('id', uuidPipe('id')) id: string): Promise<AwardList> {
    return this.awards.listAwards(id);
  }

  @Get('award-rounds/:id/payment-list')
  @Access(Action.AwardsRead, inPath('id', 'award-round'))
  @ApiProduces(EXPORT_CONTENT_TYPE.xlsx, EXPORT_CONTENT_TYPE.csv, 'application/pdf')
  @ApiOkResponse({
    description: 'Danh sách ký nhận: xlsx (mặc định) hoặc csv để ghi "x" rồi tải lên lại; pdf để in và ký',
  })
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
  @MovesMoney()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'paidOn', 'handedOverBy'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'Danh sách ký nhận đã ký (.xlsx hoặc .csv)' },
        paidOn: { type: 'string', example: '2026-11-25', description: 'Ngày trao' },
        handedOverBy: { type: 'string', description: 'Người trao' },
      },
    },
  })
  @ApiCreatedResponse({
    description: `Chi trả mọi dòng ghi "x", trong một giao dịch; có lỗi thì không chi dòng nào. ${REPEAT}`,
  })
  async paymentListImport(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: PaymentListFields,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ paid: number; total: number }> {
    return send(res, await this.paymentList.import(actor, idem, id, file, fields));
  }

  @Get('awards/:id')
  @Access(Action.AwardsRead, inPath('id', 'award'))
  @ApiOkResponse({ type: AwardView })
  getAward(@Param('id', uuidPipe('id')) id: string): Promise<AwardView> {
    return this.awards.getAward(id);
  }

  @Get('awards/:id/certificate')
  @Access(Action.AwardsRead, inPath('id', 'award'))
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Giấy chứng nhận (PDF) của suất đã chi trả' })
  @ApiAcceptedResponse({ description: 'Giấy chứng nhận đang được tạo: thử lại sau Retry-After giây' })
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
  @MovesMoney()
  @ApiCreatedResponse({ type: AwardView, description: `Chi trả một lần. ${REPEAT}` })
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
  @MovesMoney()
  @ApiCreatedResponse({ type: AwardView, description: `Tiền chi bị trả lại: bút toán đảo. ${REPEAT}` })
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
  @MovesMoney()
  @ApiCreatedResponse({ type: AwardView, description: `Thu hồi một suất chưa chi, có lý do. ${REPEAT}` })
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
