import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { AppError, CommonError, CommonErrorCode } from '../errors.js';
import { sendError } from './error.filter.js';
import { requestIdOf } from './request-context.middleware.js';

/**
 * Parses the multipart upload before the guard runs (so the guard sees `fundId`), in memory,
 * with the size limit checked while reading: a larger file is refused without being kept.
 */
export function uploadMiddleware(maxBytes: number, answer: 'error' | 'form' = 'error') {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10 },
  }).single('file');
  return (req: Request, res: Response, next: NextFunction) =>
    upload(req, res, (error: unknown) => {
      if (!error) return next();
      const code = (error as { code?: string }).code;
      const tooLarge = code === 'LIMIT_FILE_SIZE';
      const refused = new CommonError(tooLarge ? CommonErrorCode.FileTooLarge : CommonErrorCode.FileInvalid, [
        {
          field: 'file',
          message: tooLarge
            ? `tối đa ${maxBytes >= 1 << 20 ? `${Math.floor(maxBytes / (1 << 20))} MB` : `${Math.floor(maxBytes / 1024)} KB`}`
            : 'gửi đúng một tệp trong trường "file" (multipart/form-data)',
        },
      ]);
      // A page shows it beside the form's file field; the API answers it at once.
      if (answer === 'form') {
        (req as Request & { uploadError?: AppError }).uploadError = refused;
        return next();
      }
      sendError(res, refused, requestIdOf(req));
    });
}
