import { Redis } from 'ioredis';
import { redactUrl } from '../config/config.js';

export type QueueMode =
  | { driver: 'bullmq'; redisUrl: string; prefix: string; description: string }
  | { driver: 'in-process'; description: string };

const LOCAL_REDIS = 'redis://127.0.0.1:6379';

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * REDIS_URL set → BullMQ on it (production: a Redis outage is waited out, not papered over).
 * Unset → BullMQ on a local Redis if one answers, else jobs run in-process.
 */
export async function resolveQueueMode(redisUrl: string | undefined, prefix: string): Promise<QueueMode> {
  if (redisUrl)
    return { driver: 'bullmq', redisUrl, prefix, description: `BullMQ on Redis at ${redactUrl(redisUrl)}` };
  if (await answers(LOCAL_REDIS)) {
    return {
      driver: 'bullmq',
      redisUrl: LOCAL_REDIS,
      prefix,
      description: `BullMQ on Redis at ${LOCAL_REDIS}`,
    };
  }
  return {
    driver: 'in-process',
    description:
      'in-process jobs (no REDIS_URL and no Redis at 127.0.0.1:6379; jobs run inside this process)',
  };
}

/** Injection token of the QueueMode start-up resolved (rate limits share its Redis). */
export const QUEUE_MODE = Symbol('QUEUE_MODE');
