import { availableParallelism } from 'node:os';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const ROLES = ['api', 'worker', 'all'] as const;
export type Role = (typeof ROLES)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every setting the service reads, with its default. The README documents each one;
 * keep the two in step. Values come only from the environment.
 */
class EnvSchema {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** Where people reach the service: the QR codes on documents point at <PUBLIC_URL>/verify/<code>. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PUBLIC_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  EMBEDDED_PG_DIR = './.data/postgres';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Transform(toBool)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @Transform(toBool)
  @IsBoolean()
  REFERENCE_DATA_LOAD = true;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  REDIS_URL?: string;

  @IsString()
  QUEUE_PREFIX = 'khuyenhoc';

  /** Completed jobs are kept this long (and at most QUEUE_KEEP_COMPLETED_COUNT), for the dashboard. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(31_536_000)
  QUEUE_KEEP_COMPLETED_SECONDS = 3600;

  /**
   * How long a worker's hold on a job lasts without renewal: a worker that died loses its jobs to
   * another after about twice this. Read by the worker classes themselves (see queue-workers.ts).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  QUEUE_LOCK_SECONDS = 30;

  /** Documents still pending this long after they were asked for are queued again by the sweep. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  DOCUMENT_SWEEP_AFTER_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  QUEUE_KEEP_COMPLETED_COUNT = 1000;

  /** Failed jobs are kept longer: someone has to see them, find the cause and retry them. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(31_536_000)
  QUEUE_KEEP_FAILED_SECONDS = 7 * 86_400;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  QUEUE_KEEP_FAILED_COUNT = 5000;

  @IsString()
  DOCUMENTS_DIR = './.data/documents';

  /** Receipts are queued for rendering as they are recorded (off in most tests: CPU and connections). */
  @Transform(toBool)
  @IsBoolean()
  RENDER_DOCUMENTS = true;

