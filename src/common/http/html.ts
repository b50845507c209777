import { HttpException, type Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, CommonError, CommonErrorCode } from '../errors.js';
import { isDatabaseUnavailable } from './error.filter.js';

/** Text for HTML content and attribute values: every user-provided string goes through this. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * A sign-in form's fields and button (`<form class="sign-in">`), the same on the dashboard's and
 * the admin pages': full-width fields and a button a thumb can hit.
 */
export const SIGN_IN_STYLE = `
.sign-in label{display:block;margin:1rem 0 .25rem}
.sign-in input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;min-height:44px;border:1px solid #9aa5b1;border-radius:6px}
.sign-in button{margin-top:1.5rem;min-height:44px;padding:0 1.25rem;font-size:1rem;border-radius:6px;border:0;background:#1d5fa8;color:#fff;cursor:pointer}
`;

/**
 * The frame of every server-rendered page (sign-in, dashboard, verification): Vietnamese, scaled
 * for phones, kept out of search engines, no scripts and no favicon request; NFC throughout.
 */
export function htmlDocument(title: string, style: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} · khuyenhoc</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`.normalize('NFC');
}

/** A server-rendered page: never cached (it shows a signed-in user's data). */
export function sendPage(res: Response, status: number, html: string): void {
  res.status(status).setHeader('Cache-Control', 'no-store').type('html').send(html);
}

/** Errors a browser on a page can act on, as the API would name them (pages show them as HTML). */
export function asAppError(exception: unknown, logger: Logger): AppError {
  if (exception instanceof AppError) return exception;
  if (exception instanceof HttpException)
    return new AppError(exception.getStatus(), `HTTP_${exception.getStatus()}`, 'Yêu cầu không hợp lệ.');
  if (isDatabaseUnavailable(exception)) return new CommonError(CommonErrorCode.DatabaseUnavailable);
  logger.error(exception instanceof Error ? exception : String(exception));
  return new CommonError(CommonErrorCode.Internal);
}

/**
 * A refused sign-in (bad input, wrong password, too many tries) shown on its form again: the
 * reason in words and the name as typed, never the password. Null for any other error.
 */
export function signInAgain(error: AppError, body: unknown): { error: string; username: string } | null {
  if (![400, 401, 429].includes(error.status)) return null;
  const typed = body as { username?: unknown } | undefined;
  return {
    error:
      error.code === CommonErrorCode.ValidationFailed ? 'Hãy nhập tên đăng nhập và mật khẩu.' : error.message,
    username: typeof typed?.username === 'string' ? typed.username.slice(0, 64) : '',
  };
}

/** The heading of an error page, by status. */
export function errorTitle(status: number): string {
  return status === 403
    ? 'Không có quyền truy cập'
    : status === 404
      ? 'Không tìm thấy'
      : 'Không thực hiện được';
}
