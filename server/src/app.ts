/**
 * `buildApp(config)` assembles the server without listening: tests call `app.inject()` or
 * `listen({ port: 0 })`, `main.ts` listens on the configured port. Every feature is a plugin;
 * config, storage, relay and auth are shared (fastify-plugin), routes stay encapsulated.
 */
import { fileURLToPath } from 'node:url';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from './config.js';
import { installErrorHandlers, RateLimited } from './errors.js';
import authPlugin from './plugins/auth.js';
import configPlugin from './plugins/config.js';
import relayPlugin from './plugins/relay.js';
import storagePlugin from './plugins/storage.js';
import boards from './routes/boards.js';
import client from './routes/client.js';
import exportRoutes from './routes/export.js';
import operations, { countRequests } from './routes/operations.js';
import { schemaCompilers } from './routes/schemas.js';
import snapshots from './routes/snapshots.js';
import tokens from './routes/tokens.js';
import ws from './routes/ws.js';
import type { Storage } from './storage/types.js';
import { trackUpgrades } from './upgrades.js';

/**
 * On close, once every room is stored and every WebSocket told to go away, how long HTTP
 * connections still open get before they are cut (see the preClose hook below).
 */
export const STRAGGLER_MS = 3000;

/** The built client, relative to this file (not the working directory). */
export const DEFAULT_CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));

export interface BuildAppOptions {
  /** Use this storage instead of opening one from the config; the caller closes it. */
  storage?: Storage;
  /** Directory of the built client; defaults to the repository's client/dist. */
  clientDist?: string;
  /** Fastify logger; defaults to pino at `config.logLevel`. Tests pass `false`. */
  logger?: FastifyServerOptions['logger'];
  /** Collect process metrics (CPU, memory, event loop). On in main.ts, off by default. */
  defaultMetrics?: boolean;
}

/** Tokens travel in query strings; they must never reach a log line. */
export function redactTokens(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/** Pino options for the app's logger (exported so tests can add a stream). */
export function appLoggerOptions(config: Config) {
  return {
    level: config.logLevel,
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        url: redactTokens(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}

export async function buildApp(config: Config, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? appLoggerOptions(config),
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.trustProxy,
    // Zod serializes the responses; neither Ajv nor fast-json-stringify is loaded (routes/schemas.ts).
    schemaController: schemaCompilers,
  });
  installErrorHandlers(app);

  await app.register(configPlugin, { config });
  await app.register(storagePlugin, opts.storage ? { storage: opts.storage } : {});
  await app.register(relayPlugin, { defaultMetrics: opts.defaultMetrics ?? false });
  // Closing: once every room is stored and every WebSocket told to go away (the relay's preClose,
  // registered before this one), whatever still holds the HTTP server open gets STRAGGLER_MS and
  // is then cut — a request still running, or a connection a browser opened ahead of need and
  // never used, which Node's closing of idle connections passes over (the server waited for it
  // until the supervisor's timeout), or an upgraded socket nobody ended (upgrades.ts).
  const upgrades = trackUpgrades(app.server);
  app.addHook('preClose', (done) => {
    setTimeout(() => {
      app.server.closeAllConnections();
      upgrades.cut();
    }, STRAGGLER_MS).unref();
    done();
  });
  await app.register(authPlugin);
  await app.register(rateLimit, {
    // Only routes that opt in (board creation, WebSocket upgrades) are limited.
    global: false,
    errorResponseBuilder: (_request, context) =>
      new RateLimited(`Too many requests from this address; retry in ${context.after}`),
  });
  await app.register(fp(countRequests, { name: 'truenorth-http-metrics' }));

  await app.register(operations);
  await app.register(boards);
  await app.register(tokens);
  await app.register(snapshots);
  await app.register(exportRoutes);
  await app.register(ws);
  await app.register(client, { dist: opts.clientDist ?? DEFAULT_CLIENT_DIST });
  return app;
}
