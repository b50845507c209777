import { ConfigError, loadConfig, redactUrl } from './config.js';

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.embedded).toEqual({ dir: './.data/postgres', port: 54329 });
    expect(config.database.migrationsRun).toBe(true);
    expect(config.log.format).toBe('pretty');
  });

  it('parses numbers and booleans from strings', () => {
    const config = loadConfig({
      PORT: '8080',
      MIGRATIONS_RUN: 'false',
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      PUBLIC_URL: 'https://khuyenhoc.example.vn',
    });
    expect(config.http.port).toBe(8080);
    expect(config.database.migrationsRun).toBe(false);
    expect(config.log.format).toBe('json');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['MIGRATIONS_RUN', 'maybe'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['REDIS_URL', 'not a url'],
    ['JWT_SECRET', 'tooshort'],
    ['ADMIN_PASSWORD', 'short'],
    ['ADMIN_USERNAME', 'Có Dấu'],
    ['RATE_LIMIT_LOGIN_PER_MINUTE', '0'],
  ])('refuses %s=%s naming the variable and not echoing the value', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).not.toContain(value);
  });

  it('requires a JWT secret and the public address in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(/PUBLIC_URL/);
  });

  it('redacts passwords in URLs', () => {
    expect(redactUrl('postgres://u:secret@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });
});
