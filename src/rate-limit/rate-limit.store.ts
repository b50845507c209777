import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { QUEUE_MODE, type QueueMode } from '../queue/queue-mode.js';

export interface Hit {
  /** Calls counted in the current window, this one included. */
  hits: number;
  /** Seconds until the caller may try again; 0 when this call is allowed. */
  retryAfter: number;
}

// A fixed window per key; past the limit the key is blocked for the rest of the window.
// Returns {hits, ms left in the window}.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1])}`;

/**
 * Rate-limit counters in Redis when the service has one, so every api replica shares them;
 * in memory otherwise (the embedded default), and in memory while Redis is unreachable
 * (a limit briefly per process is better than refusing every request).
 */
@Injectable()
export class RateLimitStore implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly memory = new Map<string, { hits: number; resetAt: number }>();
  private readonly redis?: Redis & { rateLimitIncrement(key: string, windowMs: number): Promise<number[]> };
  private readonly prefix: string;
  private warned = false;

  constructor(@Inject(QUEUE_MODE) mode: QueueMode) {
    this.prefix = mode.driver === 'bullmq' ? `${mode.prefix}:rate:` : '';
    if (mode.driver === 'bullmq') {
      const redis = new Redis(mode.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
      // Sent by its SHA (EVALSHA), not as text on every request.
      redis.defineCommand('rateLimitIncrement', { numberOfKeys: 1, lua: INCREMENT });
      redis.on('error', () => undefined);
      this.redis = redis as NonNullable<RateLimitStore['redis']>;
    }
  }

  async hit(key: string, limit: number, windowMs: number): Promise<Hit> {
    const [hits, msLeft] = await this.count(key, windowMs);
    return { hits, retryAfter: hits > limit ? Math.max(1, Math.ceil(msLeft / 1000)) : 0 };
  }

  private async count(key: string, windowMs: number): Promise<[number, number]> {
    if (this.redis) {
      try {
        const result = await this.redis.rateLimitIncrement(`${this.prefix}${key}`, windowMs);
        this.warned = false;
        return [result[0], result[1]];
      } catch (error) {
        if (!this.warned) this.logger.warn(`Redis unavailable, counting in memory: ${String(error)}`);
        this.warned = true;
      }
    }
    const now = Date.now();
    let entry = this.memory.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.memory.size > 100_000) this.sweep(now);
      entry = { hits: 0, resetAt: now + windowMs };
      this.memory.set(key, entry);
    }
    entry.hits += 1;
    return [entry.hits, entry.resetAt - now];
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.memory) if (entry.resetAt <= now) this.memory.delete(key);
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
