import { Body, Controller, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { YearPipe, uuidPipe } from '../common/http/params.js';
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
  @ApiOkResponse({ type: UnitPage })
  list(@Query() query: ListUnitsQuery): Promise<UnitPage> {
    return this.units.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UnitDetailView })
  get(@Param('id', uuidPipe('id')) id: string): Promise<UnitDetailView> {
    return this.units.get(id);
  }

  @Get(':id/children')
  @ApiOkResponse({ type: UnitPage })
  children(@Param('id', uuidPipe('id')) id: string, @Query() query: AsOfQuery): Promise<UnitPage> {
    return this.units.children(id, query);
  }

  @Post()
  @ApiOkResponse({ type: UnitView })
  create(@Body() dto: CreateUnitDto): Promise<UnitView> {
    return this.units.create(dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UnitView })
  update(@Param('id', uuidPipe('id')) id: string, @Body() dto: UpdateUnitDto): Promise<UnitView> {
    return this.units.update(id, dto);
  }

  @Get(':id/population')
  @ApiOkResponse({ type: [PopulationView] })
  populations(@Param('id', uuidPipe('id')) id: string): Promise<PopulationView[]> {
    return this.units.populations(id);
  }

  @Put(':id/population/:year')
  @ApiOkResponse({ type: PopulationView, description: '201 when the year is new, 200 when replaced' })
  async putPopulation(
    @Param('id', uuidPipe('id')) id: string,
    @Param('year', YearPipe) year: number,
    @Body() dto: PutPopulationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PopulationView> {
    const { created, view } = await this.units.putPopulation(id, year, dto);
    res.status(created ? 201 : 200);
    return view;
  }
}
