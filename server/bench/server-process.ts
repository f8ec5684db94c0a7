/**
 * One server under test, alone in its process so its CPU time and RSS are its own:
 * `server-process.ts <truenorth|yws|hocuspocus>` (forked by the bench with an IPC channel).
 * Listens on 127.0.0.1, port 0; answers `usage`, `gc` and `stop` requests. Each kind imports only
 * its own server, so a process's memory holds nothing of the others.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import { monitorEventLoopDelay, PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import v8 from 'node:v8';
import type { Reply, Request, ServerKind, Usage } from './ipc.js';

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

/**
 * Garbage-collection pauses of the main thread, summed: how much of its time GC took; and how many
 * of them were mark-compacts (a full collection can deoptimize code at once: see docs/benchmarks-history.md).
 */
const gcPauses = { count: 0, ms: 0, major: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcPauses.count++;
    gcPauses.ms += entry.duration;
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) gcPauses.major++;
  }
}).observe({ entryTypes: ['gc'] });

interface Running {
  port: number;
  rooms(): number;
  stop(): Promise<void>;
}

/** The real app: Fastify + @fastify/websocket + auth + the relay + SQLite, configured from the env. */
async function startTruenorth(): Promise<Running> {
  const { buildApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const app = await buildApp(loadConfig(process.env));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  return { port: address.port, rooms: () => app.relay.stats().rooms, stop: () => app.close() };
}

/** The reference server as its own `server.js` runs it: http + ws + setupWSConnection, no persistence. */
async function startYws(): Promise<Running> {
  const http = await import('node:http');
  const { WebSocketServer } = await import('ws');
  const { setupWSConnection, docs } = await import('@y/websocket-server/utils');
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', setupWSConnection);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('okay');
  });
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  return {
    port: address.port,
    rooms: () => docs.size,
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Hocuspocus's own `Server` with no extensions (so no persistence), defaults otherwise. */
async function startHocuspocus(): Promise<Running> {
  const { Server } = await import('@hocuspocus/server');
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false });
  await server.listen();
  return {
    port: server.address.port,
    rooms: () => server.hocuspocus.getDocumentsCount(),
    stop: () => server.destroy(),
  };
}

function send(reply: Reply): void {
  process.send?.(reply);
}

/**
 * CPU time of the main thread (its task id is the pid), in microseconds: the scheduler's own
 * count in nanoseconds (`schedstat`), else user + system time in clock ticks (10 ms each — a
 * slice of the fan-out is only ~100 ticks long).
 */
function mainThreadCpuMicros(): number {
  try {
    const ns = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
    if (Number.isFinite(ns) && ns > 0) return ns / 1000;
  } catch {
    // Not every kernel has schedstat: fall back to the tick counts.
  }
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}

let smapsCount = 0;
let heapSnapshots = 0;

/**
 * BENCH_SMAPS=dir: each usage reading also saves /proc/self/smaps and V8's heap spaces (where the
 * resident memory is).
 */
function saveSmaps(): void {
  const dir = process.env.BENCH_SMAPS;
  if (!dir) return;
  try {
    const name = `${dir}/${process.argv[2]}-${process.pid}-${++smapsCount}`;
    writeFileSync(`${name}.smaps`, readFileSync('/proc/self/smaps'));
    const spaces = v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size, s.space_used_size]);
    writeFileSync(`${name}.heap.json`, JSON.stringify({ memory: process.memoryUsage(), spaces }));
  } catch {
    // A diagnostic only.
  }
}

/** BENCH_HEAPSNAP=dir: each usage reading also writes a V8 heap snapshot (what the heap holds). */
function saveHeapSnapshot(): void {
  const dir = process.env.BENCH_HEAPSNAP;
  if (dir) v8.writeHeapSnapshot(`${dir}/${process.argv[2]}-${process.pid}-${++heapSnapshots}.heapsnapshot`);
}

/**
 * Something recorded through the inspector from each `usage` reading to the next — in the
 * fan-out, exactly its slices (where its figures come from), none of the setup or teardown —
 * and written to `dir` as `<kind>-<pid>-<n>.<ext>`. Returns the toggle (a no-op without `dir`).
 */
function sliceRecorder(
  dir: string | undefined,
  ext: string,
  start: (session: inspector.Session) => void,
  stop: (session: inspector.Session, done: (err: Error | null, result: unknown) => void) => void,
): () => void {
  let session: inspector.Session | null = null;
  let count = 0;
  return () => {
    if (!dir) return;
    if (!session) {
      session = new inspector.Session();
      session.connect();
      start(session);
      return;
    }
    const ending = session;
    session = null;
    stop(ending, (err, result) => {
      if (!err)
        writeFileSync(`${dir}/${process.argv[2]}-${process.pid}-${++count}.${ext}`, JSON.stringify(result));
      ending.disconnect();
    });
  };
}

/** BENCH_PROF_SLICES=dir: CPU profiles of the slices. */
const toggleSliceProfile = sliceRecorder(
  process.env.BENCH_PROF_SLICES,
  'cpuprofile',
  (session) => {
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 250 });
    session.post('Profiler.start');
  },
  (session, done) => session.post('Profiler.stop', (err, result) => done(err, result?.profile)),
);

/**
 * BENCH_ALLOC_SLICES=dir: sampling allocation profiles of the slices, counting objects the GC has
 * already collected too (what the fan-out allocates, not what it keeps).
 */
const toggleAllocProfile = sliceRecorder(
  process.env.BENCH_ALLOC_SLICES,
  'heapprofile',
  (session) => {
    session.post('HeapProfiler.enable');
    session.post('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  },
  (session, done) => session.post('HeapProfiler.stopSampling', (err, result) => done(err, result?.profile)),
);

function usage(running: Running): Usage {
  saveSmaps();
  toggleSliceProfile();
  toggleAllocProfile();
  saveHeapSnapshot();
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  const result: Usage = {
    cpuMicros: cpu.user + cpu.system,
    systemCpuMicros: cpu.system,
    mainThreadCpuMicros: mainThreadCpuMicros(),
    rssBytes: mem.rss,
    heapUsedBytes: mem.heapUsed,
    rooms: running.rooms(),
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: loopDelay.max / 1e6,
    gcCount: gcPauses.count,
    gcMs: gcPauses.ms,
    gcMajorCount: gcPauses.major,
  };
  loopDelay.reset();
  return result;
}

async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind | undefined;
  const starters: Record<Exclude<ServerKind, 'base'>, () => Promise<Running>> = {
    truenorth: startTruenorth,
    yws: startYws,
    hocuspocus: startHocuspocus,
  };
  const start = kind && kind !== 'base' ? starters[kind] : undefined;
  if (!start) throw new Error(`unknown server kind ${kind}`);
  const running = await start();
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (raw: Request) => {
    switch (raw.op) {
      case 'usage':
        send({ op: 'usage', id: raw.id, usage: usage(running) });
        return;
      case 'gc':
        gc?.();
        send({ op: 'done', id: raw.id });
        return;
      case 'stop':
        running.stop().then(
          () => {
            send({ op: 'done', id: raw.id });
            process.exit(0);
          },
          (err: unknown) => {
            send({ op: 'error', id: raw.id, message: String(err) });
            process.exit(1);
          },
        );
        return;
    }
  });
  // The parent going away must not leave a server behind.
  process.on('disconnect', () => process.exit(0));
  send({ op: 'ready', port: running.port });
}

main().catch((err: unknown) => {
  send({ op: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
