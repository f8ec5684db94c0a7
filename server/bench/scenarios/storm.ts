/**
 * Connection storm: a board with some notes (its author stays connected), then N clients start
 * connecting to it spread evenly over `spreadMs` — a room filling up, or everyone reconnecting
 * after a restart. Measured: from the first connect until every client is synced with every
 * note; a client not there within the timeout is a failure. Each round uses a new board, the
 * servers take turns round by round, and a smaller unmeasured round warms each server up first.
 *
 * The joiners are `LightReader`s (the default since the thirty-second session: no Y.Doc, synced
 * once the server's sync step 2 and the updates after it cover every note, read with
 * `Y.parseUpdateMeta`, nothing applied) or, with `joiners: 'providers'`, providers with a Y.Doc
 * each (synced once the provider says so and the doc holds every note). Providers cost the load
 * generator 4–5× what a join costs the server (building a Y.Doc, applying the board, the
 * provider's own work); the generator then fell 215–360 ms behind its one-second schedule for every
 * server alike (unpinned or pinned, no presence) and the all-synced time measured the generator.
 * Light joiners keep to the schedule, so the time is the server's, as with the fan-out's readers.
 *
 * Each joiner sets a presence (a name and a colour) as an app's page does (`presence`, the
 * default since the thirty-second session); without one no presence flowed at all.
 */
import { createElements } from '@truenorth/shared';
import * as Y from 'yjs';
import { connect, sleep, stickies, whenReady } from '../clients.js';
import { GENERATOR_STALL_MS, generatorWatch, MAX_TRIES } from '../generator.js';
import type { ServerKind } from '../ipc.js';
import { LightReader } from '../light-reader.js';
import type { ServerHandle } from '../server-handle.js';
import { inTurn, median, percentile } from '../stats.js';

export interface StormOptions {
  clients: number;
  spreadMs: number;
  seedNotes: number;
  timeoutMs: number;
  rounds: number;
  /** Who joins: a provider with a Y.Doc each, or a `LightReader` each (see above). */
  joiners: 'providers' | 'light';
  /**
   * Each joiner sets a presence (a name and a colour), as an app's page does, so the server
   * passes every joiner's presence to everyone in the room. Without one (until the thirty-second
   * session) no presence flows at all: a stock awareness starts at clock 0, which the others ignore.
   */
  presence: boolean;
}

const COLORS = ['#f59e0b', '#10b981', '#3b82f6', '#ef4444', '#8b5cf6', '#ec4899'];

export interface StormResult {
  /** Median over rounds: from the first connect until the last client was synced (NaN if any failed). */
  allSyncedMs: number;
  rounds: number[];
  /** Each client's own connect → synced time, over every round. */
  p50Ms: number;
  p99Ms: number;
  /** Every client's connect → synced time, ascending (for the JSON output). */
  own: number[];
  /**
   * Each round's connect → synced times in the order the clients connected (null: not synced in
   * time), for the JSON output: where in the second the slow ones were. (The thirty-seventh
   * session found Truenorth's slow joins bunched every 250 ms this way — its people writes.)
   */
  byJoiner: (number | null)[][];
  failures: number;
  drops: number;
  /** The server's CPU time per connecting client (median over rounds): what one join costs it. */
  cpuMsPerClient: number;
  /**
   * The load generator's own CPU time per connecting client (median over rounds): the clients'
   * share of a join (a provider's: building a Y.Doc, applying the board and everyone's presence,
   * its replies; a light joiner's: reading the bytes), on the generator's core.
   */
  generatorCpuMsPerClient: number;
  /** How late the load generator opened its last connection against the schedule (median over rounds). */
  lastConnectLateMs: number;
  /** From the last connection opened until the last client was synced (median over rounds). */
  afterLastConnectMs: number;
  /** Rounds run again because the load generator itself stalled (see GENERATOR_STALL_MS). */
  roundsAgain: number;
}

interface Round {
  allSyncedMs: number;
  own: number[];
  /** Each client's connect → synced time in connect order (null: not synced in time). */
  byJoiner: (number | null)[];
  failures: number;
  drops: number;
  /** The server's CPU time (every thread) from the first connect until all were synced. */
  serverCpuMs: number;
  /** The load generator's CPU time (every thread) over the same time. */
  generatorCpuMs: number;
  lastConnectLateMs: number;
  lastConnectAt: number;
  /** The load generator's worst event-loop delay over the round. */
  generatorLoopMaxMs: number;
}

interface Joiner {
  readonly drops: number;
  destroy(): void;
}

/**
 * Open one joiner; `ready` resolves with its time (ms since `since`) until it is synced with the
 * board as `board` (a state vector) has it, or null when that took longer than `timeoutMs`.
 */
function join(
  server: ServerHandle,
  room: string,
  opts: StormOptions,
  board: Map<number, number>,
  since: number,
  index: number,
): { joiner: Joiner; ready: Promise<number | null> } {
  const presence = opts.presence
    ? { user: { name: `Joiner ${index}`, color: COLORS[index % COLORS.length] } }
    : undefined;
  if (opts.joiners === 'providers') {
    const client = connect(server, room, undefined, { presence });
    return { joiner: client, ready: whenReady(client, opts.seedNotes, opts.timeoutMs, since) };
  }
  const have = new Map<number, number>();
  const take = (update: Uint8Array) => {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock > (have.get(client) ?? 0)) have.set(client, clock);
    }
  };
  let check = () => {};
  const reader = new LightReader(
    server.kind,
    server.port,
    room,
    (update) => {
      take(update);
      check();
    },
    { onStep2: take, presence },
  );
  const ready = new Promise<number | null>((resolve) => {
    const finish = (value: number | null) => {
      clearTimeout(timer);
      off();
      check = () => {};
      resolve(value);
    };
    check = () => {
      if (!reader.isSynced()) return;
      for (const [client, clock] of board) if ((have.get(client) ?? 0) < clock) return;
      finish(performance.now() - since);
    };
    const off = reader.onChange(() => check());
    const timer = setTimeout(() => finish(null), Math.max(0, since + opts.timeoutMs - performance.now()));
  });
  return { joiner: reader, ready };
}

