/**
 * Prometheus metrics. One registry per server instance (tests run several in one process), so
 * nothing registers on prom-client's global registry.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsOptions {
  /** Also collect process metrics (CPU, memory, event-loop lag). Off in tests. */
  defaultMetrics?: boolean;
  /** Prefix of every metric name. */
  prefix?: string;
}

export function createMetrics(options: MetricsOptions = {}) {
  const prefix = options.prefix ?? 'truenorth_';
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix });
  const registers = [registry];

  return {
    registry,
    connections: new Gauge({
      name: `${prefix}connections`,
      help: 'Open WebSocket connections',
      registers,
    }),
    roomsLoaded: new Gauge({
      name: `${prefix}rooms_loaded`,
      help: 'Boards loaded in memory',
      registers,
    }),
    roomLoads: new Counter({
      name: `${prefix}room_loads_total`,
      help: 'Boards loaded from storage',
      registers,
    }),
    messagesIn: new Counter({
      name: `${prefix}messages_in_total`,
      help: 'WebSocket messages received, by message type',
      labelNames: ['type'] as const,
      registers,
    }),
    messagesOut: new Counter({
      name: `${prefix}messages_out_total`,
      help: 'WebSocket messages sent',
      registers,
    }),
    bytesIn: new Counter({
      name: `${prefix}bytes_in_total`,
      help: 'WebSocket bytes received',
      registers,
    }),
    bytesOut: new Counter({
      name: `${prefix}bytes_out_total`,
      help: 'WebSocket bytes sent',
      registers,
    }),
    droppedWrites: new Counter({
      name: `${prefix}dropped_writes_total`,
      help: 'Writes dropped instead of applied, by reason (observer, awareness-too-large, …)',
      labelNames: ['reason'] as const,
      registers,
    }),
    closes: new Counter({
      name: `${prefix}closes_total`,
      help: 'WebSocket connections closed by the server, by close code name',
      labelNames: ['code'] as const,
      registers,
    }),
    storeLatency: new Histogram({
      name: `${prefix}store_latency_seconds`,
      help: 'Storage call latency, by operation',
      labelNames: ['op'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    fanoutPublished: new Counter({
      name: `${prefix}fanout_published_total`,
      help: 'Updates this node stored and appended to a board stream in Redis',
      registers,
    }),
    fanoutReceived: new Counter({
      name: `${prefix}fanout_received_total`,
      help: 'Updates read from a board stream that other nodes stored, applied here',
      registers,
    }),
    fanoutResyncs: new Counter({
      name: `${prefix}fanout_resyncs_total`,
      help: 'Boards merged from storage because stream continuity was not certain, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    upgradesRejected: new Counter({
      name: `${prefix}upgrades_rejected_total`,
      help: 'WebSocket upgrades refused before a socket existed, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
