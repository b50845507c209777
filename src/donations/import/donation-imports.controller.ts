import { Body, Controller, Get, Param, Post, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { uuidPipe } from '../../common/http/params.js';
import { Access, CurrentActor, inBody, inPath } from '../../identity/access/access.decorator.js';
import { Action } from '../../identity/access/actions.js';
import { Actor } from '../../identity/access/actor.js';
import { Idempotency, type IdempotentRequest, MovesMoney } from '../../ledger/idempotency.js';
import { DonationImportsService, type UploadFields } from './donation-imports.service.js';
import { COLUMNS } from './import-rows.js';
import { templateWorkbook } from './template.js';
import { ImportCommitView, ImportReport } from './import.dto.js';

@ApiTags('donation imports')
@Controller('donation-imports')
export class DonationImportsController {
  constructor(private readonly imports: DonationImportsService) {}

  @Get('template')
  @Access(Action.DonationsRead)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Mẫu bảng kê khoản ủng hộ (XLSX, tiêu đề tiếng Việt)' })
  async template(@Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    res.setHeader('Content-Disposition', 'attachment; filename="mau-bang-ke-ung-ho.xlsx"');
    return new StreamableFile(await templateWorkbook(COLUMNS.map((c) => c.header)), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
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
        file: { type: 'string', format: 'binary', description: '.xlsx hoặc .csv (UTF-8)' },
        fundId: { type: 'string', format: 'uuid' },
        expectedCount: { type: 'integer', description: 'Số dòng bạn đếm được' },
        expectedTotal: { type: 'integer', description: 'Tổng tiền bạn cộng được (đồng)' },
      },
    },
  })
  @ApiCreatedResponse({ type: ImportReport })
  upload(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() fields: UploadFields,
  ): Promise<ImportReport> {
    return this.imports.upload(actor, file, fields);
  }

  @Get(':id')
  @Access(Action.DonationsRead, inPath('id', 'donation-import'))
  @ApiOkResponse({ type: ImportReport })
  get(@Param('id', uuidPipe('id')) id: string): Promise<ImportReport> {
    return this.imports.get(id);
  }

  @Post(':id/commit')
  @Access(Action.DonationsRecord, inPath('id', 'donation-import'))
  @MovesMoney()
  @ApiCreatedResponse({ type: ImportCommitView, description: 'Tất cả các dòng, hoặc không dòng nào' })
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
