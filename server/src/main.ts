/**
 * The server process: configuration from the environment, listen, and a clean stop on
 * SIGTERM/SIGINT (every room stored, sockets closed with goingAway, storage closed, exit 0).
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** A stop that takes longer than this is forced (exit 1) so a supervisor can restart us. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const app = await buildApp(config, { defaultMetrics: true });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const local = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  app.log.info(
    { url: `http://${local}:${port}`, publicUrl: config.publicUrl, dataDir: config.dataDir },
    `Truenorth is listening on http://${local}:${port}`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'stopping: storing every board and closing connections');
    setTimeout(() => {
      app.log.error('shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('Truenorth failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
