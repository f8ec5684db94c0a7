/**
 * Connection storm: a board with some notes (its author stays connected), then N clients start
 * connecting to it spread evenly over `spreadMs` — a room filling up, or everyone reconnecting
 * after a restart. Measured: from the first connect until every client is synced with every
 * note; a client not there within the timeout is a failure. Each round uses a new board, the
 * servers take turns round by round, and a smaller unmeasured round warms each server up first.
 */
import { createElements } from '@truenorth/shared';
import { type BenchClient, connect, sleep, stickies, whenReady } from '../clients.js';
import type { ServerKind } from '../ipc.js';
import type { ServerHandle } from '../server-handle.js';
import { inTurn, median, percentile } from '../stats.js';

export interface StormOptions {
  clients: number;
  spreadMs: number;
  seedNotes: number;
  timeoutMs: number;
  rounds: number;
}

export interface StormResult {
  /** Median over rounds: from the first connect until the last client was synced (NaN if any failed). */
  allSyncedMs: number;
  rounds: number[];
  /** Each client's own connect → synced time, over every round. */
  p50Ms: number;
  p99Ms: number;
  /** Every client's connect → synced time, ascending (for the JSON output). */
  own: number[];
  failures: number;
  drops: number;
  /** The server's CPU time per connecting client (median over rounds): what one join costs it. */
  cpuMsPerClient: number;
}

interface Round {
  allSyncedMs: number;
  own: number[];
  failures: number;
  drops: number;
  /** The server's CPU time (every thread) from the first connect until all were synced. */
  serverCpuMs: number;
}

async function round(server: ServerHandle, room: string, opts: StormOptions): Promise<Round> {
  const author = connect(server, room);
  const clients: BenchClient[] = [];
  try {
    if ((await whenReady(author, 0, opts.timeoutMs)) === null) throw new Error('author did not sync');
    createElements(author.doc, stickies(opts.seedNotes));
    const checker = connect(server, room);
    const seeded = await whenReady(checker, opts.seedNotes, opts.timeoutMs);
    checker.destroy();
    if (seeded === null) throw new Error('the seed notes never reached the server');
    await sleep(300);

    const before = await server.usage();
    const t0 = performance.now();
    const own: Promise<number | null>[] = [];
    let last = 0;
    for (let i = 0; i < opts.clients; i++) {
      await sleep(Math.max(0, t0 + (i * opts.spreadMs) / opts.clients - performance.now()));
      const since = performance.now();
      const client = connect(server, room);
      clients.push(client);
      own.push(
        whenReady(client, opts.seedNotes, opts.timeoutMs, since).then((ms) => {
          if (ms !== null) last = Math.max(last, performance.now() - t0);
          return ms;
        }),
      );
    }
    const times = await Promise.all(own);
    const after = await server.usage();
    const ok = times.filter((t): t is number => t !== null);
    const failures = times.length - ok.length;
    return {
      serverCpuMs: (after.cpuMicros - before.cpuMicros) / 1000,
      allSyncedMs: failures === 0 ? last : Number.NaN,
      own: ok,
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
  // A first, smaller storm on each fresh process warms its JIT and connection paths; not counted.
  for (const server of servers) {
    await round(server, 'storm-warmup', { ...opts, clients: Math.ceil(opts.clients / 4) }).catch(() => {});
    await sleep(500);
  }
  for (let r = 0; r < opts.rounds; r++) {
    for (const server of inTurn(servers, r)) {
      if (failed.has(server)) continue;
      try {
        rounds.get(server)?.push(await round(server, `storm-${r}`, opts));
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
        failures: done.reduce((n, d) => n + d.failures, 0),
        drops: done.reduce((n, d) => n + d.drops, 0),
        cpuMsPerClient: median(done.map((d) => d.serverCpuMs / opts.clients)),
      };
      return [s.kind, result];
    }),
  );
}
