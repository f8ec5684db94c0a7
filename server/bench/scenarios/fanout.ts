/**
 * Fan-out: R rooms × C clients on every server; W writers per room move their own sticky note at
 * H Hz. Each write stamps the time it was made (performance.now(): clients and writers share this
 * process, so one clock) under a rotating key `sentAt<n>`, so a server that merges several writes
 * into one message (Hocuspocus coalesces per event-loop turn) still yields one sample per write.
 * Latency = arrival at each other client in the room − stamp: with light readers (the default),
 * when the write's bytes arrive, before any client decodes them; with `providers` readers, once
 * the client's provider has applied it. The server's CPU time over its slices, divided by its
 * deliveries, is its cost per delivered update.
 *
 * The servers run side by side and take turns in short slices (A B C A B C …), so a burst of load
 * from elsewhere on a shared machine lands on all of them rather than on whoever ran then.
 */
import { createElement } from '@truenorth/shared';
import * as Y from 'yjs';
import { type BenchClient, connect, pool, sleep, whenReady } from '../clients.js';
import { GENERATOR_STALL_MS, generatorWatch, MAX_TRIES } from '../generator.js';
import type { ServerKind } from '../ipc.js';
import { LightReader, StampBook, syncUpdate } from '../light-reader.js';
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
  /**
   * How the clients that do not write read. `light` (the default since the twenty-eighth
   * session): a `LightReader` each — no Y.Doc, no provider — timing a write when its bytes
   * arrive; the writers, full clients, time theirs the same way, as each message arrives and
   * before their provider decodes it. `providers` (until then): every client a provider with its
   * own Y.Doc, timing a write once it has applied it — the load generator then spent three to four
   * times the server's CPU per delivery, and its own queue set most of the latency.
   */
  readers: 'light' | 'providers';
  /** Uncounted writing time per server before the counted slices (default `WARMUP_SECONDS`). */
  warmupSeconds?: number;
}

export interface FanoutResult {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  /**
   * Each counted slice's own p99, the median over the slices: what the tail looks like without
   * the rare burst of late deliveries that lands on one slice of whichever server runs then (a
   * hiccup of the shared machine; see docs/benchmarks-history.md). Shown beside p99, never instead of it.
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
  /** Of those, mark-compacts (full collections); null when the server does not count them. */
  gcMajorCount: number | null;
  /** The server's worst event-loop delay while it was under load. */
  serverLoopMaxMs: number;
  /**
   * The load generator's (this process's) own garbage-collection pauses during this server's
   * counted slices, and its worst event-loop delay then: a late delivery the generator caused
   * shows here, not in the server's figures.
   */
  generatorGcMs: number;
  generatorLoopMaxMs: number;
  /** The load generator's CPU time (this process, every thread) per delivery in those slices. */
  generatorCpuMicrosPerDelivery: number;
  /**
   * Per write, the latency of its first and of its last delivery (the medians over the writes):
   * the first is the server's turnaround plus one client applying it; the rest of the last is the
   * server's sends to the others and the load generator applying them one after another.
   */
  firstDeliveryP50Ms: number;
  lastDeliveryP50Ms: number;
  /** p99 over every counted slice's deliveries, the slices run again after a stall included. */
  p99EverySliceMs: number;
  /** Counted slices run again because the load generator itself stalled (see GENERATOR_STALL_MS). */
  rerunSlices: number;
  drops: number;
}

const SYNC_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 5_000;
/** Writes a merged message may hold before stamps are overwritten (far more than ever merge). */
const STAMP_KEYS = 32;

/** One server's rooms of clients, its writers' notes, and what its clients measured. */
class Setup {
  /** Per room: its writers first, then — with `providers` readers — the clients that only read. */
  readonly rooms: BenchClient[][] = [];
  /** With `light` readers: the clients that only read, every room's. */
  readonly readers: LightReader[] = [];
  /** With `light` readers: each write of the slice being run, by its writer's client id and clock. */
  private readonly stamps = new StampBook();
  readonly notes = new Map<BenchClient, Y.Map<unknown>>();
  readonly latencies: number[] = [];
  /** The deliveries of every counted slice, those run again after a stall included. */
  private readonly everySlice: number[] = [];
  /** The slice being run: its deliveries, and its writes' first and last delivery by stamp. */
  private current: number[] = [];
  private spread = new Map<number, { first: number; last: number }>();
  private readonly firsts: number[] = [];
  private readonly lasts: number[] = [];
  /** Counted slices run again because the load generator itself stalled. */
  rerun = 0;
  readonly sliceP99s: number[] = [];
  measuring = false;
  writes = 0;
  cpuMicros = 0;
  mainCpuMicros = 0;
  systemCpuMicros = 0;
  gcCount = 0;
  gcMs = 0;
  gcMajorCount: number | null = 0;
  loopMaxMs = 0;
  generatorGcMs = 0;
  generatorLoopMaxMs = 0;
  generatorCpuMicros = 0;

