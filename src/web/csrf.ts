import { CanActivate, ExecutionContext, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { doubleCsrf } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { WebError, WebErrorCode } from './web.errors.js';
import { WEB_COOKIE } from './web-session.js';

const FORM_FIELD = '_csrf';

/**
 * CSRF protection of every workspace form (csrf-csrf's signed double-submit cookie): the token is
 * an HMAC of the signed-in session's id (none before sign-in) with a key kept in `signing_keys`,
 * sent back as the form's hidden `_csrf` field or htmx's `X-CSRF-Token` header.
 */
@Injectable()
export class Csrf implements OnModuleInit {
  private key?: Buffer;

  private readonly protection = doubleCsrf({
    getSecret: () => this.key!.toString('hex'),
    // The session token's id part: a token made before sign-in does not serve after it.
    getSessionIdentifier: (req) => WEB_COOKIE.read(req)?.split('.')[0] ?? '',
    cookieName: 'khuyenhoc_csrf',
    // Not `Secure`: a commune's LAN serves plain http; SameSite and the HMAC do the work.
    cookieOptions: { sameSite: 'lax', path: '/', secure: false, httpOnly: true },
    getCsrfTokenFromRequest: (req: Request) => {
      const field = (req.body as Record<string, unknown> | undefined)?.[FORM_FIELD];
      return typeof field === 'string' ? field : req.header('x-csrf-token');
    },
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT secret FROM signing_keys WHERE name = 'csrf'`);
    if (!row) throw new Error('signing_keys has no csrf key: run the migrations');
    this.key = row.secret as Buffer;
  }

  /** The token a page's forms carry (the cookie is set or kept alongside). */
  token(req: Request, res: Response): string {
    return this.protection.generateCsrfToken(req, res);
  }

  valid(req: Request): boolean {
    return this.protection.validateRequest(req);
  }
}

/** Refuses a page's POST without the token of the form it came from. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly csrf: Csrf) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true;
    // Signed in by a Bearer header, not the cookie: no other site can make a browser send one.
    if (/^Bearer\s/i.test(req.header('authorization') ?? '')) return true;
    if (!this.csrf.valid(req)) throw new WebError(WebErrorCode.FormExpired);
    // The token has done its work: it must not reach the services' validation as a field.
    delete (req.body as Record<string, unknown>)[FORM_FIELD];
    return true;
  }
}
