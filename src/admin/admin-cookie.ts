import { SessionCookie } from '../identity/session-cookie.js';

/** Holds the access token for the admin pages, sent only to /admin/*. */
export const ADMIN_COOKIE = new SessionCookie('khuyenhoc_admin', '/admin');
