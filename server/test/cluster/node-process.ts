/**
 * One relay node in its own process, for `kill -9` tests: the real `buildApp` configured from the
 * environment (STORAGE=postgres, DATABASE_URL, REDIS_URL, …), listening on 127.0.0.1 and an
 * ephemeral port. Prints `listening <port>` once ready. `STORE_DELAY_MS` makes every append that
 * much slower (a slow disk), so a node that sent or published before storing would be caught.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openStorage } from '../../src/plugins/storage.js';
import { slowStorage } from '../fixtures/slow-storage.js';

const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env, PORT: '0', HOST: '127.0.0.1' });
const delayMs = Number(process.env.STORE_DELAY_MS ?? 0);
const slow = delayMs > 0 ? slowStorage(await openStorage(config), { appendMs: delayMs }) : undefined;
const app = await buildApp(config, {
  logger: { level: config.logLevel },
  ...(slow ? { storage: slow } : {}),
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');
// Before announcing the port: a test may send SIGTERM as soon as it reads it, and without the
// handler Node would die of the signal instead of closing (exit code null; seen once in the fuzz).
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => slow?.close())
    .then(() => process.exit(0));
});
process.stdout.write(`listening ${address.port}\n`);
