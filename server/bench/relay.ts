/**
 * `npm run bench:relay` — the same load, in one run, against Truenorth (the real app: Fastify,
 * auth, the relay, SQLite), the y-websocket reference server and Hocuspocus. Each server runs in
 * its own child process, a fresh one per scenario (so its CPU time and memory are its own and no
 * scenario inherits another's state); the clients run here. Timed scenarios run the servers side
 * by side and let them take turns; the memory scenario runs each one alone. Loopback only; every
 * wait has a deadline. A benchmark, not a test: it asserts nothing. Results: docs/benchmarks.md.
 *
 *   --quick (or BENCH_QUICK=1)   a smaller, shorter run (~1 minute)
 *   --only=truenorth,yws         some servers only (truenorth, yws, hocuspocus)
 *   --scenarios=fanout,join      some scenarios only (fanout, join, idle, storm)
 *   --repeat=N                   run every scenario N times (fresh processes each, in rounds); the
 *                                table shows medians, and each ratio's range over the runs with ✓
 *                                only when Truenorth was ahead in every run (✗ behind in every
 *                                run, ≈ both)
 *   --fanout-alone               run the fan-out on one server at a time (its own load generator
 *                                clients only; the order rotates between repeats) instead of
 *                                side by side
 *   --fanout-shape=1x50x10@20    the fan-out as rooms x clients per room x writers per room @ Hz
 *                                (e.g. one big kick-off room: 50 clients, 10 of them writing)
 *   --fanout-slices=N            the fan-out's 30 s per server in N turns (default 30)
 *   --fanout-warmup=S            the fan-out's uncounted writing time per server before the
 *                                counted turns (default 8)
 *   --fanout-seconds=S           the fan-out's counted writing time per server (default 30; 10
 *                                until the twenty-fifth session), in turns of the plan's length
 *                                (1 s) unless --fanout-slices says otherwise
 *   --fanout-readers=providers   the fan-out's readers as full clients (a provider and a Y.Doc
 *                                each, timed once they applied a write), as until the
 *                                twenty-eighth session; default: light readers (bytes only)
 *   --storm-joiners=providers    the storm's joiners as providers with a Y.Doc each, as until the
 *                                thirty-second session; default: light readers (bytes only,
 *                                synced once the board's bytes are all here), with which the load
 *                                generator keeps to the one-second schedule (scenarios/storm.ts)
 *   --storm-presence=off         the storm's joiners set no presence of their own, as until the
 *                                thirty-second session (then no presence flows at all); default:
 *                                each sets a name and a colour, as an app's page does
 *   --pin                        the load generator on CPU 0, every server on CPU 1 (taskset;
 *                                see pin.ts)
 *   --json=path                  also write the raw results as JSON
 *
 * Environment: BENCH_TN_FLAGS="--flag …" starts Truenorth with extra Node/V8 flags (trying a
 * setting before it goes into server/package.json); BENCH_SMAPS, BENCH_HEAPSNAP, BENCH_PROF,
 * BENCH_PROF_SLICES, BENCH_ALLOC_SLICES and JOURNAL_MMAP: see server-handle.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { flag, wholeFlag } from './flags.js';
import { SERVER_KINDS, SERVER_NAMES, type ServerKind } from './ipc.js';
import { pinGeneratorAndServers } from './pin.js';
import { type Row, table } from './report.js';
import { type FanoutOptions, type FanoutResult, fanout } from './scenarios/fanout.js';
import { type IdleOptions, type IdleResult, idleRooms } from './scenarios/idle.js';
import { type JoinOptions, type JoinResult, join } from './scenarios/join.js';
import { type StormOptions, type StormResult, storm } from './scenarios/storm.js';
import { type BenchSettings, type ServerHandle, startServer } from './server-handle.js';
import { inTurn, MiB, median } from './stats.js';

interface Plan {
  fanout: FanoutOptions;
  join: JoinOptions;
  idle: IdleOptions;
  storm: StormOptions;
}

/**
 * The fan-out counts 30 s per server in turns of 1 s (10 s until the twenty-fifth session): over
 * 10 s, one full collection that makes V8 re-optimize a server's code moved its CPU figure by up to
 * 20 %; over 30 s it weighs a third as much, for every server alike (docs/benchmarks-history.md).
 */
const FULL: Plan = {
  fanout: {
    rooms: 10,
    clientsPerRoom: 20,
    writersPerRoom: 2,
    hz: 15,
    seconds: 30,
    slices: 30,
    readers: 'light',
  },
  join: { notes: 10_000, batch: 100, joins: 7 },
  idle: { rooms: 1000, concurrency: 25 },
  storm: {
    clients: 200,
    spreadMs: 1000,
    seedNotes: 100,
    timeoutMs: 30_000,
    rounds: 2,
    joiners: 'light',
    presence: true,
  },
};

