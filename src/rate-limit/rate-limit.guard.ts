import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommonError, CommonErrorCode } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Actor } from '../identity/access/actor.js';
import { normaliseUsername } from '../identity/passwords.js';
import { LOGIN_RATE_LIMIT, PER_IP_RATE_LIMIT } from './rate-limit.decorator.js';
import { RateLimitStore } from './rate-limit.store.js';

const MINUTE = 60_000;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sign-in attempts per (username, IP) and per IP (against trying many usernames), and writes
 * per signed-in user, each per minute. Runs after the access guard, so it knows the user.
 * 429 with Retry-After.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const buckets: { key: string; limit: number }[] = [];
    if (Reflect.getMetadata(LOGIN_RATE_LIMIT, context.getHandler())) {
      const body = req.body as { username?: unknown } | undefined;
      const name = typeof body?.username === 'string' ? normaliseUsername(body.username).slice(0, 64) : '';
      buckets.push({ key: `login:${name}:${req.ip ?? ''}`, limit: this.config.rateLimit.loginPerMinute });
      buckets.push({ key: `login-ip:${req.ip ?? ''}`, limit: this.config.rateLimit.loginPerIpPerMinute });
    } else if (Reflect.getMetadata(PER_IP_RATE_LIMIT, context.getHandler()) === 'verify') {
      buckets.push({ key: `verify:${req.ip ?? ''}`, limit: this.config.rateLimit.verifyPerMinute });
    } else if (req.actor && !READS.has(req.method)) {
      buckets.push({ key: `writes:${req.actor.userId}`, limit: this.config.rateLimit.writesPerMinute });
    } else {
      return true;
    }
    const hits = await Promise.all(buckets.map((b) => this.store.hit(b.key, b.limit, MINUTE)));
    const res = context.switchToHttp().getResponse<Response>();
    res.setHeader('X-RateLimit-Limit', buckets[0].limit);
    res.setHeader('X-RateLimit-Remaining', Math.max(0, buckets[0].limit - hits[0].hits));
    const retryAfter = Math.max(...hits.map((h) => h.retryAfter));
    if (retryAfter > 0) {
      res.setHeader('Retry-After', retryAfter);
      throw new CommonError(CommonErrorCode.TooManyRequests);
    }
    return true;
  }
}
