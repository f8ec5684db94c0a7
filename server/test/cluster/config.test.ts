/** Multi-node configuration: Redis only with the shared database; no Redis unless asked for. */
import { expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

it('refuses REDIS_URL with SQLite, naming the variable and the fix', () => {
  const attempt = () => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
  expect(attempt).toThrow(ConfigError);
  expect(attempt).toThrow(/REDIS_URL: several nodes need one shared database: set STORAGE=postgres/);
});

it('accepts REDIS_URL with PostgreSQL, and the default has no Redis at all', () => {
  const multi = loadConfig({
    STORAGE: 'postgres',
    DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
    REDIS_URL: 'redis://127.0.0.1:6379',
  });
  expect(multi).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', redisKeyPrefix: 'tn:' });
  expect(loadConfig({}).redisUrl).toBeUndefined();
  expect(() =>
    loadConfig({ STORAGE: 'postgres', DATABASE_URL: 'postgres://u@h/db', REDIS_KEY_PREFIX: 'a b' }),
  ).toThrow(/REDIS_KEY_PREFIX/);
});
