import type { CookieOptions, Request, Response } from 'express';

/**
 * Where a browser keeps its access token for server-rendered pages: a page opened by a link
 * cannot send a Bearer header. Each group of pages has its own cookie, sent only to its own path
 * (never to the API, whose routes read Bearer headers only), never from another site
 * (SameSite=Strict, so no cross-site request rides on it), never readable by scripts (HttpOnly).
 */
export class SessionCookie {
  constructor(
    readonly name: string,
    readonly path: string,
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

  /** Lives as long as the access token inside it. */
  set(req: Request, res: Response, token: string, seconds: number): void {
    res.cookie(this.name, token, { ...this.options(req), maxAge: seconds * 1000 });
  }

  clear(req: Request, res: Response): void {
    res.clearCookie(this.name, this.options(req));
  }

  private options(req: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', path: this.path, secure: req.secure };
  }
}
