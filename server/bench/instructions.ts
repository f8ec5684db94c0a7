/**
 * `npm run bench:instructions` — the servers' work per delivered update counted in instructions,
 * not seconds: each server runs under valgrind's callgrind, which counts every instruction its
 * process executes in user space (the main thread, V8's compiler and GC helper threads, libuv's
 * pool; not the kernel's part of a socket write). The count depends on the code and on the work
 * asked of it, not on what else the machine is doing — the fan-out's CPU time per delivered update
 * against the reference server has stayed within this machine's noise (docs/benchmarks.md), and
 * this asks the same question without the noise.
 *
 * The load is the fan-out's, made deterministic: R rooms × C clients, W writers per room, every
 * client a light reader (bytes only, no Y.Doc; its awareness renewed as often as in the fan-out,
 * counted in writes rather than seconds), and the writes one at a time — each writer moves its sticky note as in
 * the fan-out, and the next write goes out once every other client in the room has the last one.
 * So no server batches or merges anything: each write is one message in and C − 1 deliveries out.
 * Counting starts after a warm-up (the JIT's tiers settled) and stops after the counted writes
 * (`callgrind_control`). Every ~9,000 writes each server makes a full collection of its heap (the
 * fan-out's 9,000 writes see one or none), and Truenorth moves its journal into SQLite every 10,000
 * updates: 30,000 counted writes hold about three of each, so whether one falls just inside or just
 * outside the count moves it by a few per cent, not a fifth. They do not hold Truenorth's
 * compaction (every 5,000 updates per room: 50,000 writes). A benchmark, not a test: it asserts
 * nothing. Results: docs/benchmarks.md.
 *
 *   --writes=N          counted writes per server (default 30,000)
 *   --warmup=N          writes before counting starts (default 10,000)
 *   --shape=10x20x2     rooms x clients per room x writers per room (default: the fan-out's)
 *   --only=truenorth,yws  some servers only (truenorth, yws, hocuspocus)
 *   --repeat=N          every server N times (a fresh process each); medians and ranges
 *   --cache             also simulate the caches (callgrind's --cache-sim, ~2× slower) and
 *                       report its cycle estimate: instructions plus what their misses cost
 *   --keep=dir          keep callgrind's dumps there (`callgrind_annotate dir/<kind>-<n>.out.1`)
 *   --native            the same load without valgrind, timed instead of counted: each server's
 *                       CPU time per delivered update over the counted writes (every thread, and
 *                       the kernel's part) — the count's load in seconds, as the fan-out measures
 *   --perf=dir          with --native: `perf record` samples each server during the counted
 *                       writes into dir/<kind>-<n>.data (`perf report -i …`; with
 *                       BENCH_ALL_FLAGS="--perf-basic-prof" the JIT's code has names)
 *   --json=path         also write the raw results as JSON
 *
 * Needs valgrind (Debian's `valgrind` package: `valgrind` and `callgrind_control`) unless --native. Under valgrind
 * a server runs ~50× slower: 3–9 ms a write, about 2½–7 minutes per server with the defaults.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createElement } from '@truenorth/shared';
import * as Y from 'yjs';
import { sleep } from './clients.js';
import { flag, wholeFlag } from './flags.js';
import { SERVER_KINDS, SERVER_NAMES, type ServerKind } from './ipc.js';
import { LightReader } from './light-reader.js';
import { type Row, table } from './report.js';
import { type ServerHandle, startServer } from './server-handle.js';
import { median } from './stats.js';

interface Options {
  writes: number;
  warmup: number;
  rooms: number;
  clientsPerRoom: number;
  writersPerRoom: number;
}

interface Count {
  kind: ServerKind;
  /** Instructions (callgrind's Ir) from the first counted write to the last delivery of the last. */
  instructions: number;
  /**
   * With `--cache`: callgrind's estimate of the cycles they took, Ir + 10 × first-level misses + 100
   * × last-level misses (KCachegrind's CEst) on its simulated caches — the memory traffic that a
   * count of instructions leaves out. Null without it.
   */
  estimatedCycles: number | null;
  /** The instructions by where they went (`PARTS`); empty when callgrind_annotate failed. */
  parts: Record<string, number>;
  writes: number;
  deliveries: number;
  /** Wall time of the counted writes under valgrind (not a figure: how long the run took). */
  seconds: number;
  /** With `--native`: the server's CPU time over the counted writes, and its kernel part (µs). */
  cpuMicros: number | null;
  systemCpuMicros: number | null;
}

