import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../identity/access/actor.js';
import { LocatorRegistry } from '../identity/access/locators.js';
import { AuthService } from '../identity/auth.service.js';
import type { LoginDto, TokenPair } from '../identity/dto/auth.dto.js';
import { ADMIN_COOKIE } from './admin-cookie.js';
import { AdminError, AdminErrorCode } from './admin.errors.js';

/**
 * Who may open the admin pages: administrators at the root (national) unit, since the queues
 * hold every unit's jobs and the board can retry or delete them. Tokens are the API's own,
 * issued and verified by AuthService; only where the token travels differs (Bearer or cookie).
 */
@Injectable()
export class AdminAuthService {
  constructor(
    private readonly auth: AuthService,
    private readonly locators: LocatorRegistry,
  ) {}

  /** The API's sign-in (same checks, rate limit and audit); a session of anyone else is ended at once. */
  async signIn(dto: LoginDto, req: Request): Promise<TokenPair> {
    const pair = await this.auth.login(dto, req);
    const actor = await this.auth.authenticateToken(pair.accessToken, req);
    if (!(await this.isRootAdmin(actor))) {
      await this.auth.logout(pair.refreshToken, req);
      throw new AdminError(AdminErrorCode.NotAdmin);
    }
    return pair;
  }

  /** The administrator behind the request's Bearer header or admin cookie; 401 without one, 403 for others. */
  async administrator(req: Request): Promise<Actor> {
    const actor = await this.auth.authenticate(req, ADMIN_COOKIE);
    if (!(await this.isRootAdmin(actor))) throw new AdminError(AdminErrorCode.NotAdmin);
    return actor;
  }

  /** Ends the cookie's session, if it still has one. */
  async signOut(req: Request): Promise<void> {
    const token = ADMIN_COOKIE.read(req);
    if (token) await this.auth.endSessionOfToken(token, req);
  }

  private async isRootAdmin(actor: Actor): Promise<boolean> {
    const root = await this.locators.get('root').locate('root');
    return Boolean(root) && actor.grants.some((g) => g.role === 'admin' && g.path === root!.path);
  }
}
