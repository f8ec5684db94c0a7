/**
 * Join a big board: on every server, client A writes N sticky notes (in batches, as a template
 * or a long workshop would) and a checker waits until the server serves all of them. Then fresh
 * clients each measure connect → synced with all N notes, the servers taking turns. A stays
 * connected, so every server holds the board in memory (the peers have no storage to load it
 * from). For Truenorth also a cold join: A leaves, the room is stored and unloaded, and a fresh
 * client's join loads it from SQLite.
 *
 * A join is mostly the client decoding ~3.7 MB of board (~0.5–0.9 s here, the same Yjs work
 * whichever server sent the bytes), and the load generator's own garbage — the boards earlier
 * joins decoded — used to be collected inside whichever join came next, ± 200 ms at random. The
 * load generator now collects its garbage before each timed join (every server alike), runs more
 * joins, and also reports when the board's bytes had arrived: the part of a join the server does.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createElements } from '@truenorth/shared';
import * as Y from 'yjs';
import { type BenchClient, connect, sleep, stickies, whenReady } from '../clients.js';
import { isTruenorth, type ServerKind } from '../ipc.js';
import type { ServerHandle } from '../server-handle.js';
import { inTurn, median } from '../stats.js';

export interface JoinOptions {
  notes: number;
  batch: number;
  joins: number;
}

export interface JoinResult {
  /** Median over `joins` fresh clients, board in memory. */
  warmMs: number;
  warmAll: number[];
  /** Median over the same joins: connect → the board's bytes arrived (before the client decodes them). */
  receivedMs: number;
  receivedAll: number[];
  /** Truenorth only: the board loaded from storage by the join. */
  coldMs: number | null;
  encodedBytes: number;
  failures: number;
}

const READY_TIMEOUT_MS = 60_000;
const ROOM = 'join-board';

/** A full collection in this process (the load generator), whether or not it runs with --expose-gc. */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Let the collector's background threads finish before the clock starts. */
const AFTER_GC_MS = 300;

interface Timed {
  synced: number;
  received: number | null;
}

async function timeJoin(server: ServerHandle, notes: number): Promise<Timed | null> {
  collectGarbage();
  await sleep(AFTER_GC_MS);
  const since = performance.now();
  const client = connect(server, ROOM);
  try {
    const synced = await whenReady(client, notes, READY_TIMEOUT_MS, since);
    if (synced === null) return null;
    const at = client.largestMessageAt();
    return { synced, received: at === null ? null : at - since };
  } finally {
    client.destroy();
  }
}

/** Write the board through `author`; the encoded size once the server serves all of it. */
async function seed(server: ServerHandle, author: BenchClient, opts: JoinOptions): Promise<number> {
  if ((await whenReady(author, 0, READY_TIMEOUT_MS)) === null) throw new Error('author did not sync');
  for (let i = 0; i < opts.notes; i += opts.batch) {
    createElements(author.doc, stickies(Math.min(opts.batch, opts.notes - i), i));
    // Let the provider send before the next batch (a template or a long session lands in steps).
    await sleep(1);
  }
  const checker = connect(server, ROOM);
  try {
    if ((await whenReady(checker, opts.notes, READY_TIMEOUT_MS)) === null)
      throw new Error(`the server never served all ${opts.notes} notes`);
    return Y.encodeStateAsUpdate(checker.doc).byteLength;
  } finally {
    checker.destroy();
  }
}

export async function join(
  servers: readonly ServerHandle[],
  opts: JoinOptions,
  log: (line: string) => void,
): Promise<Partial<Record<ServerKind, JoinResult | null>>> {
  const authors = new Map<ServerHandle, BenchClient>();
  const results = new Map<ServerHandle, JoinResult>();
  try {
    for (const server of servers) {
      const author = connect(server, ROOM);
      authors.set(server, author);
      try {
        const encodedBytes = await seed(server, author, opts);
        results.set(server, {
          warmMs: Number.NaN,
          warmAll: [],
          receivedMs: Number.NaN,
          receivedAll: [],
          coldMs: null,
          encodedBytes,
          failures: 0,
        });
      } catch (err) {
        log(`  join · ${server.kind}: seeding FAILED ${String(err)}`);
      }
    }
    for (let j = 0; j < opts.joins; j++) {
      for (const [server, result] of inTurn([...results], j)) {
        const timed = await timeJoin(server, opts.notes);
        if (timed === null) result.failures++;
        else {
          result.warmAll.push(timed.synced);
          if (timed.received !== null) result.receivedAll.push(timed.received);
        }
      }
    }
    for (const [server, result] of results) {
      result.warmMs = median(result.warmAll);
      result.receivedMs = median(result.receivedAll);
      authors.get(server)?.destroy();
      if (!isTruenorth(server.kind)) continue;
      const deadline = performance.now() + server.settings.unloadAfterMs + 15_000;
      while ((await server.usage()).rooms > 0 && performance.now() < deadline) await sleep(100);
      const cold = await timeJoin(server, opts.notes);
      result.coldMs = cold?.synced ?? null;
      if (cold === null) result.failures++;
    }
    return Object.fromEntries(servers.map((s) => [s.kind, results.get(s) ?? null]));
  } finally {
    for (const author of authors.values()) author.destroy();
  }
}