/** How the counted writes are measured: callgrind's count, or (`--native`) the CPU time. */
interface Method {
  native: boolean;
  cache: boolean;
  /** With `native`: where `perf record` writes each server's samples. */
  perfDir: string | undefined;
}

/**
 * The fan-out's writers write at 15 Hz and its clients renew their awareness every 15 s (as the
 * stock providers do): here a client renews once per 15 × 15 writes per writer in its room.
 */
const FANOUT_HZ = 15;
const AWARENESS_RENEW_MS = 15_000;
/** A write, a server's deliveries of it, and so the next write, may take this long under valgrind. */
const DELIVERY_TIMEOUT_MS = 60_000;
const SYNC_TIMEOUT_MS = 300_000;

function options(): Options {
  const shape = flag('shape') ?? '10x20x2';
  const match = /^(\d+)x(\d+)x(\d+)$/.exec(shape);
  if (!match) throw new Error(`--shape wants rooms x clients x writers, e.g. 10x20x2; got "${shape}"`);
  const [rooms, clientsPerRoom, writersPerRoom] = match.slice(1).map(Number) as [number, number, number];
  if (rooms < 1 || writersPerRoom < 1 || clientsPerRoom <= writersPerRoom)
    throw new Error(`--shape: a room needs a writer and a client that only reads; got "${shape}"`);
  return {
    writes: wholeFlag('writes', 'writes') ?? 30_000,
    warmup: wholeFlag('warmup', 'writes') ?? 10_000,
    rooms,
    clientsPerRoom,
    writersPerRoom,
  };
}

/**
 * Send a command to callgrind in the server's process (`callgrind_control -i on|-d`), which
 * answers once it has carried it out. valgrind takes a command when the process runs (vgdb wakes a
 * process blocked in a system call when it can); if it has not answered within a second, a usage
 * request over IPC gives the server something to do.
 */
async function control(server: ServerHandle, args: string[]): Promise<void> {
  const pid = server.pid;
  // vgdb finds valgrind's pipes by names made of the pid, USER and HOST: the server's environment.
  const child = spawn('callgrind_control', [...args, String(pid)], {
    env: server.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let code: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (c) => {
      code = c;
      resolve();
    }),
  );
  const deadline = Date.now() + 60_000;
  while (code === undefined) {
    await Promise.race([exited, sleep(1000)]);
    if (code !== undefined) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`callgrind_control ${args.join(' ')} ${pid}: no answer in 60 s`);
    }
    await server.usage();
  }
  // callgrind_control says OK even when vgdb found nothing to talk to.
  if (code !== 0 || !output.includes('OK') || /error|failed/i.test(output))
    throw new Error(`callgrind_control ${args.join(' ')} ${pid} failed (${code}): ${output.trim()}`);
}

/** The newest dump callgrind wrote for `out` (`out.1`, `out.2`, …). */
function newestDump(out: string): string {
  const dir = path.dirname(out);
  const base = path.basename(out);
  const dumps = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1)))
    .sort((a, b) => Number(a.slice(base.length + 1)) - Number(b.slice(base.length + 1)));
  const newest = dumps.at(-1);
  if (!newest) throw new Error(`callgrind wrote no dump for ${out}`);
  return path.join(dir, newest);
}

/** The totals of a callgrind dump, by event name (Ir, and with `--cache` the misses). */
function dumpedTotals(dump: string): Map<string, number> {
  const newest = path.basename(dump);
  const text = fs.readFileSync(dump, 'utf8');
  const events = /^events: (.+)$/m.exec(text)?.[1]?.trim().split(/\s+/);
  const totals = /^(?:totals|summary): (.+)$/m.exec(text)?.[1]?.trim().split(/\s+/).map(Number);
  if (!events || !totals) throw new Error(`no totals in ${newest}`);
  return new Map(events.map((event, i) => [event, totals[i] ?? 0]));
}

/**
 * Where the instructions went, from `callgrind_annotate`'s list of functions grouped by name: the
 * `node` binary has symbols (V8's compiler, collector, builtins and runtime; Node; libuv), code
 * that V8 compiled from JavaScript has none (an address only). Rough, by name, but the same rules
 * for every server.
 */
