import { Body, Controller, Get, Header, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EXPORT_CONTENT_TYPE } from '../common/csv-export.js';
import { todayInVietnam } from '../common/dates.js';
import { uuidPipe } from '../common/http/params.js';
import {
  documentResponse,
  type PendingDocument,
  pdfResponse,
  wantsPdf,
} from '../documents/document-response.js';
import { DocumentQuery } from '../documents/document-query.js';
import { Access, CurrentActor, inBody, inPath, inQuery } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import { Actor } from '../identity/access/actor.js';
import { Idempotency, type IdempotentRequest, MovesMoney } from '../ledger/idempotency.js';
import { DonationsService } from './donations.service.js';
import {
  DonationPage,
  DonationView,
  ListDonationsQuery,
  RecordDonationDto,
  StatementView,
  VoidDonationDto,
} from './dto/donation.dto.js';
import {
  CreateDonorDto,
  DonorDetailView,
  DonorPage,
  ListDonorsQuery,
  StatementQuery,
} from './dto/donor.dto.js';

@ApiTags('donations')
@Controller()
export class DonationsController {
  constructor(private readonly donations: DonationsService) {}

  @Post('donations')
  @Access(Action.DonationsRecord, inBody('fundId', 'fund'), inBody('donorId', 'donor'))
  @MovesMoney()
  @ApiCreatedResponse({
    type: DonationView,
    description: 'Lặp lại cùng Idempotency-Key: 200 và đúng nội dung lần đầu',
  })
  async record(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Body() dto: RecordDonationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DonationView> {
    const outcome = await this.donations.record(actor, idem, dto);
    res.status(outcome.status);
    return outcome.body;
  }

  @Get('donations')
  @Access(Action.DonationsRead, inQuery('unitId'), inQuery('fundId', 'fund'), inQuery('donorId', 'donor'))
  @ApiOkResponse({ type: DonationPage })
  @ApiProduces(
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListDonationsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DonationPage | StreamableFile> {
    if (query.format === 'csv' || query.format === 'xlsx') {
      res.setHeader('Content-Disposition', `attachment; filename="khoan-ung-ho.${query.format}"`);
      return new StreamableFile(await this.donations.export(actor, query, query.format), {
        type: EXPORT_CONTENT_TYPE[query.format],
      });
    }
    return this.donations.list(actor, query);
  }

  @Get('donations/:id')
  @Access(Action.DonationsRead, inPath('id', 'donation'))
  @ApiOkResponse({ type: DonationView })
  get(@Param('id', uuidPipe('id')) id: string): Promise<DonationView> {
    return this.donations.get(id);
  }

  @Get('donations/:id/receipt')
  @Access(Action.DonationsRead, inPath('id', 'donation'))
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Phiếu thu (PDF)' })
  @ApiAcceptedResponse({ description: 'Phiếu thu đang được tạo: thử lại sau Retry-After giây' })
  async receipt(
    @Param('id', uuidPipe('id')) id: string,
    @Query() query: DocumentQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | PendingDocument> {
    const receipt = await this.donations.receipt(id, query.copy === 'true');
    return documentResponse(res, receipt, 'Phiếu thu đang được tạo; vui lòng thử lại sau ít giây.');
  }

  @Post('donations/:id/void')
  @Access(Action.DonationsRecord, inPath('id', 'donation'))
  @MovesMoney()
  @ApiCreatedResponse({ type: DonationView, description: 'Bút toán đảo; phiếu thu giữ số và ghi "đã hủy"' })
  async void(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: VoidDonationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DonationView> {
    const outcome = await this.donations.voidDonation(actor, idem, id, dto);
    res.status(outcome.status);
    return outcome.body;
  }

  @Get('donors')
  @Access(Action.DonationsRead, inQuery('unitId'))
  @ApiOkResponse({ type: DonorPage })
  listDonors(@CurrentActor() actor: Actor, @Query() query: ListDonorsQuery): Promise<DonorPage> {
    return this.donations.listDonors(actor, query, actor.located.get('unitId')?.path);
  }

  @Post('donors')
  @Access(Action.DonationsRecord, inBody('unitId'))
  @ApiCreatedResponse({ type: DonorDetailView })
  createDonor(@CurrentActor() actor: Actor, @Body() dto: CreateDonorDto): Promise<DonorDetailView> {
    return this.donations.createDonor(actor, dto);
  }

  @Get('donors/:id')
  @Access(Action.DonationsRead, inPath('id', 'donor'))
  @ApiOkResponse({ type: DonorDetailView })
  getDonor(@CurrentActor() actor: Actor, @Param('id', uuidPipe('id')) id: string): Promise<DonorDetailView> {
    return this.donations.getDonor(actor, id);
  }

  @Get('donors/:id/statement')
  @Access(Action.DonationsRead, inPath('id', 'donor'))
  @Header('Vary', 'Accept')
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({
    type: StatementView,
    description: 'JSON; PDF (bảng kê để in) với format=pdf hoặc Accept: application/pdf',
  })
  async statement(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Query() query: StatementQuery,
    @Req() req: Request,
  ): Promise<StatementView | StreamableFile> {
    const year = query.year ?? Number(todayInVietnam().slice(0, 4));
    if (wantsPdf(req, query.format)) return pdfResponse(await this.donations.statementPdf(actor, id, year));
    return this.donations.statement(actor, id, year);
  }
}
