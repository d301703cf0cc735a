/** Configuration: defaults, and one clear message per wrong value, all reported together. */
import { ConfigError, CONFIG_VARIABLES, configMarkdownTable, loadConfig, redact } from '../../../src/main/config';

describe('loadConfig', () => {
  it('gives working defaults with no variables set (zero-config start)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ nodeEnv: 'development', host: '127.0.0.1', port: 4000, dbPoolMax: 10, queuePrefix: 'gridhub', embeddedPgPort: 54329, logLevel: 'info' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/\.gridhub$/);
  });

  it('reads valid values', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://u:p@db:5432/x', REDIS_URL: 'redis://r:6379/1', NODE_ENV: 'production', WORKER_CONCURRENCY: '8' });
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgresql://u:p@db:5432/x', redisUrl: 'redis://r:6379/1', nodeEnv: 'production', workerConcurrency: 8 });
  });

  it.each([
    ['PORT', 'eighty', /PORT="eighty" is not a whole number between 0 and 65535/],
    ['PORT', '70000', /PORT="70000" is not a whole number/],
    ['DB_POOL_MAX', '0', /DB_POOL_MAX="0" is not a whole number between 1 and 500/],
    ['WORKER_CONCURRENCY', '-1', /WORKER_CONCURRENCY="-1"/],
    ['GRIDHUB_PG_PORT', '80', /GRIDHUB_PG_PORT="80" is not a whole number between 1024 and 65535/],
    ['NODE_ENV', 'staging', /NODE_ENV="staging" is not allowed; expected one of development, production, test/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL="verbose" is not allowed/],
    ['DATABASE_URL', 'mysql://u@h/db', /DATABASE_URL has protocol "mysql:"; expected postgres: or postgresql:/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL="not a url" is not a URL/],
    ['REDIS_URL', 'http://r:6379', /REDIS_URL has protocol "http:"; expected redis: or rediss:/],
    ['GRIDHUB_QUEUE_PREFIX', 'has space', /GRIDHUB_QUEUE_PREFIX="has space" must be 1–64 characters/],
    ['SHUTDOWN_TIMEOUT_MS', '5', /SHUTDOWN_TIMEOUT_MS="5"/],
  ])('%s=%s is rejected with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('reports every wrong value at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'loud', REDIS_URL: 'ftp://x' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toHaveLength(3);
    }
  });

  it('never prints a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:s3cret@h/db' })).toThrow(/user:\*\*\*@h/);
    expect(redact('postgres://u:secret@h:5432/d')).toBe('postgres://u:***@h:5432/d');
    expect(redact('postgres://h:5432/d')).toBe('postgres://h:5432/d');
  });

  it('documents every variable in the Markdown table', () => {
    const table = configMarkdownTable();
    for (const v of CONFIG_VARIABLES) expect(table).toContain(`\`${v.name}\``);
  });
});
