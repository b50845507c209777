import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/http/api-docs.js';
import { VerificationView } from './verification.view.js';
import type { Request, Response } from 'express';
import { Public } from '../identity/access/access.decorator.js';
import { PerIpRateLimit } from '../rate-limit/rate-limit.decorator.js';
import { VerificationError, VerificationErrorCode } from './verification.errors.js';
import { notFoundPage, verificationPage } from './verification-page.js';
import { VerificationService } from './verification.service.js';

/** The public end of a document's QR code: no sign-in, rate limited per IP. */
@ApiTags('verification')
@Public()
@Controller('verify')
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Get(':code')
  @PerIpRateLimit('verify')
  @ApiOperation({
    summary: 'Verify a receipt or certificate by its code',
    description:
      'The public end of a document’s QR code, without sign-in: whether it is genuine and valid or void, with ' +
      'its issuing unit, number, date, amount and SHA-256. An HTML page, or JSON with `Accept: application/json`. ' +
      "Never a donor's name; a recipient's only where publication was agreed.",
  })
  @ApiOkResponse({
    description: 'A genuine document, valid or void',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(VerificationView) } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiExtraModels(VerificationView)
  @ApiParam({
    name: 'code',
    description:
      'The 12-character code printed on the document, with or without dashes (only 64 characters are read)',
    schema: { type: 'string', maxLength: 64, example: '7K2M-9QX4-HB3T' },
  })
  @ApiErrors([404, 'No document carries this code (DOCUMENT_NOT_FOUND); an HTML page for browsers'])
  async verify(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const result = await this.verification.verify(code.slice(0, 64));
    const json = req.accepts(['html', 'json']) === 'json';
    res.setHeader('Cache-Control', 'no-store');
    if (json) {
      if (!result) throw new VerificationError(VerificationErrorCode.NotFound);
      res.json(result);
      return;
    }
    res
      .status(result ? 200 : 404)
      .type('html')
      .send(result ? verificationPage(result) : notFoundPage());
  }
}