  constructor(
    readonly server: ServerHandle,
    readonly opts: FanoutOptions,
  ) {
    const light = opts.readers === 'light';
    // A full client hears its own writes back from the reference server: not a delivery.
    const onMessage = (own: number) => (bytes: Uint8Array) => {
      if (!this.measuring) return;
      const update = syncUpdate(server.kind, bytes);
      if (update) this.stamps.read(update, this.record, own);
    };
    const onUpdate = (update: Uint8Array) => {
      if (this.measuring) this.stamps.read(update, this.record);
    };
    for (let r = 0; r < opts.rooms; r++) {
      const room = `fanout-${r}`;
      const full = light ? opts.writersPerRoom : opts.clientsPerRoom;
      this.rooms.push(
        Array.from({ length: full }, () => {
          const doc = new Y.Doc();
          return connect(server, room, doc, light ? { onMessage: onMessage(doc.clientID) } : {});
        }),
      );
      if (!light) continue;
      for (let k = full; k < opts.clientsPerRoom; k++) {
        this.readers.push(new LightReader(server.kind, server.port, room, onUpdate));
      }
    }
  }

  /** A write's arrival at one more client, by its stamp. */
  private readonly record = (sentAt: number): void => {
    const latency = performance.now() - sentAt;
    this.current.push(latency);
    const seen = this.spread.get(sentAt);
    if (seen) {
      seen.first = Math.min(seen.first, latency);
      seen.last = Math.max(seen.last, latency);
    } else {
      this.spread.set(sentAt, { first: latency, last: latency });
    }
  };

  get clients(): BenchClient[] {
    return this.rooms.flat();
  }

