/**
 * Fan-out over one or several nodes: R rooms × C clients, client i of a room on node i mod N, so
 * with three nodes each room's clients (and its two writers) are spread over all of them. Each
 * write stamps `performance.now()` under a rotating key `sentAt<n>` (one clock: every client is
 * in this process); latency = arrival at every other client of the room − stamp, split into
 * deliveries on the writer's own node and deliveries that crossed to another node (stored in
 * PostgreSQL, appended to the board's Redis stream, read by the other node, broadcast there).
 */
import { createElement } from '@truenorth/shared';
import * as Y from 'yjs';
import { type BenchClient, connect, pool, sleep, whenReady } from '../clients.js';
import type { ServerHandle } from '../server-handle.js';
import { percentile } from '../stats.js';

export interface CrossNodeOptions {
  rooms: number;
  clientsPerRoom: number;
  writersPerRoom: number;
  hz: number;
}

export interface Latencies {
  p50Ms: number;
  p99Ms: number;
  count: number;
}

export interface CrossNodeResult {
  all: Latencies;
  sameNode: Latencies;
  crossNode: Latencies;
  writes: number;
  /** Deliveries that never arrived (writes × (clients − 1) − deliveries). */
  missing: number;
  /** CPU time of every node process over the slices, per delivered update. */
  cpuMicrosPerDelivery: number;
  /** The worst event-loop delay of any node while under load. */
  nodeLoopMaxMs: number;
  /** Boards merged from storage while writing (`truenorth_fanout_resyncs_total`, all nodes). */
  resyncs: number;
  drops: number;
}

const SYNC_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 5_000;
const STAMP_KEYS = 32;

function summary(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), count: sorted.length };
}

interface Placed {
  client: BenchClient;
  node: number;
}

export class CrossNodeRun {
  private readonly rooms: Placed[][] = [];
  private readonly writers: { placed: Placed; note: Y.Map<unknown> }[] = [];
  /** Element id of each writer's note → the writer's node. */
  private readonly noteNode = new Map<string, number>();
  private readonly same: number[] = [];
  private readonly cross: number[] = [];
  private measuring = false;
  private writes = 0;
  private cpuMicros = 0;
  private loopMaxMs = 0;
  /** Re-syncs counted before the first slice (joining may re-sync; writing should not). */
  private resyncsBefore: number | null = null;

  constructor(
    readonly name: string,
    private readonly nodes: readonly ServerHandle[],
    private readonly opts: CrossNodeOptions,
  ) {}

  private get placed(): Placed[] {
    return this.rooms.flat();
  }

  async prepare(): Promise<void> {
    const { rooms, clientsPerRoom, writersPerRoom } = this.opts;
    // The first client creates each board (SERVICE_TOKEN) before the others race to it on other nodes.
    for (let r = 0; r < rooms; r++) {
      const first = { client: connect(this.nodes[0]!, `cross-${r}`), node: 0 };
      this.rooms.push([first]);
      if ((await whenReady(first.client, 0, SYNC_TIMEOUT_MS)) === null)
        throw new Error('first client did not sync');
      for (let i = 1; i < clientsPerRoom; i++) {
        const node = i % this.nodes.length;
        this.rooms[r]!.push({ client: connect(this.nodes[node]!, `cross-${r}`), node });
      }
    }
    await pool(this.placed, 50, async ({ client }) => {
      if ((await whenReady(client, 0, SYNC_TIMEOUT_MS)) === null) throw new Error('a client did not sync');
    });
    for (const room of this.rooms) {
      for (const placed of room.slice(0, writersPerRoom)) {
        const id = createElement(placed.client.doc, 'sticky', { x: 0, y: 0, text: 'Drag me' });
        this.noteNode.set(id, placed.node);
        this.writers.push({ placed, note: placed.client.elements.get(id) as Y.Map<unknown> });
      }
    }
    await pool(this.placed, 50, async ({ client }) => {
      if ((await whenReady(client, writersPerRoom, SYNC_TIMEOUT_MS)) === null)
        throw new Error('writers’ notes did not arrive');
    });
    for (const { client, node } of this.placed) {
      client.elements.observeDeep((events, tx) => {
        if (!this.measuring || tx.local) return;
        for (const event of events) {
          if (!(event instanceof Y.YMapEvent)) continue;
          const from = this.noteNode.get(String(event.path[0]));
          for (const key of event.keysChanged) {
            if (!key.startsWith('sentAt')) continue;
            const sentAt = event.target.get(key);
            if (typeof sentAt !== 'number') continue;
            (from === node ? this.same : this.cross).push(performance.now() - sentAt);
          }
        }
      });
    }
  }

  /** The nodes' CPU time so far; each node's loop delay is measured from the previous call. */
  private async usage(): Promise<{ cpuMicros: number; loopMaxMs: number }> {
    const usages = await Promise.all(this.nodes.map((n) => n.usage()));
    return {
      cpuMicros: usages.reduce((sum, u) => sum + u.cpuMicros, 0),
      loopMaxMs: Math.max(...usages.map((u) => u.loopDelayMaxMs)),
    };
  }

  private async resyncs(): Promise<number> {
    let total = 0;
    for (const node of this.nodes) {
      const body = await (await fetch(`http://127.0.0.1:${node.port}/metrics`)).text();
      for (const m of body.matchAll(/^truenorth_fanout_resyncs_total\{[^}]*\} (\d+)/gm))
        total += Number(m[1]);
    }
    return total;
  }

  /** Write for `seconds`, wait (bounded) for every delivery, add the nodes' CPU time. */
  async slice(seconds: number): Promise<void> {
    const { hz, clientsPerRoom } = this.opts;
    this.resyncsBefore ??= await this.resyncs();
    // Also resets the loop-delay window, so idle time and other setups' slices are left out.
    const before = await this.usage();
    this.measuring = true;
    const period = 1000 / hz;
    const ticks = Math.round(seconds * hz);
    await Promise.all(
      this.writers.map(async ({ placed, note }) => {
        await sleep(Math.random() * period);
        const start = performance.now();
        for (let i = 0; i < ticks; i++) {
          placed.client.doc.transact(() => {
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
    while (this.same.length + this.cross.length < expected && performance.now() < deadline) await sleep(20);
    this.measuring = false;
    const after = await this.usage();
    this.cpuMicros += after.cpuMicros - before.cpuMicros;
    this.loopMaxMs = Math.max(this.loopMaxMs, after.loopMaxMs);
  }

  async result(): Promise<CrossNodeResult> {
    const deliveries = this.same.length + this.cross.length;
    const resyncs = (await this.resyncs()) - (this.resyncsBefore ?? 0);
    return {
      all: summary([...this.same, ...this.cross]),
      sameNode: summary(this.same),
      crossNode: summary(this.cross),
      writes: this.writes,
      missing: Math.max(0, this.writes * (this.opts.clientsPerRoom - 1) - deliveries),
      cpuMicrosPerDelivery: deliveries > 0 ? this.cpuMicros / deliveries : Number.NaN,
      nodeLoopMaxMs: this.loopMaxMs,
      resyncs,
      drops: this.placed.reduce((n, p) => n + p.client.drops, 0),
    };
  }

  destroy(): void {
    for (const { client } of this.placed) client.destroy();
  }
}