const QUICK: Plan = {
  fanout: {
    rooms: 4,
    clientsPerRoom: 10,
    writersPerRoom: 2,
    hz: 15,
    seconds: 3,
    slices: 3,
    readers: 'light',
  },
  join: { notes: 2000, batch: 100, joins: 3 },
  idle: { rooms: 200, concurrency: 25 },
  storm: {
    clients: 50,
    spreadMs: 1000,
    seedNotes: 100,
    timeoutMs: 15_000,
    rounds: 1,
    joiners: 'light',
    presence: true,
  },
};

const SETTINGS: BenchSettings = { unloadAfterMs: 1000 };

const quick = flag('quick') !== undefined || process.env.BENCH_QUICK === '1';
const pinned = flag('pin') !== undefined;
const only = flag('only')?.split(',').filter(Boolean);
const kinds: ServerKind[] = SERVER_KINDS.filter((k) => !only || only.includes(k));
const plan = withStormJoiners(
  withFanoutReaders(
    withFanoutWarmup(
      withFanoutSlices(
        withFanoutSeconds(
          withFanoutShape(quick ? QUICK : FULL, flag('fanout-shape')),
          wholeFlag('fanout-seconds', 'seconds'),
        ),
        wholeFlag('fanout-slices', 'turns'),
      ),
      wholeFlag('fanout-warmup', 'seconds'),
    ),
    flag('fanout-readers'),
  ),
  flag('storm-joiners'),
  flag('storm-presence'),
);
const scenarios = flag('scenarios')?.split(',').filter(Boolean);
const wanted = (name: keyof Plan) => !scenarios || scenarios.includes(name);

/** `--fanout-shape=RxCxW@H`: another fan-out than the plan's (rooms, clients and writers per room, Hz). */
function withFanoutShape(base: Plan, shape: string | undefined): Plan {
  if (shape === undefined) return base;
  const m = /^(\d+)x(\d+)x(\d+)@(\d+)$/.exec(shape);
  const [rooms, clientsPerRoom, writersPerRoom, hz] = (m?.slice(1) ?? []).map(Number);
  if (!m || !rooms || !clientsPerRoom || !writersPerRoom || !hz || writersPerRoom > clientsPerRoom) {
    throw new Error(`--fanout-shape=${shape}: expected rooms x clients x writers @ Hz, e.g. 1x50x10@20`);
  }
  return { ...base, fanout: { ...base.fanout, rooms, clientsPerRoom, writersPerRoom, hz } };
}

/**
 * `--fanout-seconds=S`: the fan-out's counted writing time per server, in turns as long as the
 * plan's (a longer count dilutes a one-off, such as V8 re-optimizing after a memory-reducing
 * collection: docs/benchmarks-history.md, "Twenty-fourth session").
 */
function withFanoutSeconds(base: Plan, seconds: number | undefined): Plan {
  if (seconds === undefined) return base;
  const turn = base.fanout.seconds / base.fanout.slices;
  return { ...base, fanout: { ...base.fanout, seconds, slices: Math.max(1, Math.round(seconds / turn)) } };
}

/** `--fanout-slices=N`: the fan-out's writing time per server in N turns instead of the plan's. */
function withFanoutSlices(base: Plan, slices: number | undefined): Plan {
  if (slices === undefined) return base;
  return { ...base, fanout: { ...base.fanout, slices } };
}

/** `--fanout-warmup=S`: the fan-out's uncounted writing time per server before its turns. */
function withFanoutWarmup(base: Plan, warmupSeconds: number | undefined): Plan {
  if (warmupSeconds === undefined) return base;
  return { ...base, fanout: { ...base.fanout, warmupSeconds } };
}

