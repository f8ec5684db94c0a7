/**
 * Shares the metrics registry and the relay core as `app.metrics` and `app.relay`. The relay
 * knows nothing of Fastify; this only wires it in and stops it first on close: `preClose` runs
 * before the HTTP server stops, so every room is stored and every socket closed with goingAway
 * while the storage is still open.
 */
import fp from 'fastify-plugin';
import { createMetrics, type Metrics } from '../metrics.js';
import { Relay } from '../relay/relay.js';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
    relay: Relay;
  }
}

export interface RelayPluginOptions {
  /** Collect process metrics (CPU, memory, event loop); off in tests. */
  defaultMetrics?: boolean;
}

export default fp<RelayPluginOptions>(
  async (app, opts) => {
    const metrics = createMetrics({ defaultMetrics: opts.defaultMetrics ?? false });
    const relay = new Relay({
      storage: app.storage,
      limits: app.config.limits,
      metrics,
      logger: app.log.child({ component: 'relay' }),
    });
    app.decorate('metrics', metrics);
    app.decorate('relay', relay);
    app.addHook('preClose', async () => {
      await relay.shutdown();
    });
  },
  { name: 'truenorth-relay', dependencies: ['truenorth-config', 'truenorth-storage'] },
);
