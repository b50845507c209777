import { StreamableFile } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Request, Response } from 'express';

/** What a download route answers while its document is still being made. */
export class PendingDocument {
  @ApiProperty({ enum: ['pending'] })
  status: 'pending';

  @ApiProperty({ example: 'Phiếu thu đang được tạo; vui lòng thử lại sau ít giây.', maxLength: 200 })
  message: string;
}

/** A stored PDF inline, or 202 with Retry-After while it is being made. */
export function documentResponse(
  res: Response,
  document: { pdf: Buffer; name: string } | 'pending',
  pendingMessage: string,
): StreamableFile | PendingDocument {
  if (document === 'pending') {
    res.status(202).setHeader('Retry-After', '2');
    return { status: 'pending', message: pendingMessage };
  }
  return pdfResponse(document);
}

/** A PDF inline, under its (ASCII) file name. */
export function pdfResponse(document: { pdf: Buffer; name: string }): StreamableFile {
  return new StreamableFile(document.pdf, {
    type: 'application/pdf',
    disposition: `inline; filename="${document.name}"`,
  });
}

/**
 * Whether a route that answers JSON or PDF should answer PDF: `format` decides when given, else
 * the Accept header (JSON when both are acceptable: browsers, clients that send no Accept).
 */
export function wantsPdf(req: Request, format: string | undefined): boolean {
  if (format) return format === 'pdf';
  return req.accepts(['application/json', 'application/pdf']) === 'application/pdf';
}
