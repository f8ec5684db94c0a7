/**
 * Prometheus metrics. One registry per server instance (tests run several in one process).
 *
 * The relay's own counters, gauges and its one histogram are small classes here, rendered in the
 * Prometheus text format (0.0.4) by `MetricsRegistry.metrics()`; they cost a few plain numbers and
 * maps and are safe on the hot path. prom-client is used only for the process metrics (CPU,
 * memory, event-loop lag, GC; `defaultMetrics`) and is loaded at the first scrape: a relay nobody
 * scrapes never loads it (~2 MiB of heap), and one that is scraped measures from the first scrape
 * on (Prometheus scrapes every few seconds).
 */
import type { JournalStats } from './storage/journal.js';

export interface MetricsOptions {
  /** Also collect process metrics (CPU, memory, event-loop lag). Off in tests. */
  defaultMetrics?: boolean;
  /** Prefix of every metric name. */
  prefix?: string;
}

type Labels = Record<string, string>;

/** One sample of a metric, as prom-client's `get()` reports it (tests read values this way). */
export interface Sample {
  labels: Labels;
  value: number;
}

interface Renderable {
  readonly name: string;
  render(out: string[]): void;
}

const escapeHelp = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const formatValue = (n: number) =>
  Number.isNaN(n) ? 'NaN' : n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n);
const formatLabels = (labels: Labels) => {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
};

/** Registers the relay's metrics and renders them, with prom-client's process metrics if asked. */
export class MetricsRegistry {
  readonly contentType = 'text/plain; version=0.0.4; charset=utf-8';
  private readonly metricsList: Renderable[] = [];
  private processMetrics: Promise<{ metrics(): Promise<string> }> | null = null;

  constructor(private readonly options: { defaultMetrics?: boolean; prefix: string }) {}

  /** What every metric name of this registry starts with. */
  get prefix(): string {
    return this.options.prefix;
  }

  register(metric: Renderable): void {
    if (this.metricsList.some((m) => m.name === metric.name)) {
      throw new Error(`metric ${metric.name} is registered twice`);
    }
    this.metricsList.push(metric);
  }

  async metrics(): Promise<string> {
    const out: string[] = [];
    if (this.options.defaultMetrics) {
      this.processMetrics ??= import('prom-client').then((loaded) => {
        // CommonJS: Node's loader also offers its exports by name; the bundle (`npm start`) only
        // as the default export.
        const { Registry, collectDefaultMetrics } = loaded.Registry ? loaded : loaded.default;
        const registry = new Registry();
        collectDefaultMetrics({ register: registry, prefix: this.options.prefix });
        return registry;
      });
      const text = await (await this.processMetrics).metrics();
      if (text) out.push(text.trimEnd());
    }
    for (const metric of this.metricsList) metric.render(out);
    return `${out.join('\n')}\n`;
  }
}

/** A labelled value per label set; `L` are the label names. */
abstract class LabelledMetric<L extends string> implements Renderable {
  abstract readonly type: 'counter' | 'gauge';
  protected readonly values = new Map<string, Sample>();

  readonly name: string;
  readonly help: string;
  private readonly labelNames: readonly L[];
  /** Read the samples when collected instead of keeping them (for plain counters kept elsewhere). */
  private readonly read: (() => Iterable<Sample>) | undefined;

  constructor(
    registry: MetricsRegistry,
    options: { name: string; help: string; labelNames?: readonly L[]; read?: () => Iterable<Sample> },
  ) {
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames ?? [];
    this.read = options.read;
    // Like prom-client: a metric without labels starts at 0 and is always reported.
    if (this.labelNames.length === 0) this.values.set('', { labels: {}, value: 0 });
    registry.register(this);
  }

  protected add(labels: Partial<Record<L, string>> | undefined, by: number): void {
    const key =
      this.labelNames.length === 0 ? '' : this.labelNames.map((k) => labels?.[k] ?? '').join('\u0000');
    const sample = this.values.get(key);
    if (sample) sample.value += by;
    else this.values.set(key, { labels: { ...(labels as Labels) }, value: by });
  }

  /** Current samples (the shape of prom-client's `get()`). */
  async get(): Promise<{ values: Sample[] }> {
    return { values: this.samples() };
  }

  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`);
    for (const { labels, value } of this.samples())
      out.push(`${this.name}${formatLabels(labels)} ${formatValue(value)}`);
  }

  private samples(): Sample[] {
    return this.read
      ? [...this.read()]
      : [...this.values.values()].map((s) => ({ ...s, labels: { ...s.labels } }));
  }
}

export class Counter<L extends string = never> extends LabelledMetric<L> {
  readonly type = 'counter';

  inc(labels?: Record<L, string>, by = 1): void {
    if (!(by >= 0)) throw new Error(`counter ${this.name} can only go up (by ${by})`);
    this.add(labels, by);
  }
}

export class Gauge<L extends string = never> extends LabelledMetric<L> {
  readonly type = 'gauge';

  inc(labels?: Record<L, string>, by = 1): void {
    this.add(labels, by);
  }

  dec(labels?: Record<L, string>, by = 1): void {
    this.add(labels, -by);
  }
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
export class LatencyHistogram implements Renderable {
  private readonly ops = new Map<string, { buckets: Float64Array; sum: number; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
    registry: MetricsRegistry,
  ) {
    registry.register(this);
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

  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} histogram`);
    for (const [op, { buckets, sum, count }] of this.ops) {
      const labelOp = `op="${escapeLabel(op)}"`;
      let cumulative = 0;
      for (let i = 0; i <= this.bounds.length; i++) {
        cumulative += buckets[i]!;
        const le = i < this.bounds.length ? formatValue(this.bounds[i]!) : '+Inf';
        out.push(`${this.name}_bucket{le="${le}",${labelOp}} ${cumulative}`);
      }
      out.push(`${this.name}_sum{${labelOp}} ${formatValue(sum)}`, `${this.name}_count{${labelOp}} ${count}`);
    }
  }
}

