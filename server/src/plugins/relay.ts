/**
 * Shares the metrics registry, the relay core and the fan-out as `app.metrics`, `app.relay` and
 * `app.fanout`. The relay knows nothing of Fastify; this only wires it in and stops it first on
 * close: `preClose` runs before the HTTP server stops, so every room is stored and every socket
 * closed with goingAway while the storage is still open. With `REDIS_URL` the relay fans out to
 * other nodes through Redis Streams (`fanout/`); without it no Redis client exists.
 */
import fp from 'fastify-plugin';
import { openRedisFanout } from '../fanout/redis-fanout.js';
import { type Fanout, noFanout } from '../fanout/types.js';
import { createMetrics, type Metrics, registerJournalMetrics } from '../metrics.js';
import { Relay } from '../relay/relay.js';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
    relay: Relay;
    fanout: Fanout;
  }
}

export interface RelayPluginOptions {
  /** Collect process metrics (CPU, memory, event loop); off in tests. */
  defaultMetrics?: boolean;
}

export default fp<RelayPluginOptions>(
  async (app, opts) => {
    const metrics = createMetrics({ defaultMetrics: opts.defaultMetrics ?? false });
    const journalStats = app.storage.journalStats?.bind(app.storage);
    if (journalStats) registerJournalMetrics(metrics, journalStats);
    const logger = app.log.child({ component: 'relay' });
    const { redisUrl, redisKeyPrefix } = app.config;
    // No REDIS_URL, no Redis client at all: one node on its own.
    const fanout: Fanout = redisUrl
      ? await openRedisFanout({
          url: redisUrl,
          keyPrefix: redisKeyPrefix,
          logger: app.log.child({ component: 'fanout' }),
          counters: metrics,
        })
      : noFanout;
    const relay = new Relay({ storage: app.storage, limits: app.config.limits, metrics, logger, fanout });
    app.decorate('metrics', metrics);
    app.decorate('relay', relay);
    app.decorate('fanout', fanout);
    app.addHook('preClose', async () => {
      await relay.shutdown();
      // After the rooms: unloading takes the compaction lock.
      await fanout.close();
    });
  },
  { name: 'truenorth-relay', dependencies: ['truenorth-config', 'truenorth-storage'] },
);
