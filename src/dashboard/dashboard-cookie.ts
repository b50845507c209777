import { SessionCookie } from '../identity/session-cookie.js';

/** Holds a signed-in user's access token for the dashboard pages, sent only to /dashboard/*. */
export const DASHBOARD_COOKIE = new SessionCookie('khuyenhoc_session', '/dashboard');