async function round(server: ServerHandle, room: string, opts: StormOptions): Promise<Round> {
  const author = connect(server, room);
  const clients: Joiner[] = [];
  try {
    if ((await whenReady(author, 0, opts.timeoutMs)) === null) throw new Error('author did not sync');
    createElements(author.doc, stickies(opts.seedNotes));
    const checker = connect(server, room);
    const seeded = await whenReady(checker, opts.seedNotes, opts.timeoutMs);
    checker.destroy();
    if (seeded === null) throw new Error('the seed notes never reached the server');
    const board = Y.decodeStateVector(Y.encodeStateVector(author.doc));
    await sleep(300);

    const before = await server.usage();
    const generator = generatorWatch();
    const t0 = performance.now();
    const own: Promise<number | null>[] = [];
    let last = 0;
    let lastConnectLateMs = 0;
    let lastConnectAt = 0;
    for (let i = 0; i < opts.clients; i++) {
      const due = t0 + (i * opts.spreadMs) / opts.clients;
      await sleep(Math.max(0, due - performance.now()));
      const since = performance.now();
      lastConnectLateMs = since - due;
      lastConnectAt = since - t0;
      const { joiner, ready } = join(server, room, opts, board, since, i);
      clients.push(joiner);
      own.push(
        ready.then((ms) => {
          if (ms !== null) last = Math.max(last, performance.now() - t0);
          return ms;
        }),
      );
    }
    const times = await Promise.all(own);
    const spent = generator.stop();
    const after = await server.usage();
    const ok = times.filter((t): t is number => t !== null);
    const failures = times.length - ok.length;
    return {
      serverCpuMs: (after.cpuMicros - before.cpuMicros) / 1000,
      generatorCpuMs: spent.cpuMicros / 1000,
      generatorLoopMaxMs: spent.loopMaxMs,
      lastConnectLateMs,
      lastConnectAt,
      allSyncedMs: failures === 0 ? last : Number.NaN,
      own: ok,
      byJoiner: times.map((t) => (t === null ? null : Math.round(t * 10) / 10)),
      failures,
      drops: clients.reduce((n, c) => n + c.drops, 0),
    };
  } finally {
    for (const c of clients) c.destroy();
    author.destroy();
  }
}

export async function storm(
  servers: readonly ServerHandle[],
  opts: StormOptions,
  log: (line: string) => void,
): Promise<Partial<Record<ServerKind, StormResult | null>>> {
  const rounds = new Map<ServerHandle, Round[]>(servers.map((s) => [s, []]));
  const failed = new Set<ServerHandle>();
  /** Rounds run again because the load generator stalled (see GENERATOR_STALL_MS). */
  const again = new Map<ServerHandle, number>();
  // A first, smaller storm on each fresh process warms its JIT and connection paths; not counted.
  for (const server of servers) {
    await round(server, 'storm-warmup', { ...opts, clients: Math.ceil(opts.clients / 4) }).catch(() => {});
    await sleep(500);
  }
  for (let r = 0; r < opts.rounds; r++) {
    for (const server of inTurn(servers, r)) {
      if (failed.has(server)) continue;
      try {
        for (let t = 1; t <= MAX_TRIES; t++) {
          const done = await round(server, `storm-${r}-${t}`, opts);
          if (t < MAX_TRIES && done.generatorLoopMaxMs > GENERATOR_STALL_MS) {
            again.set(server, (again.get(server) ?? 0) + 1);
            await sleep(500);
            continue;
          }
          rounds.get(server)?.push(done);
          break;
        }
      } catch (err) {
        failed.add(server);
        log(`  storm · ${server.kind}: FAILED ${String(err)}`);
      }
      // Let the closed clients' sockets go before the next server's turn.
      await sleep(500);
    }
  }
  return Object.fromEntries(
    servers.map((s) => {
      const done = rounds.get(s) ?? [];
      if (failed.has(s) || done.length === 0) return [s.kind, null];
      const own = done.flatMap((d) => d.own).sort((a, b) => a - b);
      const result: StormResult = {
        allSyncedMs: done.some((d) => Number.isNaN(d.allSyncedMs))
          ? Number.NaN
          : median(done.map((d) => d.allSyncedMs)),
        rounds: done.map((d) => d.allSyncedMs),
        p50Ms: percentile(own, 0.5),
        p99Ms: percentile(own, 0.99),
        own: own.map((t) => Math.round(t)),
        byJoiner: done.map((d) => d.byJoiner),
        failures: done.reduce((n, d) => n + d.failures, 0),
        drops: done.reduce((n, d) => n + d.drops, 0),
        cpuMsPerClient: median(done.map((d) => d.serverCpuMs / opts.clients)),
        generatorCpuMsPerClient: median(done.map((d) => d.generatorCpuMs / opts.clients)),
        lastConnectLateMs: median(done.map((d) => d.lastConnectLateMs)),
        afterLastConnectMs: median(done.map((d) => d.allSyncedMs - d.lastConnectAt)),
        roundsAgain: again.get(s) ?? 0,
      };
      return [s.kind, result];
    }),
  );
}
