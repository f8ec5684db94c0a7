/**
 * Fan-out: R rooms × C clients on every server; W writers per room move their own sticky note at
 * H Hz. Each write stamps the time it was made (performance.now(): clients and writers share this
 * process, so one clock) under a rotating key `sentAt<n>`, so a server that merges several writes
 * into one message (Hocuspocus coalesces per event-loop turn) still yields one sample per write.
 * Latency = arrival at each other client in the room − stamp. The server's CPU time over its
 * slices, divided by its deliveries, is its cost per delivered update.
 *
 * The servers run side by side and take turns in short slices (A B C A B C …), so a burst of load
 * from elsewhere on a shared machine lands on all of them rather than on whoever ran then.
 */
import { createElement } from '@truenorth/shared';
import * as Y from 'yjs';
import { type BenchClient, connect, pool, sleep, whenReady } from '../clients.js';
import type { ServerKind } from '../ipc.js';
import type { ServerHandle } from '../server-handle.js';
import { inTurn, median, percentile } from '../stats.js';

export interface FanoutOptions {
  rooms: number;
  clientsPerRoom: number;
  writersPerRoom: number;
  hz: number;
  /** Writing time per server, split into `slices` turns. */
  seconds: number;
  slices: number;
}

export interface FanoutResult {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  /**
   * Each counted slice's own p99, the median over the slices: what the tail looks like without
   * the rare burst of late deliveries that lands on one slice of whichever server runs then (a
   * hiccup of the shared machine; see docs/benchmarks.md). Shown beside p99, never instead of it.
   */
  sliceP99MedianMs: number;
  writes: number;
  deliveries: number;
  /** Deliveries that never arrived (writes × (clients − 1) − deliveries). */
  missing: number;
  serverCpuMs: number;
  cpuMicrosPerDelivery: number;
  /** The part of it spent on the server's main thread (the rest: GC helpers, workers, loader). */
  mainThreadCpuMicrosPerDelivery: number;
  /** The part of it spent in the kernel on the server's behalf (every thread). */
  systemCpuMicrosPerDelivery: number;
  /** Garbage collections during the slices, and the main thread's pauses for them. */
  gcCount: number;
  gcPauseMs: number;
  /** The server's worst event-loop delay while it was under load. */
  serverLoopMaxMs: number;
  drops: number;
}

const SYNC_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 5_000;
/** Writes a merged message may hold before stamps are overwritten (far more than ever merge). */
const STAMP_KEYS = 32;

/** One server's rooms of clients, its writers' notes, and what its clients measured. */
class Setup {
  readonly rooms: BenchClient[][] = [];
  readonly notes = new Map<BenchClient, Y.Map<unknown>>();
  readonly latencies: number[] = [];
  readonly sliceP99s: number[] = [];
  measuring = false;
  writes = 0;
  cpuMicros = 0;
  mainCpuMicros = 0;
  systemCpuMicros = 0;
  gcCount = 0;
  gcMs = 0;
  loopMaxMs = 0;

  constructor(
    readonly server: ServerHandle,
    readonly opts: FanoutOptions,
  ) {
    for (let r = 0; r < opts.rooms; r++) {
      this.rooms.push(Array.from({ length: opts.clientsPerRoom }, () => connect(server, `fanout-${r}`)));
    }
  }

  get clients(): BenchClient[] {
    return this.rooms.flat();
  }

  async prepare(): Promise<void> {
    await pool(this.clients, 50, async (c) => {
      if ((await whenReady(c, 0, SYNC_TIMEOUT_MS)) === null) throw new Error('a client did not sync');
    });
    // Each writer's note exists everywhere before the clock starts.
    for (const clients of this.rooms) {
      for (const w of clients.slice(0, this.opts.writersPerRoom)) {
        const id = createElement(w.doc, 'sticky', { x: 0, y: 0, text: 'Drag me' });
        this.notes.set(w, w.elements.get(id) as Y.Map<unknown>);
      }
    }
    await pool(this.clients, 50, async (c) => {
      if ((await whenReady(c, this.opts.writersPerRoom, SYNC_TIMEOUT_MS)) === null)
        throw new Error('writers’ notes did not arrive');
    });
    for (const c of this.clients) {
      c.elements.observeDeep((events, tx) => {
        if (!this.measuring || tx.local) return;
        for (const event of events) {
          if (!(event instanceof Y.YMapEvent)) continue;
          for (const key of event.keysChanged) {
            if (!key.startsWith('sentAt')) continue;
            const sentAt = event.target.get(key);
            if (typeof sentAt === 'number') this.latencies.push(performance.now() - sentAt);
          }
        }
      });
    }
  }

