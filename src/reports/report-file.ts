import { StreamableFile } from '@nestjs/common';
import type { ReportFile } from './fund-summary.service.js';

/** A report's file as a download (a PDF opens in the browser), for the API and the dashboard alike. */
export function fileResponse(file: ReportFile): StreamableFile {
  const inline = file.contentType === 'application/pdf';
  const options = {
    type: file.contentType,
    disposition: `${inline ? 'inline' : 'attachment'}; filename="${file.fileName}"`,
  };
  return Buffer.isBuffer(file.body)
    ? new StreamableFile(file.body, options)
    : new StreamableFile(file.body, options);
}