const PARTS: readonly [string, RegExp][] = [
  [
    "compiling (V8's tiers)",
    /compiler::|[Mm]aglev|[Tt]urboshaft|Zone|baseline::|interpreter::|Compiler|Parser/,
  ],
  [
    'collecting garbage',
    /Scaveng|heap::|Heap|MarkCompact|Sweeper|Marking|Evacuat|GC|PretenuringHandler|ObjectCache|IteratePointers|Concurrent/,
  ],
  ['JavaScript compiled by V8', /^\?\?\?:0x/],
  ["V8's builtins", /Builtins_/],
  ['libc', /libc|malloc/],
  ['Node and libuv', /node::|uv_|libuv/],
  ["V8's runtime and API", /v8::/],
];
const ELSEWHERE = 'elsewhere';

function parts(dump: string): Map<string, number> {
  const result = spawnSync('callgrind_annotate', ['--threshold=100', dump], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const sums = new Map<string, number>([
    ...PARTS.map(([name]) => [name, 0] as [string, number]),
    [ELSEWHERE, 0],
  ]);
  if (result.status !== 0) return new Map();
  const listing = result.stdout.slice(result.stdout.indexOf('file:function'));
  for (const line of listing.split('\n')) {
    const match = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (!match || match[2]?.includes('PROGRAM TOTALS')) continue;
    const count = Number(match[1]?.replaceAll(',', ''));
    const name = PARTS.find(([, pattern]) => pattern.test(match[2] ?? ''))?.[0] ?? ELSEWHERE;
    sums.set(name, (sums.get(name) ?? 0) + count);
  }
  return sums;
}

/** KCachegrind's cycle estimate from a cache simulation's totals; null without one. */
function estimatedCycles(totals: Map<string, number>): number | null {
  if (!totals.has('D1mr')) return null;
  const at = (event: string) => totals.get(event) ?? 0;
  const firstLevel = at('I1mr') + at('D1mr') + at('D1mw');
  const lastLevel = at('ILmr') + at('DLmr') + at('DLmw');
  return at('Ir') + 10 * firstLevel + 100 * lastLevel;
}

/** One room: its clients (writers first), each writer's Y.Doc and note, and its deliveries. */
class Room {
  readonly clients: LightReader[] = [];
  readonly docs: Y.Doc[] = [];
  readonly notes: Y.Map<unknown>[] = [];
  private waiting: { from: number; left: number; done(): void } | null = null;
  /** Writes made here so far, the notes' included: the clock the awareness renewals keep. */
  private writes = 0;
  private readonly renewEvery: number;

  constructor(kind: ServerKind, port: number, name: string, opts: Options) {
    this.renewEvery = opts.writersPerRoom * FANOUT_HZ * (AWARENESS_RENEW_MS / 1000);
    for (let c = 0; c < opts.clientsPerRoom; c++) {
      this.clients.push(
        new LightReader(kind, port, name, () => this.delivered(c), { renewAwareness: false }),
      );
    }
    for (let w = 0; w < opts.writersPerRoom; w++) {
      const doc = new Y.Doc();
      const writer = this.clients[w] as LightReader;
      doc.on('update', (update: Uint8Array) => writer.sendUpdate(update));
      this.docs.push(doc);
    }
  }

  private delivered(client: number): void {
    // The reference server sends a write back to its writer too: not a delivery.
    if (!this.waiting || client === this.waiting.from) return;
    if (--this.waiting.left === 0) this.waiting.done();
  }

  /** Run `change` on writer `w`'s doc and wait until every other client here has it. */
  async write(w: number, change: (doc: Y.Doc) => void): Promise<void> {
    const arrived = new Promise<void>((resolve) => {
      this.waiting = { from: w, left: this.clients.length - 1, done: resolve };
    });
    change(this.docs[w] as Y.Doc);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('a write was not delivered in time')), DELIVERY_TIMEOUT_MS);
    });
    try {
      await Promise.race([arrived, late]);
    } finally {
      clearTimeout(timer);
      this.waiting = null;
    }
    this.writes++;
    // Each client renews its awareness as often as in the fan-out, by this room's writes rather
    // than by the clock (the run's length under valgrind is not the fan-out's), spread out evenly.
    this.clients.forEach((client, c) => {
      if ((this.writes + Math.round((c * this.renewEvery) / this.clients.length)) % this.renewEvery === 0)
        client.renew();
    });
  }

  destroy(): void {
    for (const client of this.clients) client.destroy();
  }
}

