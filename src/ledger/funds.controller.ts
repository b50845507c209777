import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../common/http/api-docs.js';
import { uuidPipe } from '../common/http/params.js';
import { Access, CurrentActor, inBody, inPath, inQuery } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import { Actor } from '../identity/access/actor.js';
import {
  AsOfDayQuery,
  CreateFundDto,
  EntryView,
  FundBalanceView,
  FundEntriesQuery,
  FundEntryPage,
  FundPage,
  FundView,
  InKindIssueDto,
  InKindIssueView,
  ListFundsQuery,
  OpeningBalanceDto,
  OpeningBalanceView,
  ReverseEntryDto,
  TransferDto,
  TransferView,
} from './dto/fund.dto.js';
import { Idempotency, type IdempotentRequest, MovesMoney, type Outcome } from './idempotency.js';
import { InKindService } from './in-kind.service.js';
import { LedgerService } from './ledger.service.js';

/** First time 201, a replay of the same Idempotency-Key 200, with the same body. */
function reply<T>(res: Response, outcome: Outcome<T>): T {
  res.status(outcome.status);
  return outcome.body;
}

@ApiTags('funds')
@Controller()
export class FundsController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly inKind: InKindService,
  ) {}

  @Get('funds')
  @Access(Action.FundsRead, inQuery('unitId'))
  @ApiOperation({
    summary: 'List funds',
    description:
      "Funds of the caller's units (or of `unitId` and its subtree), with balance, reserved and available.",
  })
  @ApiOkResponse({ type: FundPage, description: 'A page of funds' })
  list(@CurrentActor() actor: Actor, @Query() query: ListFundsQuery): Promise<FundPage> {
    return this.ledger.listFunds(actor, query, actor.located.get('unitId')?.path);
  }

  @Post('funds')
  @Access(Action.FundsManage, inBody('unitId'))
  @ApiOperation({
    summary: 'Open a fund',
    description:
      'A fund owned by a unit, empty; `restriction` states what its money must be spent on, if anything.',
  })
  @ApiCreatedResponse({ type: FundView, description: 'The new fund, with a zero balance' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFundDto): Promise<FundView> {
    return this.ledger.createFund(actor, dto);
  }

  @Get('funds/:id')
  @Access(Action.FundsRead, inPath('id', 'fund'))
  @ApiOperation({
    summary: 'Get a fund',
    description: 'Its balance, the part reserved by award rounds, and what is available.',
  })
  @ApiOkResponse({ type: FundView, description: 'The fund' })
  get(@Param('id', uuidPipe('id')) id: string): Promise<FundView> {
    return this.ledger.getFund(id);
  }

  @Get('funds/:id/balance')
  @Access(Action.FundsRead, inPath('id', 'fund'))
  @ApiOperation({
    summary: "A fund's balance at the end of a day",
    description:
      'Recomputed from the postings by value date (`receivedOn`, `paidOn`, …), not by time of entry.',
  })
  @ApiOkResponse({
    type: FundBalanceView,
    description: 'Balance, reserved and available at the end of `asOf`',
  })
  balance(@Param('id', uuidPipe('id')) id: string, @Query() query: AsOfDayQuery): Promise<FundBalanceView> {
    return this.ledger.balanceAsOf(id, query);
  }

  @Get('funds/:id/entries')
  @Access(Action.FundsRead, inPath('id', 'fund'))
  @ApiOperation({
    summary: "A fund's journal entries",
    description: 'Every movement of the fund, newest first, with reversals linked.',
  })
  @ApiOkResponse({ type: FundEntryPage, description: 'A page of entries' })
  entries(@Param('id', uuidPipe('id')) id: string, @Query() query: FundEntriesQuery): Promise<FundEntryPage> {
    return this.ledger.entries(id, query);
  }

  @Post('funds/:id/close')
  @Access(Action.FundsManage, inPath('id', 'fund'))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a fund',
    description:
      'Only when both its cash balance and its in-kind value held are zero; a closed fund takes no more money.',
  })
  @ApiOkResponse({ type: FundView, description: 'The fund, now closed' })
  @ApiErrors([
    422,
    'The cash balance or the in-kind value is not zero (FUND_NOT_EMPTY), or the fund is already closed (FUND_CLOSED)',
  ])
  close(@CurrentActor() actor: Actor, @Param('id', uuidPipe('id')) id: string): Promise<FundView> {
    return this.ledger.closeFund(actor, id);
  }

  @Post('funds/:id/opening-balance')
  @Access(Action.FundsManage, inPath('id', 'fund'))
  @ApiOperation({
    summary: "Record a fund's opening balance",
    description:
      'The balance brought in from the paper books as of a day, once per fund (again only after its reversal).',
  })
  @MovesMoney(OpeningBalanceView, 'Recorded: the fund with its new balance, and the entry')
  @ApiErrors(
    [409, 'The fund already has an opening balance (OPENING_BALANCE_EXISTS)'],
    [422, 'The fund is closed (FUND_CLOSED) or would exceed its limit (FUND_TOO_LARGE)'],
  )
  async openingBalance(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: OpeningBalanceDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OpeningBalanceView> {
    return reply(res, await this.ledger.openingBalance(actor, idem, id, dto));
  }

  @Post('funds/:id/in-kind-issues')
  @Access(Action.FundsManage, inPath('id', 'fund'))
  @ApiOperation({
    summary: 'Hand out in-kind gifts',
    description:
      'Goods the fund received (xuất hiện vật) handed out to learners or a school: their value leaves the ' +
      "fund's in-kind value (`inKind`), never its cash. Reverse a mistaken one with POST /entries/:id/reverse.",
  })
  @MovesMoney(InKindIssueView, 'Handed out: the hand-over entry and the in-kind value left')
  @ApiErrors([
    422,
    'More than the in-kind value the fund holds (FUND_IN_KIND_INSUFFICIENT), or the fund is closed (FUND_CLOSED)',
  ])
  async issueInKind(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: InKindIssueDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InKindIssueView> {
    return reply(res, await this.inKind.issue(actor, idem, id, dto));
  }

  @Post('transfers')
  @Access(Action.FundsManage, inBody('fromFundId', 'fund'))
  @ApiOperation({
    summary: 'Transfer money between funds',
    description:
      'Within a unit, or between a unit and its parent or a child. Transfers never count as money raised.',
  })
  @MovesMoney(TransferView, 'Transferred: the journal entry')
  @ApiErrors([
    422,
    'The source fund lacks the available money (FUND_INSUFFICIENT), a fund is closed (FUND_CLOSED), or the units are not related (TRANSFER_UNITS_UNRELATED)',
  ])
  async transfer(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Body() dto: TransferDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TransferView> {
    return reply(res, await this.ledger.transfer(actor, idem, dto));
  }

  @Post('entries/:id/reverse')
  @Access(Action.FundsManage, inPath('id', 'entry'))
  @ApiOperation({
    summary: 'Reverse a journal entry',
    description:
      'A transfer or an opening balance, by a reversing entry that points at it (nothing is edited or deleted). ' +
      'A donation is voided instead.',
  })
  @MovesMoney(EntryView, 'Reversed: the reversing entry')
  @ApiErrors(
    [409, 'Already reversed (ENTRY_ALREADY_REVERSED)'],
    [422, 'Not reversible this way (ENTRY_NOT_REVERSIBLE), or a fund lacks the money (FUND_INSUFFICIENT)'],
  )
  async reverse(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: ReverseEntryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EntryView> {
    return reply(res, await this.ledger.reverse(actor, idem, id, dto));
  }
}
