import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/** What a download route answers while its document is still being made. */
export interface PendingDocument {
  status: 'pending';
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
  return new StreamableFile(document.pdf, {
    type: 'application/pdf',
    disposition: `inline; filename="${document.name}"`,
  });
}
