import type { CookieOptions, Request, Response } from 'express';

/**
 * Where a browser keeps its sign-in for server-rendered pages: a page opened by a link cannot
 * send a Bearer header. The API's routes never read it (Bearer headers only); scripts never can
 * (HttpOnly).
 */
export class SessionCookie {
  /**
   * `access`: the cookie holds a short access token (the admin pages). `session`: it holds a page
   * session's own token (the workspace), which lives as long as the session, and is sent with
   * links from other sites (SameSite=Lax: a receipt link opened from Zalo arrives signed in; every
   * form post carries a CSRF token instead).
   */
  constructor(
    readonly name: string,
    readonly path: string,
    readonly holds: 'access' | 'session' = 'access',
  ) {}

  read(req: Request): string | null {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === this.name && value.length) {
        try {
          return decodeURIComponent(value.join('='));
        } catch {
          return null; // a malformed cookie is no sign-in
        }
      }
    }
    return null;
  }

  /** Lives as long as the token inside it. */
  set(req: Request, res: Response, token: string, seconds: number): void {
    res.cookie(this.name, token, { ...this.options(req), maxAge: seconds * 1000 });
  }

  clear(req: Request, res: Response): void {
    res.clearCookie(this.name, this.options(req));
  }

  private options(req: Request): CookieOptions {
    const sameSite = this.holds === 'session' ? 'lax' : 'strict';
    return { httpOnly: true, sameSite, path: this.path, secure: req.secure };
  }
}