/** `perf record` on a running server until stopped (SIGINT: it writes its file and exits). */
async function startPerf(pid: number, file: string): Promise<() => Promise<void>> {
  const perf = spawn('perf', ['record', '-F', '999', '-g', '-o', file, '-p', String(pid)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  perf.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => perf.once('exit', resolve));
  // perf attaches to every thread before it samples; it says nothing when it has.
  await Promise.race([exited, sleep(1000)]);
  if (perf.exitCode !== null) throw new Error(`perf record failed: ${errors.trim()}`);
  return async () => {
    perf.kill('SIGINT');
    await exited;
  };
}

/** What a run measured of the counted writes: callgrind's count, or (`--native`) the CPU time. */
type Measured = Pick<Count, 'instructions' | 'estimatedCycles' | 'parts' | 'cpuMicros' | 'systemCpuMicros'>;

/** Start callgrind's count (zeroed, then on); the returned call dumps it and reads the dump. */
async function startCounting(server: ServerHandle, out: string): Promise<() => Promise<Measured>> {
  await control(server, ['-z']);
  await control(server, ['-i', 'on']);
  return async () => {
    await control(server, ['-d']);
    const dump = newestDump(out);
    const totals = dumpedTotals(dump);
    return {
      instructions: totals.get('Ir') ?? Number.NaN,
      estimatedCycles: estimatedCycles(totals),
      parts: Object.fromEntries(parts(dump)),
      cpuMicros: null,
      systemCpuMicros: null,
    };
  };
}

/** `--native`: read the server's CPU time now (and start perf); the returned call reads it again. */
async function startTiming(
  server: ServerHandle,
  method: Method,
  out: string,
): Promise<() => Promise<Measured>> {
  const stopPerf = method.perfDir
    ? await startPerf(server.pid, path.join(method.perfDir, `${path.basename(out, '.out')}.data`))
    : null;
  const before = await server.usage();
  return async () => {
    const after = await server.usage();
    await stopPerf?.();
    return {
      instructions: Number.NaN,
      estimatedCycles: null,
      parts: {},
      cpuMicros: after.cpuMicros - before.cpuMicros,
      systemCpuMicros: after.systemCpuMicros - before.systemCpuMicros,
    };
  };
}

async function measure(kind: ServerKind, opts: Options, out: string, method: Method): Promise<Count> {
  const server: ServerHandle = await startServer(
    kind,
    { unloadAfterMs: 1000 },
    {},
    method.native
      ? undefined
      : {
          command: 'valgrind',
          args: [
            '--tool=callgrind',
            '--instr-atstart=no',
            `--callgrind-out-file=${out}`,
            ...(method.cache ? ['--cache-sim=yes'] : []),
          ],
        },
  );
  const rooms: Room[] = [];
  try {
    for (let r = 0; r < opts.rooms; r++) rooms.push(new Room(kind, server.port, `instr-${r}`, opts));
    const deadline = Date.now() + SYNC_TIMEOUT_MS;
    while (!rooms.every((room) => room.clients.every((c) => c.isSynced()))) {
      if (Date.now() > deadline) throw new Error(`${kind}: the clients did not sync in time`);
      await sleep(100);
    }
    // Each writer's note, as the fan-out's writers make theirs.
    for (const room of rooms) {
      for (let w = 0; w < opts.writersPerRoom; w++) {
        await room.write(w, (doc) => {
          const id = createElement(doc, 'sticky', { x: 0, y: 0, text: 'Drag me' });
          room.notes[w] = doc.getMap('elements').get(id) as Y.Map<unknown>;
        });
      }
    }
    let n = 0;
    const writeNext = async (): Promise<void> => {
      const room = rooms[n % opts.rooms] as Room;
      const w = Math.floor(n / opts.rooms) % opts.writersPerRoom;
      const note = room.notes[w] as Y.Map<unknown>;
      const i = n++;
      await room.write(w, (doc) =>
        doc.transact(() => {
          note.set('x', (i * 7) % 1000);
          note.set('y', (i * 13) % 1000);
          note.set(`sentAt${i % 32}`, i + 0.5);
        }),
      );
    };
    for (let i = 0; i < opts.warmup; i++) await writeNext();
    // No forced collection before the count: a full one flushes compiled code, and every server
    // then spent a fifth to a third of its count compiling it again.
    const stop = method.native ? await startTiming(server, method, out) : await startCounting(server, out);
    const started = performance.now();
    for (let i = 0; i < opts.writes; i++) await writeNext();
    const seconds = (performance.now() - started) / 1000;
    return {
      kind,
      ...(await stop()),
      writes: opts.writes,
      deliveries: opts.writes * (opts.clientsPerRoom - 1),
      seconds,
    };
  } finally {
    for (const room of rooms) room.destroy();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const native = flag('native') !== undefined;
  const perf = flag('perf');
  if (perf !== undefined && !native) throw new Error('--perf needs --native (perf and valgrind do not mix)');
  if (native && flag('cache') !== undefined) throw new Error("--cache is callgrind's: not with --native");
  if (!native && spawnSync('valgrind', ['--version']).status !== 0)
    throw new Error('bench:instructions needs valgrind (Debian: apt-get install -y valgrind)');
  if (perf !== undefined && spawnSync('perf', ['--version']).status !== 0)
    throw new Error('--perf needs perf (Debian: apt-get install -y linux-perf)');
  const opts = options();
  const only = flag('only');
  const kinds = only ? SERVER_KINDS.filter((k) => only.split(',').includes(k)) : [...SERVER_KINDS];
  if (kinds.length === 0) throw new Error(`--only named no server: "${only}"`);
  const repeat = wholeFlag('repeat', 'runs') ?? 1;
  const keep = flag('keep');
  const cache = flag('cache') !== undefined;
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-callgrind-'));
  fs.mkdirSync(dir, { recursive: true });
  const perfDir = perf === undefined ? undefined : path.resolve(perf);
  if (perfDir) fs.mkdirSync(perfDir, { recursive: true });
  const method: Method = { native, cache, perfDir };
  console.info(
    `bench:instructions — ${opts.rooms} rooms × ${opts.clientsPerRoom} clients, ${opts.writersPerRoom} writers per room, ` +
      `${opts.warmup} writes to warm up, ${opts.writes} counted, one at a time; ${repeat} run(s) per server${native ? ', natively (timed, not counted)' : ''}`,
  );
  const counts = new Map<ServerKind, Count[]>(kinds.map((k) => [k, []]));
  for (let run = 1; run <= repeat; run++) {
    for (const kind of kinds) {
      const result = await measure(kind, opts, path.join(dir, `${kind}-${run}.out`), method);
      counts.get(kind)?.push(result);
      if (native) {
        console.info(
          `  run ${run}, ${SERVER_NAMES[kind]}: ${((result.cpuMicros ?? Number.NaN) / result.deliveries).toFixed(2)} µs ` +
            `of CPU per delivered update (${result.seconds.toFixed(1)} s)`,
        );
        continue;
      }
      console.info(
        `  run ${run}, ${SERVER_NAMES[kind]}: ${(result.instructions / result.deliveries).toFixed(0)} instructions ` +
          `per delivered update (${result.instructions} in all, ${result.seconds.toFixed(0)} s under valgrind)`,
      );
    }
  }
  const figure = (label: string, unit: string, of: (c: Count) => number, compare = true, digits = 0): Row => {
    const runs = Array.from({ length: repeat }, (_, run) =>
      Object.fromEntries(kinds.map((k) => [k, of(counts.get(k)?.[run] as Count)])),
    );
    const values = Object.fromEntries(kinds.map((k) => [k, median(runs.map((r) => r[k] as number))]));
    return { figure: label, unit, values, runs: repeat > 1 ? runs : undefined, digits, compare };
  };
  console.info(
    table(
      native
        ? [
            figure(
              'server CPU per delivered update, every thread',
              'µs',
              (c) => (c.cpuMicros ?? Number.NaN) / c.deliveries,
              true,
              2,
            ),
            figure(
              '… of which in the kernel',
              'µs',
              (c) => (c.systemCpuMicros ?? Number.NaN) / c.deliveries,
              false,
              2,
            ),
          ]
        : [
            figure(
              'instructions per delivered update, user space, every thread',
              'count',
              (c) => c.instructions / c.deliveries,
            ),
            figure(
              'instructions per write: a message in, C − 1 out',
              'count',
              (c) => c.instructions / c.writes,
            ),
            ...(cache
              ? [
                  figure(
                    'estimated cycles per delivered update (simulated caches)',
                    'count',
                    (c) => (c.estimatedCycles ?? Number.NaN) / c.deliveries,
                  ),
                ]
              : []),
            ...[...PARTS.map(([name]) => name), ELSEWHERE].map((name) =>
              figure(
                `… ${name}`,
                'per delivered update',
                (c) => (c.parts[name] ?? Number.NaN) / c.deliveries,
                false,
              ),
            ),
          ],
      kinds,
    ),
  );
  if (perfDir) console.info(`perf's samples: ${perfDir}`);
  else console.info(keep && !native ? `callgrind's dumps: ${dir}` : '');
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  const json = flag('json');
  if (json)
    fs.writeFileSync(json, JSON.stringify({ options: opts, counts: Object.fromEntries(counts) }, null, 2));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
