import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
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
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({
    description: 'Chứng từ thật: còn hiệu lực hoặc đã hủy (HTML, hoặc JSON với Accept: application/json)',
  })
  @ApiNotFoundResponse({ description: 'Không có chứng từ mang mã này' })
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
