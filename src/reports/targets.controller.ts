import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({
    summary: 'Per-capita targets that apply to a unit',
    description: "The unit's own targets and its level's, newest year first.",
  })
  @ApiOkResponse({ type: [TargetView], description: 'The targets' })
  list(@Param('id', uuidPipe('id')) id: string): Promise<TargetView[]> {
    return this.targets.list(id);
  }

  @Put(':id/per-capita-targets/:year')
  @Access(Action.UnitsManage, inPath())
  @ApiOperation({
    summary: "Set a unit's own per-capita target for a year",
    description: "A unit's own target comes before its level's.",
  })
  @ApiCreatedResponse({ type: TargetView, description: 'Recorded: the year was new' })
  @ApiOkResponse({ type: TargetView, description: 'Replaced: the year had a target' })
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
