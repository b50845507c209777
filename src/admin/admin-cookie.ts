import type { Request, Response } from 'express';
import { SessionCookie } from '../identity/session-cookie.js';

/** Holds the access token for the admin pages, sent only to /admin/*. */
export const ADMIN_COOKIE = new SessionCookie('khuyenhoc_admin', '/admin');

export const readAdminCookie = (req: Request): string | null => ADMIN_COOKIE.read(req);

export function setAdminCookie(req: Request, res: Response, token: string, seconds: number): void {
  ADMIN_COOKIE.set(req, res, token, seconds);
}

export function clearAdminCookie(req: Request, res: Response): void {
  ADMIN_COOKIE.clear(req, res);
}
