/**
 * One relay node in its own process, for `kill -9` tests: the real `buildApp` configured from the
 * environment (STORAGE=postgres, DATABASE_URL, REDIS_URL, …), listening on 127.0.0.1 and an
 * ephemeral port. Prints `listening <port>` once ready.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env, PORT: '0', HOST: '127.0.0.1' });
const app = await buildApp(config, { logger: { level: config.logLevel } });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');
process.stdout.write(`listening ${address.port}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
