import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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
  ListFundsQuery,
  OpeningBalanceDto,
  ReverseEntryDto,
  TransferDto,
  TransferView,
} from './dto/fund.dto.js';
import { Idempotency, type IdempotentRequest, MovesMoney, type Outcome } from './idempotency.js';
import { LedgerService } from './ledger.service.js';

/** First time 201, a replay of the same Idempotency-Key 200, with the same body. */
function reply<T>(res: Response, outcome: Outcome<T>): T {
  res.status(outcome.status);
  return outcome.body;
}

@ApiTags('funds')
@Controller()
export class FundsController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('funds')
  @Access(Action.FundsRead, inQuery('unitId'))
  @ApiOkResponse({ type: FundPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListFundsQuery): Promise<FundPage> {
    return this.ledger.listFunds(actor, query, actor.located.get('unitId')?.path);
  }

  @Post('funds')
  @Access(Action.FundsManage, inBody('unitId'))
  @ApiCreatedResponse({ type: FundView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFundDto): Promise<FundView> {
    return this.ledger.createFund(actor, dto);
  }

  @Get('funds/:id')
  @Access(Action.FundsRead, inPath('id', 'fund'))
  @ApiOkResponse({ type: FundView })
  get(@Param('id', uuidPipe('id')) id: string): Promise<FundView> {
    return this.ledger.getFund(id);
  }

  @Get('funds/:id/balance')
  @Access(Action.FundsRead, inPath('id', 'fund'))
  @ApiOkResponse({ type: FundBalanceView, description: 'Số dư cuối một ngày, tính lại từ các bút toán' })
  balance(@Param('id', uuidPipe('id')) id: string, @Query() query: AsOfDayQuery): Promise<FundBalanceView> {
    return this.ledger.balanceAsOf(id, query);
  }

  @Get('funds/:id/entries')
  @Access(Action.FundsRead, inPath('id', 'fund'))
  @ApiOkResponse({ type: FundEntryPage })
  entries(@Param('id', uuidPipe('id')) id: string, @Query() query: FundEntriesQuery): Promise<FundEntryPage> {
    return this.ledger.entries(id, query);
  }

  @Post('funds/:id/close')
  @Access(Action.FundsManage, inPath('id', 'fund'))
  @HttpCode(200)
  @ApiOkResponse({ type: FundView, description: 'Chỉ khi số dư bằng 0' })
  close(@CurrentActor() actor: Actor, @Param('id', uuidPipe('id')) id: string): Promise<FundView> {
    return this.ledger.closeFund(actor, id);
  }

  @Post('funds/:id/opening-balance')
  @Access(Action.FundsManage, inPath('id', 'fund'))
  @MovesMoney()
  @ApiCreatedResponse({ type: FundView })
  async openingBalance(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: OpeningBalanceDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FundView> {
    return reply(res, await this.ledger.openingBalance(actor, idem, id, dto));
  }

  @Post('transfers')
  @Access(Action.FundsManage, inBody('fromFundId', 'fund'))
  @MovesMoney()
  @ApiCreatedResponse({ type: TransferView, description: '422 FUND_INSUFFICIENT khi quỹ chuyển không đủ' })
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
  @MovesMoney()
  @ApiCreatedResponse({ type: EntryView })
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
