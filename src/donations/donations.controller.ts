import { Body, Controller, Get, Header, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EXPORT_CONTENT_TYPE } from '../common/csv-export.js';
import { todayInVietnam } from '../common/dates.js';
import { ApiErrors, ApiFile, ApiJsonOrFile, RETRY_AFTER_HEADER } from '../common/http/api-docs.js';
import { uuidPipe } from '../common/http/params.js';
import { documentResponse, PendingDocument, pdfResponse, wantsPdf } from '../documents/document-response.js';
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
  RECORD_DONATION_EXAMPLE,
  RECORD_PAPER_DONATION_EXAMPLE,
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
  @ApiOperation({
    summary: 'Record a donation',
    description:
      'Records money or goods received into a fund, with an existing donor (`donorId`), a new one (`donor`), ' +
      'or `{"kind": "anonymous"}`, and takes the next receipt number of the unit and year. The receipt PDF ' +
      'is made after the commit (`GET /donations/{id}/receipt`). `receivedOn` may be in the past, not in the future.',
  })
  @ApiBody({
    type: RecordDonationDto,
    examples: {
      'a new donor': { value: RECORD_DONATION_EXAMPLE },
      'a paper receipt already handed out': { value: RECORD_PAPER_DONATION_EXAMPLE },
    },
  })
  @MovesMoney(DonationView, 'Recorded: the donation with its receipt number and verification code')
  @ApiErrors(
    [
      409,
      'The paper receipt (book and number) is already recorded in the unit that year (PAPER_RECEIPT_TAKEN)',
    ],
    [422, 'The fund is closed (FUND_CLOSED) or would exceed its limit (FUND_TOO_LARGE)'],
  )
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
  @ApiOperation({
    summary: 'List donations',
    description:
      "Donations of the caller's units, newest first, filtered; `totalAmount` sums those not voided. " +
      'With `format=csv` or `xlsx`, every matching row as a download (formulas neutralised).',
  })
  @ApiJsonOrFile(
    DonationPage,
    'A page of donations, or every row as CSV or XLSX',
    EXPORT_CONTENT_TYPE.csv,
    EXPORT_CONTENT_TYPE.xlsx,
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
  @ApiOperation({
    summary: 'Get a donation',
    description: 'With its donor, its receipt and, once voided, the reason.',
  })
  @ApiOkResponse({ type: DonationView, description: 'The donation, its donor and its receipt' })
  get(@Param('id', uuidPipe('id')) id: string): Promise<DonationView> {
    return this.donations.get(id);
  }

  @Get('donations/:id/receipt')
  @Access(Action.DonationsRead, inPath('id', 'donation'))
  @ApiOperation({
    summary: "Download a donation's receipt",
    description:
      'The receipt (phiếu thu, form 01-TT, A5) as issued, marked "ĐÃ HỦY" once voided; `copy=true` prints ' +
      'a reprint marked "BẢN SAO". It is made by a job after the donation commits: until then, 202.',
  })
  @ApiFile('The receipt (PDF)', 'application/pdf')
  @ApiAcceptedResponse({
    type: PendingDocument,
    description: 'The receipt is still being made: ask again after `Retry-After` seconds',
    headers: RETRY_AFTER_HEADER,
  })
  @ApiErrors([409, 'Making the receipt failed for good (JOB_FAILED): `message` gives the reason'])
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
  @ApiOperation({
    summary: 'Void a donation',
    description:
      'Reverses the donation in the ledger (a reversing entry; nothing is deleted). The receipt keeps its ' +
      'number and is made again with an "ĐÃ HỦY" stamp. A gift of goods is taken back from the fund\'s ' +
      'in-kind value, so it can be voided only while the goods are still held.',
  })
  @MovesMoney(DonationView, 'Voided: the donation, now with status "void"')
  @ApiErrors(
    [
      409,
      'Already voided (DONATION_ALREADY_VOID), or a gift of goods already handed out (DONATION_GOODS_HANDED_OUT)',
    ],
    [422, 'The fund no longer holds the money to reverse it (FUND_INSUFFICIENT)'],
  )
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
  @ApiOperation({
    summary: 'List donors',
    description:
      "Donors of the caller's units; `q` searches names without accents, phone numbers and tax codes.",
  })
  @ApiOkResponse({ type: DonorPage, description: 'A page of donors' })
  listDonors(@CurrentActor() actor: Actor, @Query() query: ListDonorsQuery): Promise<DonorPage> {
    return this.donations.listDonors(actor, query, actor.located.get('unitId')?.path);
  }

  @Post('donors')
  @Access(Action.DonationsRecord, inBody('unitId'))
  @ApiOperation({
    summary: 'Register a donor',
    description:
      'A donor of a unit. Possible duplicates (same name, phone or tax code) are listed, never merged.',
  })
  @ApiCreatedResponse({ type: DonorDetailView, description: 'The donor, with possible duplicates' })
  createDonor(@CurrentActor() actor: Actor, @Body() dto: CreateDonorDto): Promise<DonorDetailView> {
    return this.donations.createDonor(actor, dto);
  }

  @Get('donors/:id')
  @Access(Action.DonationsRead, inPath('id', 'donor'))
  @ApiOperation({
    summary: 'Get a donor',
    description: 'With the donors that may be the same person (same name, phone or tax code).',
  })
  @ApiOkResponse({ type: DonorDetailView, description: 'The donor, with possible duplicates' })
  getDonor(@CurrentActor() actor: Actor, @Param('id', uuidPipe('id')) id: string): Promise<DonorDetailView> {
    return this.donations.getDonor(actor, id);
  }

  @Get('donors/:id/statement')
  @Access(Action.DonationsRead, inPath('id', 'donor'))
  @Header('Vary', 'Accept')
  @ApiOperation({
    summary: "A donor's yearly statement",
    description:
      "The donor's gifts in a calendar year (voided ones listed, not counted). With `format=pdf` or " +
      '`Accept: application/pdf`, the statement to print (bảng kê đóng góp, A4). Not for the anonymous donor.',
  })
  @ApiJsonOrFile(StatementView, "The year's gifts, or the statement as a PDF", 'application/pdf')
  @ApiErrors([422, 'The anonymous donor has no statement (DONOR_ANONYMOUS_STATEMENT)'])
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