/** A counter whose value is read from `value()` when it is collected. */
const readCounter = (value: () => number) => () => [{ labels: {}, value: value() }];

export function createMetrics(options: MetricsOptions = {}) {
  const prefix = options.prefix ?? 'truenorth_';
  const registry = new MetricsRegistry({ defaultMetrics: options.defaultMetrics, prefix });
  const traffic = new Traffic();

  return {
    registry,
    traffic,
    connections: new Gauge(registry, {
      name: `${prefix}connections`,
      help: 'Open WebSocket connections',
    }),
    roomsLoaded: new Gauge(registry, {
      name: `${prefix}rooms_loaded`,
      help: 'Boards loaded in memory',
    }),
    roomLoads: new Counter(registry, {
      name: `${prefix}room_loads_total`,
      help: 'Boards loaded from storage',
    }),
    messagesIn: new Counter(registry, {
      name: `${prefix}messages_in_total`,
      help: 'WebSocket messages received, by message type',
      labelNames: ['type'] as const,
      read: () => [...traffic.messagesIn].map(([type, value]) => ({ labels: { type }, value })),
    }),
    messagesOut: new Counter(registry, {
      name: `${prefix}messages_out_total`,
      help: 'WebSocket messages sent',
      read: readCounter(() => traffic.messagesOut),
    }),
    bytesIn: new Counter(registry, {
      name: `${prefix}bytes_in_total`,
      help: 'WebSocket bytes received',
      read: readCounter(() => traffic.bytesIn),
    }),
    bytesOut: new Counter(registry, {
      name: `${prefix}bytes_out_total`,
      help: 'WebSocket bytes sent',
      read: readCounter(() => traffic.bytesOut),
    }),
    droppedWrites: new Counter(registry, {
      name: `${prefix}dropped_writes_total`,
      help: 'Writes dropped instead of applied, by reason (observer, awareness-too-large, …)',
      labelNames: ['reason'] as const,
    }),
    closes: new Counter(registry, {
      name: `${prefix}closes_total`,
      help: 'WebSocket connections closed by the server, by close code name',
      labelNames: ['code'] as const,
    }),
    storeLatency: new LatencyHistogram(
      `${prefix}store_latency_seconds`,
      'Storage call latency, by operation',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registry,
    ),
    fanoutPublished: new Counter(registry, {
      name: `${prefix}fanout_published_total`,
      help: 'Updates this node stored and appended to a board stream in Redis',
    }),
    fanoutReceived: new Counter(registry, {
      name: `${prefix}fanout_received_total`,
      help: 'Updates read from a board stream that other nodes stored, applied here',
    }),
    fanoutResyncs: new Counter(registry, {
      name: `${prefix}fanout_resyncs_total`,
      help: 'Boards merged from storage because stream continuity was not certain, by reason',
      labelNames: ['reason'] as const,
    }),
    snapshotsPruned: new Counter(registry, {
      name: `${prefix}snapshots_pruned_total`,
      help: 'Automatic snapshots deleted by the retention schedule (SNAPSHOT_KEEP_ALL_MS, SNAPSHOT_KEEP_HOURLY_MS)',
    }),
    upgradesRejected: new Counter(registry, {
      name: `${prefix}upgrades_rejected_total`,
      help: 'WebSocket upgrades refused before a socket existed, by reason',
      labelNames: ['reason'] as const,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * The embedded storage's journal (storage/journal.ts): how much waits in it, and whether moving it
 * into SQLite fails (a full disk, say) — the updates stay safe in the journal meanwhile, but it
 * grows until the database takes them.
 */
export function registerJournalMetrics(metrics: Metrics, stats: () => JournalStats): void {
  const { registry } = metrics;
  const prefix = registry.prefix;
  new Gauge(registry, {
    name: `${prefix}journal_pending_updates`,
    help: 'Updates in the journal not yet in the database as rows or as part of a compacted state',
    read: () => [{ labels: {}, value: stats().pendingUpdates }],
  });
  new Gauge(registry, {
    name: `${prefix}journal_bytes`,
    help: 'Bytes of records in the update journal since it last started over',
    read: () => [{ labels: {}, value: stats().bytes }],
  });
  new Gauge(registry, {
    name: `${prefix}journal_mapped`,
    help: 'Whether the journal copies updates into a shared mapping of its file (1) or appends them with write(2) (0)',
    read: () => [{ labels: {}, value: stats().mapped ? 1 : 0 }],
  });
  new Counter(registry, {
    name: `${prefix}journal_ingest_failures_total`,
    help: 'Times moving the journal into the database failed (retried; the updates stay in the journal)',
    read: readCounter(() => stats().ingestFailures),
  });
}
