import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../audit/audit.types.js';
import { requestIdOf } from '../common/http/request-context.middleware.js';
import { isUuid } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Actor } from './access/actor.js';
import { LoginDto, TokenPair } from './dto/auth.dto.js';
import { User } from './entities/user.entity.js';
import { IdentityError, IdentityErrorCode } from './identity.errors.js';
import { IdentityRepository, type Principal } from './identity.repository.js';
import type { SessionCookie } from './session-cookie.js';
import { normaliseUsername, spendVerifyTime, verifyPassword } from './passwords.js';

interface AccessClaims {
  sub: string;
  sid: string;
  typ: 'access';
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The request's own audit context before anyone is signed in. */
export function anonymousContext(req: Request, name: string | null = null): AuditContext {
  return { actorId: null, actorName: name, requestId: requestIdOf(req), ip: req.ip ?? null };
}

/**
 * Sign-in, token refresh with rotation and reuse detection, sign-out, and turning a bearer
 * token into an Actor. Access tokens are short JWTs naming a session; refresh tokens are
 * opaque `<id>.<secret>` strings stored as SHA-256 of the secret.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  login(dto: LoginDto, req: Request): Promise<TokenPair> {
    return this.signIn(dto, req, this.config.auth.refreshTokenTtlDays * 86_400_000);
  }

  /**
   * The workspace's sign-in: the same checks, audit and rate limit as the API's; the session
   * lasts a working day (WEB_SESSION_HOURS) and the browser keeps its token in a cookie.
   */
  async loginPage(dto: LoginDto, req: Request): Promise<{ token: string; seconds: number }> {
    const seconds = this.config.auth.webSessionHours * 3600;
    const pair = await this.signIn(dto, req, seconds * 1000);
    return { token: pair.refreshToken, seconds };
  }

  private async signIn(dto: LoginDto, req: Request, ttlMs: number): Promise<TokenPair> {
    const username = normaliseUsername(dto.username);
    const user = await this.identity.findUserByUsername(username);
    const ok = user
      ? await verifyPassword(user.passwordHash, dto.password)
      : await spendVerifyTime(dto.password);
    if (!user || !ok || !user.active) {
      await this.identity.transaction((m) =>
        this.audit.record(
          m,
          // An unknown name is not kept: it may be a password typed into the wrong box.
          { ...anonymousContext(req, user?.username ?? null), actorId: user?.id ?? null },
          {
            action: 'auth.login_failed',
            entityType: 'user',
            entityId: user?.id ?? null,
            unitId: user?.unitId ?? null,
            after: { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive' },
          },
        ),
      );
      // One answer for every failure: it must not tell which usernames exist.
      throw new IdentityError(IdentityErrorCode.InvalidCredentials);
    }
    return this.identity.transaction(async (manager) => {
      const sessionId = randomUUID();
      await this.identity.insertSession(manager, {
        id: sessionId,
        userId: user.id,
        expiresAt: new Date(Date.now() + ttlMs),
        revokedAt: null,
        revokedReason: null,
        ip: req.ip ?? null,
      });
      const pair = await this.issue(manager, user, sessionId);
      await this.audit.record(
        manager,
        { ...anonymousContext(req, user.username), actorId: user.id },
        {
          action: 'auth.login',
          entityType: 'session',
          entityId: sessionId,
          unitId: user.unitId,
        },
      );
      return pair;
    });
  }

  /** Uses a refresh token once and returns the next pair; a second use revokes the whole session. */
  async refresh(refreshToken: string, req: Request): Promise<TokenPair> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw new IdentityError(IdentityErrorCode.RefreshInvalid, [refreshField()]);
    const outcome = await this.identity.transaction(async (manager) => {
      const found = await this.identity.lockRefreshToken(manager, parsed.id);
      if (!found || !sameHash(found.token.secretHash, sha256(parsed.secret))) return 'invalid' as const;
      const { token, session } = found;
      if (session.revokedAt || session.expiresAt.getTime() < Date.now()) return 'ended' as const;
      const user = await this.identity.findUserById(session.userId, manager);
      if (!user?.active) return 'ended' as const;
      if (token.usedAt) {
        await this.identity.revokeSession(manager, session.id, 'reuse_detected');
        await this.audit.record(
          manager,
          { ...anonymousContext(req, user.username), actorId: user.id },
          {
            action: 'auth.refresh_reused',
            entityType: 'session',
            entityId: session.id,
            unitId: user.unitId,
          },
        );
        return 'reused' as const;
      }
      await this.identity.markRefreshTokenUsed(manager, token.id);
      return this.issue(manager, user, session.id);
    });
    if (outcome === 'invalid') throw new IdentityError(IdentityErrorCode.RefreshInvalid, [refreshField()]);
    if (outcome === 'ended') throw new IdentityError(IdentityErrorCode.SessionEnded);
    if (outcome === 'reused') throw new IdentityError(IdentityErrorCode.RefreshReused);
    return outcome;
  }

