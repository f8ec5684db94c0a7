/**
 * Prometheus metrics. One registry per server instance (tests run several in one process), so
 * nothing registers on prom-client's global registry.
 */
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

export interface MetricsOptions {
  /** Also collect process metrics (CPU, memory, event-loop lag). Off in tests. */
  defaultMetrics?: boolean;
  /** Prefix of every metric name. */
  prefix?: string;
}

/**
 * Per-message traffic, counted as plain numbers on the hot path (a prom-client `inc` hashes its
 * labels on every call; the fan-out sends one message per client per update) and handed to the
 * counters when they are read.
 */
export class Traffic {
  messagesOut = 0;
  bytesOut = 0;
  bytesIn = 0;
  readonly messagesIn = new Map<string, number>();

  countIn(type: string): void {
    this.messagesIn.set(type, (this.messagesIn.get(type) ?? 0) + 1);
  }
}

/**
 * A Prometheus histogram labelled by `op`, for the store-before-broadcast path: `observe` only adds
 * to a bucket (prom-client's `Histogram.observe` validates and hashes its labels and allocates on
 * every call). It renders exactly like a prom-client histogram.
 */
export class LatencyHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly ops = new Map<string, { buckets: Float64Array; sum: number; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    // The registry only calls get() and reset(): the shape of a prom-client metric.
    registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  observe(op: string, seconds: number): void {
    let entry = this.ops.get(op);
    if (!entry) {
      entry = { buckets: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
      this.ops.set(op, entry);
    }
    let i = 0;
    while (i < this.bounds.length && seconds > this.bounds[i]!) i++;
    entry.buckets[i]!++;
    entry.sum += seconds;
    entry.count++;
  }

  async get() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const [op, { buckets, sum, count }] of this.ops) {
      let cumulative = 0;
      for (let i = 0; i <= this.bounds.length; i++) {
        cumulative += buckets[i]!;
        const le = i < this.bounds.length ? this.bounds[i]! : '+Inf';
        values.push({ labels: { le, op }, value: cumulative, metricName: `${this.name}_bucket` });
      }
      values.push({ labels: { op }, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels: { op }, value: count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.ops.clear();
  }
}

/** A counter whose value is read from `value()` when it is collected. */
function readCounter(value: () => number) {
  return function collect(this: Counter) {
    this.reset();
    this.inc(value());
  };
}

export function createMetrics(options: MetricsOptions = {}) {
  const prefix = options.prefix ?? 'truenorth_';
  const registry = new Registry();
  const traffic = new Traffic();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix });
  const registers = [registry];

  return {
    registry,
    traffic,
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
      collect() {
        this.reset();
        for (const [type, n] of traffic.messagesIn) this.inc({ type }, n);
      },
    }),
    messagesOut: new Counter({
      name: `${prefix}messages_out_total`,
      help: 'WebSocket messages sent',
      registers,
      collect: readCounter(() => traffic.messagesOut),
    }),
    bytesIn: new Counter({
      name: `${prefix}bytes_in_total`,
      help: 'WebSocket bytes received',
      registers,
      collect: readCounter(() => traffic.bytesIn),
    }),
    bytesOut: new Counter({
      name: `${prefix}bytes_out_total`,
      help: 'WebSocket bytes sent',
      registers,
      collect: readCounter(() => traffic.bytesOut),
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
    storeLatency: new LatencyHistogram(
      `${prefix}store_latency_seconds`,
      'Storage call latency, by operation',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registry,
    ),
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
