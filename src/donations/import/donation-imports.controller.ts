import { Body, Controller, Get, Param, Post, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, ApiFile } from '../../common/http/api-docs.js';
import { EXPORT_CONTENT_TYPE } from '../../common/csv-export.js';
import { uuidPipe } from '../../common/http/params.js';
import { Access, CurrentActor, inBody, inPath } from '../../identity/access/access.decorator.js';
import { Action } from '../../identity/access/actions.js';
import { Actor } from '../../identity/access/actor.js';
import { Idempotency, type IdempotentRequest, MovesMoney } from '../../ledger/idempotency.js';
import { DonationImportsService, type UploadFields } from './donation-imports.service.js';
import { ImportCommitView, ImportReport } from './import.dto.js';

@ApiTags('donation imports')
@Controller('donation-imports')
export class DonationImportsController {
  constructor(private readonly imports: DonationImportsService) {}

  @Get('template')
  @Access(Action.DonationsRead)
  @ApiOperation({
    summary: 'Download the donation spreadsheet template',
    description: 'An XLSX with the Vietnamese headings the upload expects, to fill in and check.',
  })
  @ApiFile('The template (XLSX, Vietnamese headings)', EXPORT_CONTENT_TYPE.xlsx)
  async template(@Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    res.setHeader('Content-Disposition', 'attachment; filename="mau-bang-ke-ung-ho.xlsx"');
    return new StreamableFile(await this.imports.template(), {
      type: EXPORT_CONTENT_TYPE.xlsx,
    });
  }

  /** Validates the whole file and reports; writes no donation. */
  @Post()
  @Access(Action.DonationsRecord, inBody('fundId', 'fund'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'fundId', 'expectedCount', 'expectedTotal'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'The filled template, .xlsx or UTF-8 .csv, at most IMPORT_MAX_BYTES (10 MB by default)',
        },
        fundId: {
          type: 'string',
          format: 'uuid',
          maxLength: 36,
          description: 'The fund every row goes into',
          example: '4b6f1c2e-8a3d-4f5b-9c7e-2d1a0b3c4e5f',
        },
        expectedCount: {
          type: 'integer',
          format: 'int32',
          minimum: 1,
          maximum: 100000,
          description: 'The number of rows as you counted them',
          example: 42,
        },
        expectedTotal: {
          type: 'integer',
          format: 'int64',
          minimum: 1,
          maximum: 10_000_000_000_000,
          description: 'Their total in đồng, as you added it up',
          example: 36500000,
        },
      },
    },
  })
  @ApiOperation({
    summary: 'Check a donation spreadsheet',
    description:
      'Reads every row and reports every problem by row and column, and whether the count and total match ' +
      'yours; writes no donation. Commit it with `POST /donation-imports/{id}/commit`.',
  })
  @ApiCreatedResponse({ type: ImportReport, description: 'The report, kept for the commit' })
  @ApiErrors([413, 'The file is larger than IMPORT_MAX_BYTES'], [422, 'The fund is closed (FUND_CLOSED)'])
  upload(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: UploadFields,
  ): Promise<ImportReport> {
    return this.imports.upload(actor, file, fields);
  }

  @Get(':id')
  @Access(Action.DonationsRead, inPath('id', 'donation-import'))
  @ApiOperation({
    summary: 'Get a spreadsheet check report',
    description: 'The report of an upload, and once committed the receipts it was given.',
  })
  @ApiOkResponse({ type: ImportReport, description: 'The report' })
  get(@Param('id', uuidPipe('id')) id: string): Promise<ImportReport> {
    return this.imports.get(id);
  }

  @Post(':id/commit')
  @Access(Action.DonationsRecord, inPath('id', 'donation-import'))
  @ApiOperation({
    summary: 'Commit a checked spreadsheet',
    description:
      'Records every row in one transaction, receipt numbers in file order, or none. The same file is ' +
      'committed to a fund at most once.',
  })
  @MovesMoney(ImportCommitView, 'Committed: the report with the first and last receipt numbers')
  @ApiErrors(
    [409, 'Already committed, or the same file was committed to this fund before'],
    [422, 'The report has problems, or the count or total does not match (IMPORT_INVALID)'],
  )
  async commit(
    @CurrentActor() actor: Actor,
    @Idempotency() idem: IdempotentRequest,
    @Param('id', uuidPipe('id')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportCommitView> {
    const outcome = await this.imports.commit(actor, idem, id);
    res.status(outcome.status);
    return outcome.body;
  }
}