  /** Threads rendering PDFs in each process (0: on the event loop). Default: one per core. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(64)
  RENDER_THREADS = availableParallelism();

  /** How often documents still pending after a minute are queued again; 0 turns the sweep off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  DOCUMENT_SWEEP_SECONDS = 30;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS = 10000;

  /** Signs access tokens; required in production, generated per process otherwise. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(32)
  @IsString()
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  WEB_SESSION_HOURS = 12;

  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/)
  ADMIN_USERNAME = 'admin';

  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(10)
  @IsString()
  ADMIN_PASSWORD?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  RATE_LIMIT_LOGIN_PER_MINUTE = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  RATE_LIMIT_WRITES_PER_MINUTE = 120;

  /** Public look-ups of verification codes per IP (GET /verify/:code). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  RATE_LIMIT_VERIFY_PER_MINUTE = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1073741824)
  IMPORT_MAX_BYTES = 10 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000000)
  IMPORT_MAX_ROWS = 100000;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(10737418240)
  IMPORT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

  /** How many proxies in front of the service to trust for the client's IP (X-Forwarded-For). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  http: { host: string; port: number; publicUrl: string; corsOrigins: string[]; trustProxyHops: number };
  database: {
    /** Set when an external PostgreSQL is configured; otherwise the embedded one is used. */
    url?: string;
    poolSize: number;
    embedded: { dir: string; port: number };
    migrationsRun: boolean;
    referenceDataLoad: boolean;
  };
  queue: {
    redisUrl?: string;
    prefix: string;
    /** BullMQ KeepJobs: finished jobs are trimmed by age (seconds) and count, whichever comes first. */
    keepCompleted: { age: number; count: number };
    keepFailed: { age: number; count: number };
  };
  documentsDir: string;
  documentSweepSeconds: number;
  documentSweepAfterSeconds: number;
  renderDocuments: boolean;
  renderThreads: number;
  log: { level: string; format: 'json' | 'pretty' };
  shutdownTimeoutMs: number;
  auth: {
    /** Undefined outside production when not configured: a random secret per process. */
    jwtSecret?: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    /** How long a workspace (browser) sign-in lasts. */
    webSessionHours: number;
    admin: { username: string; password?: string };
  };
  rateLimit: {
    loginPerMinute: number;
    loginPerIpPerMinute: number;
    writesPerMinute: number;
    verifyPerMinute: number;
  };
  imports: { maxBytes: number; maxRows: number; maxUnzippedBytes: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/** Validates the environment into a typed config; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvSchema()).concat([
    'DATABASE_URL',
    'REDIS_URL',
    'LOG_FORMAT',
    'CORS_ORIGINS',
    'JWT_SECRET',
    'ADMIN_PASSWORD',
    'PUBLIC_URL',
  ]);
  const raw = Object.fromEntries(known.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
  const parsed = plainToInstance(EnvSchema, raw);
  const errors = validateSync(parsed, { whitelist: true });
  if (errors.length > 0) {
    // The value is never echoed: it may be a secret.
    throw new ConfigError(
      // class-validator's messages already start with the variable's name.
      errors.map((e) => Object.values(e.constraints ?? {}).join(', ') || `${e.property} is invalid`),
    );
  }
  if (parsed.PUBLIC_URL !== undefined && !isUrl(parsed.PUBLIC_URL, ['http:', 'https:'])) {
    throw new ConfigError(['PUBLIC_URL must be an http:// or https:// URL']);
  }
  for (const key of ['DATABASE_URL', 'REDIS_URL'] as const) {
    const value = parsed[key];
    if (
      value !== undefined &&
      !isUrl(value, key === 'DATABASE_URL' ? ['postgres:', 'postgresql:'] : ['redis:', 'rediss:'])
    ) {
      throw new ConfigError([`${key} must be a ${key === 'DATABASE_URL' ? 'postgres://' : 'redis://'} URL`]);
    }
  }
  if (parsed.NODE_ENV === 'production' && !parsed.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET must be set (32 characters or more) in production']);
  }
  // Every QR code printed carries it, for good: a localhost default must never reach paper.
  if (parsed.NODE_ENV === 'production' && !parsed.PUBLIC_URL) {
    throw new ConfigError(['PUBLIC_URL must be set in production (the address printed in QR codes)']);
  }
  return {
    env: parsed.NODE_ENV,
    http: {
      host: parsed.HOST,
      port: parsed.PORT,
      publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, ''),
      corsOrigins: (parsed.CORS_ORIGINS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      trustProxyHops: parsed.TRUST_PROXY_HOPS,
    },
    database: {
      url: parsed.DATABASE_URL,
      poolSize: parsed.DATABASE_POOL_SIZE,
      embedded: { dir: parsed.EMBEDDED_PG_DIR, port: parsed.EMBEDDED_PG_PORT },
      migrationsRun: parsed.MIGRATIONS_RUN,
      referenceDataLoad: parsed.REFERENCE_DATA_LOAD,
    },
    queue: {
      redisUrl: parsed.REDIS_URL,
      prefix: parsed.QUEUE_PREFIX,
      keepCompleted: { age: parsed.QUEUE_KEEP_COMPLETED_SECONDS, count: parsed.QUEUE_KEEP_COMPLETED_COUNT },
      keepFailed: { age: parsed.QUEUE_KEEP_FAILED_SECONDS, count: parsed.QUEUE_KEEP_FAILED_COUNT },
    },
    documentsDir: parsed.DOCUMENTS_DIR,
    documentSweepSeconds: parsed.DOCUMENT_SWEEP_SECONDS,
    documentSweepAfterSeconds: parsed.DOCUMENT_SWEEP_AFTER_SECONDS,
    renderDocuments: parsed.RENDER_DOCUMENTS,
    renderThreads: parsed.RENDER_THREADS,
    log: {
      level: parsed.LOG_LEVEL,
      format: parsed.LOG_FORMAT ?? (parsed.NODE_ENV === 'production' ? 'json' : 'pretty'),
    },
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
    auth: {
      jwtSecret: parsed.JWT_SECRET,
      accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: parsed.REFRESH_TOKEN_TTL_DAYS,
      webSessionHours: parsed.WEB_SESSION_HOURS,
      admin: { username: parsed.ADMIN_USERNAME, password: parsed.ADMIN_PASSWORD },
    },
    rateLimit: {
      loginPerMinute: parsed.RATE_LIMIT_LOGIN_PER_MINUTE,
      loginPerIpPerMinute: parsed.RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE,
      writesPerMinute: parsed.RATE_LIMIT_WRITES_PER_MINUTE,
      verifyPerMinute: parsed.RATE_LIMIT_VERIFY_PER_MINUTE,
    },
    imports: {
      maxBytes: parsed.IMPORT_MAX_BYTES,
      maxRows: parsed.IMPORT_MAX_ROWS,
      maxUnzippedBytes: parsed.IMPORT_MAX_UNZIPPED_BYTES,
    },
  };
}

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A URL with its password replaced, safe to print. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<unparseable url>';
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
