import { SessionCookie } from '../identity/session-cookie.js';

/**
 * The workspace's sign-in: a session token for every page (the dashboard included), from
 * `/login` to `/logout`. It lives as long as the session (WEB_SESSION_HOURS).
 */
export const WEB_COOKIE = new SessionCookie('khuyenhoc_session', '/', 'session');

/** A `next` address after sign-in: a path of this site only (never `//host` or a scheme). */
export const NEXT_PATTERN = /^\/(?![/\\])[\x21-\x7e]{0,500}$/;
export const safeNext = (next: unknown): string | undefined =>
  typeof next === 'string' && NEXT_PATTERN.test(next) ? next : undefined;