/** `--fanout-readers=light|providers`: how the fan-out's readers read (scenarios/fanout.ts). */
function withFanoutReaders(base: Plan, readers: string | undefined): Plan {
  if (readers === undefined) return base;
  if (readers !== 'light' && readers !== 'providers')
    throw new Error(`--fanout-readers=${readers}: expected light or providers`);
  return { ...base, fanout: { ...base.fanout, readers } };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Run one scenario against a fresh server process; a failure is reported and costs only that cell. */
async function alone<T>(
  label: string,
  kind: ServerKind,
  run: (server: ServerHandle) => Promise<T>,
): Promise<T | null> {
  const started = performance.now();
  let server: ServerHandle | undefined;
  try {
    server = await startServer(kind, SETTINGS);
    const result = await run(server);
    log(`  ${label} · ${SERVER_NAMES[kind]}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (err) {
    log(`  ${label} · ${SERVER_NAMES[kind]}: FAILED ${err instanceof Error ? err.message : String(err)}`);
    return null;
  } finally {
    await server?.stop();
  }
}

/** Run one scenario against fresh processes of every server at once (they take turns inside). */
async function together<T>(
  label: string,
  run: (servers: ServerHandle[]) => Promise<Partial<Record<ServerKind, T | null>>>,
): Promise<Partial<Record<ServerKind, T | null>>> {
  const started = performance.now();
  const servers: ServerHandle[] = [];
  try {
    for (const k of kinds) servers.push(await startServer(k, SETTINGS));
    const result = await run(servers);
    log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (err) {
    log(`  ${label}: FAILED ${err instanceof Error ? err.message : String(err)}`);
    return {};
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

const repeat = wholeFlag('repeat', 'runs') ?? 1;
const fanoutAlone = flag('fanout-alone') !== undefined;

interface Results {
  fanout: Partial<Record<ServerKind, FanoutResult | null>>;
  join: Partial<Record<ServerKind, JoinResult | null>>;
  idle: Partial<Record<ServerKind, IdleResult | null>>;
  storm: Partial<Record<ServerKind, StormResult | null>>;
}

function values<T>(
  per: Partial<Record<ServerKind, T | null>>,
  pick: (r: T) => number | null,
): Partial<Record<ServerKind, number | null>> {
  return Object.fromEntries(
    kinds.map((k) => [k, per[k] === undefined ? null : per[k] ? pick(per[k] as T) : Number.NaN]),
  );
}

/** `--storm-joiners=providers|light`, `--storm-presence[=on|off]`: the storm's joiners (scenarios/storm.ts). */
function withStormJoiners(base: Plan, joiners: string | undefined, presence: string | undefined): Plan {
  let storm = base.storm;
  if (joiners !== undefined) {
    if (joiners !== 'light' && joiners !== 'providers')
      throw new Error(`--storm-joiners=${joiners}: expected light or providers`);
    storm = { ...storm, joiners };
  }
  if (presence !== undefined) {
    if (presence !== '' && presence !== 'on' && presence !== 'off')
      throw new Error(`--storm-presence=${presence}: expected on or off`);
    storm = { ...storm, presence: presence !== 'off' };
  }
  return { ...base, storm };
}

function allRows(r: Results): Row[] {
  const f = plan.fanout;
  const fan = `fan-out ${f.rooms}×${f.clientsPerRoom}, ${f.rooms * f.writersPerRoom} writers @ ${f.hz} Hz${f.readers === 'providers' ? ', provider readers' : ''}`;
  const notes = plan.join.notes.toLocaleString('en-US');
  const idle = plan.idle.rooms.toLocaleString('en-US');
  const s = plan.storm;
  return [
    { figure: `${fan}: latency p50`, unit: 'ms', values: values(r.fanout, (x) => x.p50Ms), digits: 2 },
    { figure: `${fan}: latency p99`, unit: 'ms', values: values(r.fanout, (x) => x.p99Ms), digits: 2 },
    {
      figure: '  latency p90',
      unit: 'ms',
      values: values(r.fanout, (x) => x.p90Ms),
      compare: false,
      digits: 2,
    },
    {
      figure: '  latency p99.9',
      unit: 'ms',
      values: values(r.fanout, (x) => x.p999Ms),
      compare: false,
      digits: 1,
    },
    {
      figure: '  latency p99 with the slices run again (below)',
      unit: 'ms',
      values: values(r.fanout, (x) => x.p99EverySliceMs),
      compare: false,
      digits: 2,
    },
    {
      figure: '  slices run again: the load generator stalled (> 50 ms)',
      unit: 'count',
      values: values(r.fanout, (x) => x.rerunSlices),
      compare: false,
      digits: 0,
    },
    {
      figure: "  each write's first delivery, median",
      unit: 'ms',
      values: values(r.fanout, (x) => x.firstDeliveryP50Ms),
      compare: false,
      digits: 2,
    },
    {
      figure: "  each write's last delivery, median",
      unit: 'ms',
      values: values(r.fanout, (x) => x.lastDeliveryP50Ms),
      compare: false,
      digits: 2,
    },
    {
      figure: '  latency p99 of each slice, median',
      unit: 'ms',
      values: values(r.fanout, (x) => x.sliceP99MedianMs),
      compare: false,
      digits: 2,
    },
    {
      figure: 'server CPU per delivered update',
      unit: 'µs',
      values: values(r.fanout, (x) => x.cpuMicrosPerDelivery),
      digits: 2,
    },
    {
      figure: '  … of which on the main thread',
      unit: 'µs',
      values: values(r.fanout, (x) => x.mainThreadCpuMicrosPerDelivery),
      compare: false,
      digits: 2,
    },
    {
      figure: '  … of which in the kernel (every thread)',
      unit: 'µs',
      values: values(r.fanout, (x) => x.systemCpuMicrosPerDelivery),
      compare: false,
      digits: 2,
    },
    {
      figure: '  garbage collections during the fan-out',
      unit: 'count',
      values: values(r.fanout, (x) => x.gcCount),
      compare: false,
      digits: 0,
    },
    {
      figure: '  … their pauses, summed',
      unit: 'ms',
      values: values(r.fanout, (x) => x.gcPauseMs),
      compare: false,
    },
    {
      figure: '  … of them mark-compacts (full collections)',
      unit: 'count',
      values: values(r.fanout, (x) => x.gcMajorCount),
      compare: false,
      digits: 0,
    },
    {
      figure: '  server event-loop delay, worst',
      unit: 'ms',
      values: values(r.fanout, (x) => x.serverLoopMaxMs),
      compare: false,
    },
    {
      figure: "  load generator's CPU per delivery in those slices",
      unit: 'µs',
      values: values(r.fanout, (x) => x.generatorCpuMicrosPerDelivery),
      compare: false,
      digits: 2,
    },
    {
      figure: "  load generator's own GC pauses in those slices, summed",
      unit: 'ms',
      values: values(r.fanout, (x) => x.generatorGcMs),
      compare: false,
    },
    {
      figure: "  load generator's event-loop delay in those slices, worst",
      unit: 'ms',
      values: values(r.fanout, (x) => x.generatorLoopMaxMs),
      compare: false,
    },
    {
      figure: 'deliveries measured',
      unit: 'count',
      values: values(r.fanout, (x) => x.deliveries),
      compare: false,
      digits: 0,
    },
    {
      figure: '  … of which missing',
      unit: 'count',
      values: values(r.fanout, (x) => x.missing),
      compare: false,
      digits: 0,
    },
    {
      figure: `join a board of ${notes} notes, in memory (median)`,
      unit: 'ms',
      values: values(r.join, (x) => x.warmMs),
    },
    {
      figure: "  … until the board's bytes had arrived (median)",
      unit: 'ms',
      values: values(r.join, (x) => x.receivedMs),
    },
    {
      figure: `join a board of ${notes} notes, cold from storage`,
      unit: 'ms',
      values: values(r.join, (x) => x.coldMs),
      compare: false,
    },
    {
      figure: 'board size, encoded',
      unit: 'KiB',
      values: values(r.join, (x) => x.encodedBytes / 1024),
      compare: false,
      digits: 0,
    },
    {
      figure: 'RSS at start (baseline)',
      unit: 'MiB',
      values: values(r.idle, (x) => x.baseline.rssBytes / MiB),
    },
    {
      figure: `RSS after ${idle} idle rooms opened and closed`,
      unit: 'MiB',
      values: values(r.idle, (x) => x.after.rssBytes / MiB),
    },
    {
      figure: `  RSS growth over baseline`,
      unit: 'MiB',
      values: values(r.idle, (x) => (x.after.rssBytes - x.baseline.rssBytes) / MiB),
    },
    {
      figure: `  heap used after`,
      unit: 'MiB',
      values: values(r.idle, (x) => x.after.heapUsedBytes / MiB),
    },
    {
      figure: '  rooms still in memory',
      unit: 'count',
      values: values(r.idle, (x) => x.roomsLeft),
      compare: false,
      digits: 0,
    },
    {
      figure: `${s.clients} clients connect within ${s.spreadMs / 1000} s${s.joiners === 'providers' ? ', provider joiners' : ''}${s.presence ? '' : ', no presence'}: all synced`,
      unit: 'ms',
      values: values(r.storm, (x) => x.allSyncedMs),
    },
    {
      figure: '  each client connect → synced p99',
      unit: 'ms',
      values: values(r.storm, (x) => x.p99Ms),
    },
    {
      figure: '  server CPU per connecting client',
      unit: 'ms',
      values: values(r.storm, (x) => x.cpuMsPerClient),
      digits: 2,
    },
    {
      figure: "  load generator's CPU per connecting client",
      unit: 'ms',
      values: values(r.storm, (x) => x.generatorCpuMsPerClient),
      digits: 2,
    },
    {
      figure: "  load generator's last connect, late against the schedule",
      unit: 'ms',
      values: values(r.storm, (x) => x.lastConnectLateMs),
      compare: false,
    },
    {
      figure: '  rounds run again: the load generator stalled (> 50 ms)',
      unit: 'count',
      values: values(r.storm, (x) => x.roundsAgain),
      compare: false,
      digits: 0,
    },
    {
      figure: '  from the last connect until all synced',
      unit: 'ms',
      values: values(r.storm, (x) => x.afterLastConnectMs),
      compare: false,
    },
    {
      figure: '  failures (not synced in time)',
      unit: 'count',
      values: values(r.storm, (x) => x.failures),
      compare: false,
      digits: 0,
    },
  ];
}

/** Every wanted scenario once, each server in turn (a burst of noise lands on all of them). */
async function runOnce(run: number): Promise<Results> {
  const results: Results = { fanout: {}, join: {}, idle: {}, storm: {} };
  if (wanted('fanout') && fanoutAlone) {
    log('fan-out + CPU (one server at a time)');
    for (const k of inTurn(kinds, run)) {
      const result = await alone('fan-out', k, (s) => fanout([s], plan.fanout, log));
      results.fanout[k] = result?.[k] ?? null;
    }
  } else if (wanted('fanout')) {
    log('fan-out + CPU');
    results.fanout = await together('fan-out', (servers) => fanout(servers, plan.fanout, log));
  }
  if (wanted('join')) {
    log('join a big board');
    results.join = await together('join', (servers) => join(servers, plan.join, log));
  }
  if (wanted('idle')) {
    log('idle rooms');
    // Alone: each server's memory must be its own, from a fresh start.
    for (const k of kinds) results.idle[k] = await alone('idle rooms', k, (s) => idleRooms(s, plan.idle));
  }
  if (wanted('storm')) {
    log('connection storm');
    results.storm = await together('storm', (servers) => storm(servers, plan.storm, log));
  }
  return results;
}

/**
 * One row per figure with each server's median over the runs (a run where a server failed makes
 * its figure `failed`), and the figure of every run kept for the ratios' ranges.
 */
function mergedRows(runs: readonly Results[]): Row[] {
  const perRun = runs.map((r) => allRows(r));
  return perRun[0]!
    .map((first, i) => {
      const each = perRun.map((rowsOfRun) => rowsOfRun[i]!.values);
      const values = Object.fromEntries(
        kinds.map((k) => {
          const xs = each.map((v) => v[k]).filter((x): x is number => x !== null && x !== undefined);
          if (xs.length === 0) return [k, null];
          return [k, xs.some(Number.isNaN) ? Number.NaN : median(xs)];
        }),
      );
      return { ...first, values, runs: runs.length > 1 ? each : undefined };
    })
    .filter((row) => Object.values(row.values).some((v) => v !== null));
}

async function main(): Promise<void> {
  // y-websocket's provider adds a process 'exit' listener per client (it removes it on destroy).
  process.setMaxListeners(1000);
  const started = performance.now();
  const cpus = os.cpus();
  log(
    `bench:relay${quick ? ' --quick' : ''} · ${cpus.length} × ${cpus[0]?.model ?? 'cpu'} · Node ${process.version} · load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (pinned) {
    const { generator, servers } = pinGeneratorAndServers();
    log(`pinned: load generator on CPU ${generator}, servers on CPU ${servers}`);
  }
  // How late this process's own timers ran: a busy load generator inflates every latency.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const runs: Results[] = [];
  for (let i = 0; i < repeat; i++) {
    if (repeat > 1) log(`run ${i + 1}/${repeat}`);
    runs.push(await runOnce(runs.length));
  }
  const results = runs[0]!;
  process.stdout.write(`\n${table(mergedRows(runs), kinds)}\n\n`);
  lag.disable();
  log(
    `load generator event-loop delay: p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms`,
  );
  log(
    `done in ${((performance.now() - started) / 1000).toFixed(0)} s · load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(
        ' ',
      )} · ✓ = Truenorth ahead of that peer (ratio ≤ 1${repeat > 1 ? ' in every run; ≈ ahead in some runs only' : ''})`,
  );
  const json = flag('json');
  if (json)
    fs.writeFileSync(
      json,
      `${JSON.stringify({ quick, pinned, plan, settings: SETTINGS, results: repeat === 1 ? results : runs }, null, 2)}\n`,
    );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
