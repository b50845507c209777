import type { CookieOptions, Request, Response } from 'express';

/** Holds the access token for the admin pages: a browser opening a page sends no Bearer header. */
export const ADMIN_COOKIE = 'khuyenhoc_admin';

// Sent only to /admin/*, never to the API (whose guard reads Bearer headers only), never from
// another site (SameSite=Strict, so no cross-site request rides on it), never read by scripts.
const options = (req: Request): CookieOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  path: '/admin',
  secure: req.secure,
});

export function readAdminCookie(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === ADMIN_COOKIE && value.length) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Lives as long as the access token inside it. */
export function setAdminCookie(req: Request, res: Response, token: string, seconds: number): void {
  res.cookie(ADMIN_COOKIE, token, { ...options(req), maxAge: seconds * 1000 });
}

export function clearAdminCookie(req: Request, res: Response): void {
  res.clearCookie(ADMIN_COOKIE, options(req));
}
