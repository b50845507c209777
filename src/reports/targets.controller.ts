import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { YearPipe, uuidPipe } from '../common/http/params.js';
import { Access, CurrentActor, inPath } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import { Actor } from '../identity/access/actor.js';
import { PutTargetDto, TargetView } from './targets.dto.js';
import { TargetsService } from './targets.service.js';

@ApiTags('reports')
@Controller('units')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get(':id/per-capita-targets')
  @Access(Action.ReportsRead, inPath())
  @ApiOkResponse({
    type: [TargetView],
    description: 'Các chỉ tiêu bình quân áp dụng cho đơn vị, năm mới nhất trước',
  })
  list(@Param('id', uuidPipe('id')) id: string): Promise<TargetView[]> {
    return this.targets.list(id);
  }

  @Put(':id/per-capita-targets/:year')
  @Access(Action.UnitsManage, inPath())
  @ApiOkResponse({ type: TargetView, description: '201 khi năm mới, 200 khi thay thế' })
  async put(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Param('year', YearPipe) year: number,
    @Body() dto: PutTargetDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TargetView> {
    const { created, view } = await this.targets.put(actor, id, year, dto);
    res.status(created ? 201 : 200);
    return view;
  }
}