  async prepare(): Promise<void> {
    await pool(this.clients, 50, async (c) => {
      if ((await whenReady(c, 0, SYNC_TIMEOUT_MS)) === null) throw new Error('a client did not sync');
    });
    await pool(this.readers, 50, async (reader) => {
      if (!(await whenSynced(reader, SYNC_TIMEOUT_MS))) throw new Error('a reader did not sync');
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
    if (this.opts.readers === 'light') return;
    for (const c of this.clients) {
      c.elements.observeDeep((events, tx) => {
        if (!this.measuring || tx.local) return;
        for (const event of events) {
          if (!(event instanceof Y.YMapEvent)) continue;
          for (const key of event.keysChanged) {
            if (!key.startsWith('sentAt')) continue;
            const sentAt = event.target.get(key);
            if (typeof sentAt === 'number') this.record(sentAt);
          }
        }
      });
    }
  }

  /**
   * Write for `seconds`, wait for every delivery (bounded), and add what was measured — unless
   * `counted` is false (a warm-up: nothing is recorded), or the load generator stalled during the
   * slice and `retry` allows running it again (its deliveries count only in `everySlice`).
   * Returns false when the slice was not recorded because of a stall.
   */
  async slice(seconds: number, { counted = true, retry = false } = {}): Promise<boolean> {
    const { hz, clientsPerRoom } = this.opts;
    const before = await this.server.usage();
    this.current = [];
    this.spread = new Map();
    this.stamps.clear();
    let writes = 0;
    const generator = generatorWatch();
    this.measuring = true;
    const period = 1000 / hz;
    const ticks = Math.round(seconds * hz);
    await Promise.all(
      [...this.notes.entries()].map(async ([writer, note]) => {
        // Spread the writers over one period so they do not all fire in the same tick.
        await sleep(Math.random() * period);
        const start = performance.now();
        for (let i = 0; i < ticks; i++) {
          const { doc } = writer;
          const sentAt = performance.now();
          if (this.opts.readers === 'light')
            this.stamps.add(doc.clientID, Y.getState(doc.store, doc.clientID), sentAt);
          doc.transact(() => {
            note.set('x', ((this.writes + writes) * 7) % 1000);
            note.set('y', (i * 13) % 1000);
            note.set(`sentAt${i % STAMP_KEYS}`, sentAt);
          });
          writes++;
          await sleep(Math.max(0, start + (i + 1) * period - performance.now()));
        }
      }),
    );
    const expected = writes * (clientsPerRoom - 1);
    const deadline = performance.now() + DRAIN_TIMEOUT_MS;
    while (this.current.length < expected && performance.now() < deadline) await sleep(20);
    const after = await this.server.usage();
    this.measuring = false;
    const own = generator.stop();
    if (!counted) return true;
    const delivered = this.current;
    for (const latency of delivered) this.everySlice.push(latency);
    if (retry && own.loopMaxMs > GENERATOR_STALL_MS) {
      this.rerun++;
      return false;
    }
    this.writes += writes;
    for (const latency of delivered) this.latencies.push(latency);
    for (const { first, last } of this.spread.values()) {
      this.firsts.push(first);
      this.lasts.push(last);
    }
    this.sliceP99s.push(
      percentile(
        [...delivered].sort((a, b) => a - b),
        0.99,
      ),
    );
    this.cpuMicros += after.cpuMicros - before.cpuMicros;
    this.mainCpuMicros += after.mainThreadCpuMicros - before.mainThreadCpuMicros;
    this.systemCpuMicros += after.systemCpuMicros - before.systemCpuMicros;
    this.gcCount += after.gcCount - before.gcCount;
    this.gcMs += after.gcMs - before.gcMs;
    this.gcMajorCount =
      this.gcMajorCount === null || after.gcMajorCount === undefined || before.gcMajorCount === undefined
        ? null
        : this.gcMajorCount + after.gcMajorCount - before.gcMajorCount;
    this.loopMaxMs = Math.max(this.loopMaxMs, after.loopDelayMaxMs);
    this.generatorGcMs += own.gcMs;
    this.generatorLoopMaxMs = Math.max(this.generatorLoopMaxMs, own.loopMaxMs);
    this.generatorCpuMicros += own.cpuMicros;
    return true;
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
      gcMajorCount: this.gcMajorCount,
      serverLoopMaxMs: this.loopMaxMs,
      generatorGcMs: this.generatorGcMs,
      generatorLoopMaxMs: this.generatorLoopMaxMs,
      generatorCpuMicrosPerDelivery: deliveries > 0 ? this.generatorCpuMicros / deliveries : Number.NaN,
      firstDeliveryP50Ms: median(this.firsts),
      lastDeliveryP50Ms: median(this.lasts),
      p99EverySliceMs: percentile(
        [...this.everySlice].sort((a, b) => a - b),
        0.99,
      ),
      rerunSlices: this.rerun,
      drops: [...this.clients, ...this.readers].reduce((n, c) => n + c.drops, 0),
    };
  }

  destroy(): void {
    for (const c of this.clients) c.destroy();
    for (const reader of this.readers) reader.destroy();
  }
}

/** Whether `reader` is synced within `timeoutMs`. */
async function whenSynced(reader: LightReader, timeoutMs: number): Promise<boolean> {
  if (reader.isSynced()) return true;
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(false);
    }, timeoutMs);
    const off = reader.onChange(() => {
      clearTimeout(timer);
      off();
      resolve(true);
    });
  });
}

/**
 * Uncounted writing time per server before the counted slices, in slices of the same length
 * (until the twenty-third session four slices of 2 s). With one (until the fifth session), the
 * CPU time of every server's other threads — V8's optimizing compiler, mostly — fell over the
 * first three counted slices (6.9 → 3.5 → 2.0 → 0.7 → 0.1 µs per delivery for the reference
 * server, 7.4 → 5.7 → 4.2 → 0.7 → 0.5 for Truenorth): a server's warm-up, not its steady state.
 */
const WARMUP_SECONDS = 8;

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
    // WARMUP_SECONDS); counted, that one-time work showed as most of the difference between servers.
    const sliceSeconds = opts.seconds / opts.slices;
    const warmups = Math.max(1, Math.round((opts.warmupSeconds ?? WARMUP_SECONDS) / sliceSeconds));
    for (let w = 0; w < warmups; w++) {
      for (const setup of inTurn(setups, w)) {
        if (failed.has(setup)) continue;
        await setup.slice(sliceSeconds, { counted: false });
      }
    }
    await sleep(500);
    for (let s = 0; s < opts.slices; s++) {
      for (const setup of inTurn(setups, s)) {
        if (failed.has(setup)) continue;
        for (let t = 1; t <= MAX_TRIES; t++) {
          if (await setup.slice(sliceSeconds, { retry: t < MAX_TRIES })) break;
        }
      }
    }
    return Object.fromEntries(setups.map((s) => [s.server.kind, failed.has(s) ? null : s.result()]));
  } finally {
    for (const setup of setups) setup.destroy();
  }
}