  /** Ends the session of a refresh token (and with it every access token it issued). */
  async logout(refreshToken: string, req: Request): Promise<void> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw new IdentityError(IdentityErrorCode.RefreshInvalid, [refreshField()]);
    const done = await this.identity.transaction(async (manager) => {
      const found = await this.identity.lockRefreshToken(manager, parsed.id);
      if (!found || !sameHash(found.token.secretHash, sha256(parsed.secret))) return false;
      if (!found.session.revokedAt) {
        const user = await this.identity.findUserById(found.session.userId, manager);
        await this.identity.revokeSession(manager, found.session.id, 'logout');
        await this.audit.record(
          manager,
          { ...anonymousContext(req, user?.username), actorId: user?.id ?? null },
          {
            action: 'auth.logout',
            entityType: 'session',
            entityId: found.session.id,
            unitId: user?.unitId ?? null,
          },
        );
      }
      return true;
    });
    if (!done) throw new IdentityError(IdentityErrorCode.RefreshInvalid, [refreshField()]);
  }

  /**
   * The Actor of a request's bearer token (or, for a page that declares one, of its session
   * cookie), or a 401 saying why not.
   */
  async authenticate(req: Request, cookie?: SessionCookie): Promise<Actor> {
    const bearer = bearerToken(req);
    if (bearer) return this.authenticateToken(bearer, req);
    const token = cookie?.read(req);
    if (!token) throw new IdentityError(IdentityErrorCode.AuthRequired);
    return cookie!.holds === 'session'
      ? this.authenticatePageSession(token, req)
      : this.authenticateToken(token, req);
  }

  /**
   * The Actor of a workspace session's token (`<token id>.<secret>`, kept in its cookie): the
   * token must match, never have been used (the API's refresh would have rotated it away) and its
   * session must still live.
   */
  async authenticatePageSession(token: string, req: Request): Promise<Actor> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw new IdentityError(IdentityErrorCode.TokenInvalid);
    const principal = await this.identity.loadPrincipalByToken(parsed.id);
    if (!principal || !sameHash(principal.secretHash, sha256(parsed.secret)))
      throw new IdentityError(IdentityErrorCode.TokenInvalid);
    if (principal.tokenUsed || principal.sessionRevoked || principal.sessionExpired || !principal.user.active)
      throw new IdentityError(IdentityErrorCode.SessionEnded);
    return this.actorOf(principal, principal.sessionId, req);
  }

  /** "Sign out everywhere": every session of the user, on every browser and API client. */
  async endEverySession(actor: Actor): Promise<number> {
    return this.identity.transaction(async (manager) => {
      const ended = await this.identity.revokeSessionsOf(manager, actor.userId, 'logout_everywhere');
      await this.audit.record(manager, actor, {
        action: 'auth.logout_everywhere',
        entityType: 'user',
        entityId: actor.userId,
        unitId: actor.homeUnitId,
        after: { sessions: ended },
      });
      return ended;
    });
  }

  /**
   * The Actor of an access token however it came (the admin pages also take it from a cookie,
   * since a browser opening a page cannot send a Bearer header), or a 401 saying why not.
   */
  async authenticateToken(token: string, req: Request): Promise<Actor> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError')
        throw new IdentityError(IdentityErrorCode.TokenExpired);
      throw new IdentityError(IdentityErrorCode.TokenInvalid);
    }
    if (claims.typ !== 'access' || !isUuid(claims.sub) || !isUuid(claims.sid)) {
      throw new IdentityError(IdentityErrorCode.TokenInvalid);
    }
    const principal = await this.identity.loadPrincipal(claims.sub, claims.sid);
    if (!principal || principal.sessionRevoked || principal.sessionExpired || !principal.user.active) {
      throw new IdentityError(IdentityErrorCode.SessionEnded);
    }
    return this.actorOf(principal, claims.sid, req);
  }

  private actorOf({ user, grants }: Principal, sessionId: string, req: Request): Actor {
    return new Actor(
      user.id,
      user.username,
      user.displayName,
      user.unitId,
      sessionId,
      grants,
      requestIdOf(req),
      req.ip ?? null,
    );
  }

  /** Ends the session of an access token (the admin pages' sign-out: they keep no refresh token). */
  async endSession(actor: Actor): Promise<void> {
    await this.identity.transaction(async (manager) => {
      await this.identity.revokeSession(manager, actor.sessionId, 'logout');
      await this.audit.record(manager, actor, {
        action: 'auth.logout',
        entityType: 'session',
        entityId: actor.sessionId,
        unitId: actor.homeUnitId,
      });
    });
  }
  /**
   * A page's sign-out: ends the session of the access token its cookie held, if it still has one
   * (an expired or forged token has nothing left to end).
   */
  async endSessionOfToken(token: string, req: Request): Promise<void> {
    let actor: Actor;
    try {
      actor = await this.authenticateToken(token, req);
    } catch (error) {
      if (error instanceof IdentityError) return;
      throw error;
    }
    await this.endSession(actor);
  }

  private async issue(manager: EntityManager, user: User, sessionId: string): Promise<TokenPair> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.identity.insertRefreshToken(manager, {
      id,
      sessionId,
      secretHash: sha256(secret),
      usedAt: null,
    });
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, sid: sessionId, typ: 'access' } satisfies AccessClaims,
      {
        expiresIn,
        algorithm: 'HS256',
      },
    );
    return { accessToken, refreshToken: `${id}.${secret}`, expiresIn, tokenType: 'Bearer' };
  }
}

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1] : null;
}

function parseRefreshToken(value: string): { id: string; secret: string } | null {
  const [id, secret, ...rest] = value.split('.');
  return rest.length === 0 && isUuid(id) && secret && /^[A-Za-z0-9_-]{43}$/.test(secret)
    ? { id, secret }
    : null;
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

const refreshField = () => ({ field: 'refreshToken', message: 'không hợp lệ hoặc đã hết hạn' });
