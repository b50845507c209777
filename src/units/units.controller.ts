import { Body, Controller, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/http/api-docs.js';
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
  UPDATE_UNIT_EXAMPLE,
  UpdateUnitDto,
} from './dto/unit.dto.js';
import { UnitsService } from './units.service.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Access(Action.UnitsRead, inQuery('parentId'))
  @ApiOperation({
    summary: 'List units',
    description:
      "Units of the caller's subtrees valid on `asOf` (default today; `all`: every period), filtered by parent " +
      'and kind. `q` searches names without accents, or an exact code; a search without `asOf` looks in every period.',
  })
  @ApiOkResponse({ type: UnitPage, description: 'A page of units' })
  list(@CurrentActor() actor: Actor, @Query() query: ListUnitsQuery): Promise<UnitPage> {
    return this.units.list(actor, query);
  }

  @Get(':id')
  @Access(Action.UnitsRead, inPath())
  @ApiOperation({
    summary: 'Get a unit',
    description: 'With its ancestors, predecessors and successors, populations and subtree counts.',
  })
  @ApiOkResponse({ type: UnitDetailView, description: 'The unit in detail' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidPipe('id')) id: string): Promise<UnitDetailView> {
    return this.units.get(actor, id);
  }

  @Get(':id/children')
  @Access(Action.UnitsRead, inPath())
  @ApiOperation({
    summary: "List a unit's children",
    description: 'The children valid on `asOf` (default today).',
  })
  @ApiOkResponse({ type: UnitPage, description: 'A page of child units' })
  children(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Query() query: AsOfQuery,
  ): Promise<UnitPage> {
    return this.units.children(actor, id, query);
  }

  @Post()
  @Access(Action.UnitsManage, inBody('parentId'))
  @ApiOperation({
    summary: 'Create a unit',
    description:
      'Under a parent of the level above (a commune under a district or province, a branch under any unit). ' +
      "Its validity lies within its parent's; its code is unique among units valid at the same time.",
  })
  @ApiCreatedResponse({ type: UnitView, description: 'The new unit' })
  @ApiErrors(
    [409, 'The code is taken by a unit valid at the same time (UNIT_CODE_TAKEN)'],
    [422, "The parent is of the wrong level, or the validity lies outside the parent's"],
  )
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<UnitView> {
    return this.units.create(actor, dto);
  }

  @Patch(':id')
  @Access(Action.UnitsManage, inPath(), inBody('parentId'))
  @ApiOperation({
    summary: 'Change a unit',
    description:
      'Its code, name, address, label, branch kind, validity or receipt form (`receiptForm`, inherited by ' +
      'the units below that have none); a new `parentId` moves the whole subtree.',
  })
  @ApiBody({ type: UpdateUnitDto, examples: { 'a new name': { value: UPDATE_UNIT_EXAMPLE } } })
  @ApiOkResponse({ type: UnitView, description: 'The unit as changed' })
  @ApiErrors(
    [409, 'The code is taken (UNIT_CODE_TAKEN), or the move would make a cycle (UNIT_TREE_CYCLE)'],
    [422, "The parent is of the wrong level, or the validity does not fit the parent's or the children's"],
  )
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: UpdateUnitDto,
  ): Promise<UnitView> {
    return this.units.update(actor, id, dto);
  }

  @Get(':id/population')
  @Access(Action.UnitsRead, inPath())
  @ApiOperation({ summary: "A unit's populations", description: 'Every year recorded, with its source.' })
  @ApiOkResponse({ type: [PopulationView], description: 'The populations, by year' })
  populations(@Param('id', uuidPipe('id')) id: string): Promise<PopulationView[]> {
    return this.units.populations(id);
  }

  @Put(':id/population/:year')
  @Access(Action.UnitsManage, inPath())
  @ApiOperation({
    summary: "Set a unit's population for a year",
    description: 'The denominator of per-capita figures, with where the figure comes from.',
  })
  @ApiCreatedResponse({ type: PopulationView, description: 'Recorded: the year was new' })
  @ApiOkResponse({ type: PopulationView, description: 'Replaced: the year had a figure' })
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
