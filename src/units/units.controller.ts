import { Body, Controller, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { YearPipe, uuidPipe } from '../common/http/params.js';
import { Access, CurrentActor, inBody, inPath, inQuery } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import { Actor } from '../identity/access/actor.js';
import {
  AsOfQuery,
  CreateUnitDto,
  ListUnitsQuery,
  PopulationView,
  PutPopulationDto,
  UnitDetailView,
  UnitPage,
  UnitView,
  UpdateUnitDto,
} from './dto/unit.dto.js';
import { UnitsService } from './units.service.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Access(Action.UnitsRead, inQuery('parentId'))
  @ApiOkResponse({ type: UnitPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListUnitsQuery): Promise<UnitPage> {
    return this.units.list(actor, query);
  }

  @Get(':id')
  @Access(Action.UnitsRead, inPath())
  @ApiOkResponse({ type: UnitDetailView })
  get(@CurrentActor() actor: Actor, @Param('id', uuidPipe('id')) id: string): Promise<UnitDetailView> {
    return this.units.get(actor, id);
  }

  @Get(':id/children')
  @Access(Action.UnitsRead, inPath())
  @ApiOkResponse({ type: UnitPage })
  children(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Query() query: AsOfQuery,
  ): Promise<UnitPage> {
    return this.units.children(actor, id, query);
  }

  @Post()
  @Access(Action.UnitsManage, inBody('parentId'))
  @ApiOkResponse({ type: UnitView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<UnitView> {
    return this.units.create(actor, dto);
  }

  @Patch(':id')
  @Access(Action.UnitsManage, inPath(), inBody('parentId'))
  @ApiOkResponse({ type: UnitView })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: UpdateUnitDto,
  ): Promise<UnitView> {
    return this.units.update(actor, id, dto);
  }

  @Get(':id/population')
  @Access(Action.UnitsRead, inPath())
  @ApiOkResponse({ type: [PopulationView] })
  populations(@Param('id', uuidPipe('id')) id: string): Promise<PopulationView[]> {
    return this.units.populations(id);
  }

  @Put(':id/population/:year')
  @Access(Action.UnitsManage, inPath())
  @ApiOkResponse({ type: PopulationView, description: '201 when the year is new, 200 when replaced' })
  async putPopulation(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Param('year', YearPipe) year: number,
    @Body() dto: PutPopulationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PopulationView> {
    const { created, view } = await this.units.putPopulation(actor, id, year, dto);
    res.status(created ? 201 : 200);
    return view;
  }
}