  /**
   * Write for `seconds`, wait for every delivery (bounded), and add the server's CPU time —
   * unless `counted` is false (a warm-up: nothing is recorded).
   */
  async slice(seconds: number, { counted = true } = {}): Promise<void> {
    const { hz, clientsPerRoom } = this.opts;
    const before = await this.server.usage();
    const latencies = this.latencies.length;
    const writes = this.writes;
    this.measuring = true;
    const period = 1000 / hz;
    const ticks = Math.round(seconds * hz);
    await Promise.all(
      [...this.notes.entries()].map(async ([writer, note]) => {
        // Spread the writers over one period so they do not all fire in the same tick.
        await sleep(Math.random() * period);
        const start = performance.now();
        for (let i = 0; i < ticks; i++) {
          writer.doc.transact(() => {
            note.set('x', (this.writes * 7) % 1000);
            note.set('y', (i * 13) % 1000);
            note.set(`sentAt${i % STAMP_KEYS}`, performance.now());
          });
          this.writes++;
          await sleep(Math.max(0, start + (i + 1) * period - performance.now()));
        }
      }),
    );
    const expected = this.writes * (clientsPerRoom - 1);
    const deadline = performance.now() + DRAIN_TIMEOUT_MS;
    while (this.latencies.length < expected && performance.now() < deadline) await sleep(20);
    const after = await this.server.usage();
    this.measuring = false;
    if (!counted) {
      this.latencies.length = latencies;
      this.writes = writes;
      return;
    }
    this.sliceP99s.push(
      percentile(
        this.latencies.slice(latencies).sort((a, b) => a - b),
        0.99,
      ),
    );
    this.cpuMicros += after.cpuMicros - before.cpuMicros;
    this.mainCpuMicros += after.mainThreadCpuMicros - before.mainThreadCpuMicros;
    this.systemCpuMicros += after.systemCpuMicros - before.systemCpuMicros;
    this.gcCount += after.gcCount - before.gcCount;
    this.gcMs += after.gcMs - before.gcMs;
    this.loopMaxMs = Math.max(this.loopMaxMs, after.loopDelayMaxMs);
  }

  result(): FanoutResult {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const deliveries = sorted.length;
    return {
      p50Ms: percentile(sorted, 0.5),
      p90Ms: percentile(sorted, 0.9),
      p99Ms: percentile(sorted, 0.99),
      p999Ms: percentile(sorted, 0.999),
      sliceP99MedianMs: median(this.sliceP99s),
      writes: this.writes,
      deliveries,
      missing: Math.max(0, this.writes * (this.opts.clientsPerRoom - 1) - deliveries),
      serverCpuMs: this.cpuMicros / 1000,
      cpuMicrosPerDelivery: deliveries > 0 ? this.cpuMicros / deliveries : Number.NaN,
      mainThreadCpuMicrosPerDelivery: deliveries > 0 ? this.mainCpuMicros / deliveries : Number.NaN,
      systemCpuMicrosPerDelivery: deliveries > 0 ? this.systemCpuMicros / deliveries : Number.NaN,
      gcCount: this.gcCount,
      gcPauseMs: this.gcMs,
      serverLoopMaxMs: this.loopMaxMs,
      drops: this.clients.reduce((n, c) => n + c.drops, 0),
    };
  }

  destroy(): void {
    for (const c of this.clients) c.destroy();
  }
}

/**
 * Uncounted slices per server before the counted ones. With one (until the fifth session), the
 * CPU time of every server's other threads — V8's optimizing compiler, mostly — fell over the
 * first three counted slices (6.9 → 3.5 → 2.0 → 0.7 → 0.1 µs per delivery for the reference
 * server, 7.4 → 5.7 → 4.2 → 0.7 → 0.5 for Truenorth): a server's warm-up, not its steady state.
 */
const WARMUP_SLICES = 4;

export async function fanout(
  servers: readonly ServerHandle[],
  opts: FanoutOptions,
  log: (line: string) => void,
): Promise<Partial<Record<ServerKind, FanoutResult | null>>> {
  const setups: Setup[] = [];
  const failed = new Set<Setup>();
  try {
    for (const server of servers) {
      const setup = new Setup(server, opts);
      setups.push(setup);
      try {
        await setup.prepare();
      } catch (err) {
        failed.add(setup);
        log(`  fan-out · ${server.kind}: setup FAILED ${String(err)}`);
      }
    }
    // Slices not counted first, in turn: every server and the load generator's code for it warm
    // up. The optimizing compiler's threads stay busy for several seconds of load (see
    // WARMUP_SLICES); counted, that one-time work showed as most of the difference between servers.
    for (let w = 0; w < WARMUP_SLICES; w++) {
      for (const setup of inTurn(setups, w)) {
        if (failed.has(setup)) continue;
        await setup.slice(opts.seconds / opts.slices, { counted: false });
      }
    }
    await sleep(500);
    for (let s = 0; s < opts.slices; s++) {
      for (const setup of inTurn(setups, s)) {
        if (failed.has(setup)) continue;
        await setup.slice(opts.seconds / opts.slices);
      }
    }
    return Object.fromEntries(setups.map((s) => [s.server.kind, failed.has(s) ? null : s.result()]));
  } finally {
    for (const setup of setups) setup.destroy();
  }
}
