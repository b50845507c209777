import { randomUUID } from 'node:crypto';
import { Body, Get, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EXPORT_CONTENT_TYPE } from '../common/csv-export.js';
import type { AppError } from '../common/errors.js';
import { uuidPipe } from '../common/http/params.js';
import { DonationImportsService } from '../donations/import/donation-imports.service.js';
import { CurrentActor, inBody, inPath } from '../identity/access/access.decorator.js';
import { Action } from '../identity/access/actions.js';
import type { Actor } from '../identity/access/actor.js';
import { idempotentRequest } from '../ledger/idempotency.js';
import { FundChoices } from './fund-choices.js';
import { emptyForm, formErrors, parseAmount, typed } from './forms.js';
import type { FormState } from './forms.js';
import { Page, Pages } from './page.decorator.js';
import { Views } from './views.js';

/** Where the upload middleware leaves a refused file (too large, not one file) for the form. */
type UploadRequest = Request & { file?: Express.Multer.File; uploadError?: AppError };

const FIELDS = ['fundId', 'expectedCount', 'expectedTotal'] as const;

/**
 * A spreadsheet of gifts: the template, the upload with the count and total the treasurer
 * expects, the report by row and column (fix the file, upload again), then the commit, all rows
 * or none, with their receipts. The import service's own rules, as for the API.
 */
@Pages()
export class ImportPages {
  constructor(
    private readonly imports: DonationImportsService,
    private readonly choices: FundChoices,
    private readonly views: Views,
  ) {}

  @Get('thu/nhap')
  @Page(Action.DonationsRecord)
  async form(
    @CurrentActor() actor: Actor,
    @Query() query: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.render(actor, req, res, emptyForm(typed(query, FIELDS)));
  }

  @Get('thu/nhap/mau.xlsx')
  @Page(Action.DonationsRead)
  async template(@Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    res.setHeader('Content-Disposition', 'attachment; filename="mau-bang-ke-ung-ho.xlsx"');
    return new StreamableFile(await this.imports.template(), { type: EXPORT_CONTENT_TYPE.xlsx });
  }

  @Post('thu/nhap')
  @Page(Action.DonationsRecord, inBody('fundId', 'fund'))
  async upload(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Req() req: UploadRequest,
    @Res() res: Response,
  ) {
    const values = typed(body, FIELDS);
    try {
      if (req.uploadError) throw req.uploadError;
      const report = await this.imports.upload(actor, req.file, {
        fundId: values.fundId,
        expectedCount: values.expectedCount.trim().replace(/[.\s]/g, ''),
        expectedTotal: String(parseAmount(values.expectedTotal) ?? values.expectedTotal),
      });
      res.redirect(303, `/thu/nhap/${report.id}`);
    } catch (error) {
      await this.render(actor, req, res, formErrors(error, values), (error as AppError).status);
    }
  }

  @Get('thu/nhap/:id')
  @Page(Action.DonationsRead, inPath('id', 'donation-import'))
  async report(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.renderReport(actor, id, req, res, emptyForm({ idempotencyKey: randomUUID() }));
  }

  @Post('thu/nhap/:id/ghi')
  @Page(Action.DonationsRecord, inPath('id', 'donation-import'))
  async commit(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const values = typed(body, ['idempotencyKey']);
    try {
      await this.imports.commit(actor, idempotentRequest(req, values.idempotencyKey, 'idempotencyKey'), id);
      res.redirect(303, `/thu/nhap/${id}`);
    } catch (error) {
      await this.renderReport(actor, id, req, res, formErrors(error, values), (error as AppError).status);
    }
  }

  private async renderReport(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    form: FormState,
    status = 200,
  ) {
    const report = await this.imports.get(id);
    const again = {
      fundId: report.fundId,
      expectedCount: String(report.expectedCount),
      expectedTotal: String(report.expectedTotal),
    };
    this.views.render(
      req,
      res,
      'import',
      {
        title: `Bảng kê ${report.fileName}`,
        report,
        form,
        again,
        canCommit: actor.allowsAnywhere(Action.DonationsRecord),
      },
      status,
    );
  }

  private async render(actor: Actor, req: Request, res: Response, form: FormState, status = 200) {
    const funds = await this.choices.funds(actor, Action.DonationsRecord);
    if (!form.values.fundId && funds.length === 1) form.values.fundId = funds[0].id;
    this.views.render(req, res, 'import-new', { title: 'Nhập bảng kê', form, funds }, status);
  }
}
