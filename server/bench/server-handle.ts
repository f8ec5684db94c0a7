/**
 * Start a server under test in its own child process and talk to it over IPC: its CPU time, RSS
 * and loaded rooms, a GC on request, a clean stop. Every wait here has a deadline.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverRuntime } from '../scripts/runtime.mjs';
import { isTruenorth, type Reply, type Request, type ServerKind, type Usage } from './ipc.js';
import { pinServer } from './pin.js';

const BUILD = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLIENT_INDEX = path.join(ROOT, 'client/dist/index.html');
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
const CHILD = fileURLToPath(new URL('../dist-bench/server-process.mjs', import.meta.url));
/**
 * BENCH_BASE=<another checkout, installed>: Truenorth built from there runs beside this one as a
 * fourth server, `base` (`--only=truenorth,base`): the two take turns in the same slices, so a
 * change worth a few per cent shows against the same noise both see. It runs with this checkout's
 * node flags and environment (`BENCH_TN_FLAGS` only for this one: a flag's A/B with the same code),
 * and serves its own client/dist (build or link it there for memory figures that compare).
 */
const BASE = process.env.BENCH_BASE ? path.resolve(process.env.BENCH_BASE) : undefined;
const BASE_CHILD = BASE ? path.join(BASE, 'server/dist-bench/server-process.mjs') : '';
const START_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** Grants facilitator rights on any board id and creates the board on first use (contract.md). */
export const SERVICE_TOKEN = 'bench-service-token-0123456789';

export interface BenchSettings {
  /** Truenorth stores and unloads an idle room this long after its last client left. */
  unloadAfterMs: number;
}

export interface ServerHandle {
  kind: ServerKind;
  port: number;
  pid: number;
  settings: BenchSettings;
  /** The environment it runs with (what valgrind's tools need to find it: HOST, USER). */
  env: NodeJS.ProcessEnv;
  usage(): Promise<Usage>;
  gc(): Promise<void>;
  stop(): Promise<void>;
}

let built = false;

/**
 * Every server runs as plain JavaScript, as it runs in production: `server-process.ts` and
 * Truenorth's sources are bundled into server/dist-bench once per bench run (the same esbuild
 * build as `npm start`'s); the peers are JavaScript packages already. Nobody pays for tsx.
 */
function buildOnce(): void {
  if (built) return;
  // A profile is easier to read from code with its line breaks.
  const args =
    process.env.BENCH_PROF || process.env.BENCH_PROF_SLICES ? ['--bench', '--no-minify'] : ['--bench'];
  const result = spawnSync(process.execPath, [BUILD, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the bench server failed: ${result.stderr}`);
  if (BASE) {
    const base = spawnSync(process.execPath, [path.join(BASE, 'server/scripts/build.mjs'), ...args], {
      cwd: BASE,
      encoding: 'utf8',
    });
    if (base.status !== 0) throw new Error(`building the base (${BASE}) failed: ${base.stderr}`);
  }
  // Truenorth serves its built client, as `npm start` runs it. Without a build it serves a
  // placeholder page and never loads @fastify/static (~0.5–0.9 MiB of heap): the bench would
  // measure a smaller server than the one users run.
  if (!fs.existsSync(CLIENT_INDEX)) {
    const client = spawnSync(process.execPath, [VITE, 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (client.status !== 0) throw new Error(`building the client failed: ${client.stderr}`);
  }
  built = true;
}

/**
 * Truenorth runs with the node flags and environment `npm start` gives it (server/package.json,
 * `truenorth.nodeFlags`, `truenorth.env`); the peers with none, as their own servers run.
 * `BENCH_NODE_FLAGS=all` gives the peers Truenorth's flags and environment too (to see what they
 * alone are worth).
 */
function productRuntime(kind: ServerKind): { nodeFlags: string[]; env: Record<string, string> } {
  if (!isTruenorth(kind) && process.env.BENCH_NODE_FLAGS !== 'all') return { nodeFlags: [], env: {} };
  return serverRuntime();
}

function execArgv(kind: ServerKind): string[] {
  // BENCH_PROF=dir writes a CPU profile of each server into dir (for finding hot spots).
  const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  // BENCH_TN_FLAGS="--flag …": extra V8/Node flags for Truenorth only (trying a setting).
  const extra = kind === 'truenorth' ? (process.env.BENCH_TN_FLAGS ?? '').split(' ').filter(Boolean) : [];
  // BENCH_ALL_FLAGS="--flag …": extra flags for every server alike (a tool's, such as perf's
  // `--perf-basic-prof`, which names the JIT's code in `perf report`).
  const all = (process.env.BENCH_ALL_FLAGS ?? '').split(' ').filter(Boolean);
  return [...productRuntime(kind).nodeFlags, ...extra, ...all, '--expose-gc', ...prof];
}

function truenorthEnv(dataDir: string, settings: BenchSettings): NodeJS.ProcessEnv {
  return {
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    SERVICE_TOKEN,
    // Pino at warn: the peers log nothing per connection either.
    LOG_LEVEL: 'warn',
    UNLOAD_AFTER_MS: String(settings.unloadAfterMs),
    // Every client connects from 127.0.0.1: the per-IP upgrade limit (default 600/min) would
    // refuse the bench's ~1,500 upgrades a minute.
    WS_UPGRADES_PER_MINUTE: '1000000',
  };
}

function tnEnv(): Record<string, string> {
  const pairs = (process.env.BENCH_TN_ENV ?? '').split(' ').filter(Boolean);
  return Object.fromEntries(
    pairs
      .filter((pair) => pair.indexOf('=') > 0)
      .map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
  );
}

/**
 * A program the server's node runs under, e.g. valgrind: `command [...args] node [node flags]
 * server-process.mjs kind`. The process keeps its pid and its IPC channel (the fd is inherited).
 */
export interface Wrapper {
  command: string;
  args: string[];
  /** Node flags for every server so run, after its own. */
  nodeFlags?: string[];
}

/**
 * `extraEnv` adds to (or overrides) a Truenorth process's environment, e.g. STORAGE, REDIS_URL;
 * `wrapper` runs the server's node under another program (the instruction count's callgrind).
 */
export async function startServer(
  kind: ServerKind,
  settings: BenchSettings,
  extraEnv: NodeJS.ProcessEnv = {},
  wrapper?: Wrapper,
): Promise<ServerHandle> {
  buildOnce();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `truenorth-bench-${kind}-`));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    ...productRuntime(kind).env,
    ...(process.env.BENCH_SMAPS ? { BENCH_SMAPS: process.env.BENCH_SMAPS } : {}),
    ...(process.env.BENCH_ALLOC_SLICES ? { BENCH_ALLOC_SLICES: process.env.BENCH_ALLOC_SLICES } : {}),
    ...(process.env.BENCH_HEAPSNAP ? { BENCH_HEAPSNAP: process.env.BENCH_HEAPSNAP } : {}),
    ...(process.env.BENCH_PROF_SLICES ? { BENCH_PROF_SLICES: process.env.BENCH_PROF_SLICES } : {}),
    // JOURNAL_MMAP=false: Truenorth's journal appends with write(2), as without its native part.
    ...(process.env.JOURNAL_MMAP ? { JOURNAL_MMAP: process.env.JOURNAL_MMAP } : {}),
    ...(isTruenorth(kind) ? { ...truenorthEnv(dataDir, settings), ...extraEnv } : {}),
    // BENCH_TN_ENV="KEY=value …": settings for this checkout's Truenorth only (a setting's A/B
    // against BENCH_BASE with the same code), as BENCH_TN_FLAGS is for node flags.
    ...(kind === 'truenorth' ? tnEnv() : {}),
  };
  // The base runs its own checkout's bundle, where it is Truenorth.
  const child: ChildProcess = fork(
    kind === 'base' ? BASE_CHILD : CHILD,
    [kind === 'base' ? 'truenorth' : kind],
    {
      ...(wrapper
        ? {
            execPath: wrapper.command,
            execArgv: [...wrapper.args, process.execPath, ...execArgv(kind), ...(wrapper.nodeFlags ?? [])],
          }
        : { execArgv: execArgv(kind) }),
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  pinServer(child.pid);
  // Keep the last output for an error message; never let a full pipe block the child.
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let nextId = 1;
  const pending = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>();
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    exited = true;
    for (const p of pending.values()) p.reject(new Error(`${kind} exited (${code}): ${tail}`));
    pending.clear();
  });

  // Under a wrapper such as valgrind a server runs tens of times slower.
  const startTimeout = wrapper ? START_TIMEOUT_MS * 20 : START_TIMEOUT_MS;
  const requestTimeout = wrapper ? REQUEST_TIMEOUT_MS * 10 : REQUEST_TIMEOUT_MS;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start: ${tail}`)), startTimeout);
    child.on('message', (reply: Reply) => {
      if (reply.op === 'ready') {
        clearTimeout(timer);
        // Again once it runs: any thread it started before the first call reached it.
        pinServer(child.pid);
        resolve(reply.port);
      } else if (reply.op === 'error' && reply.id === undefined) {
        clearTimeout(timer);
        reject(new Error(`${kind} failed: ${reply.message}`));
      } else if ('id' in reply && reply.id !== undefined) {
        const p = pending.get(reply.id);
        pending.delete(reply.id);
        p?.resolve(reply);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited before listening: ${tail}`));
    });
  });

  const request = (op: Request['op']): Promise<Reply> => {
    if (exited) return Promise.reject(new Error(`${kind} has exited`));
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${kind}: no answer to ${op}`));
      }, requestTimeout);
      pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ id, op } satisfies Request);
    });
  };

  return {
    kind,
    port,
    pid: child.pid ?? -1,
    settings,
    env,
    async usage() {
      const reply = await request('usage');
      if (reply.op !== 'usage') throw new Error(`${kind}: unexpected reply ${reply.op}`);
      return reply.usage;
    },
    async gc() {
      await request('gc');
    },
    async stop() {
      if (!exited) {
        await request('stop').catch(() => {});
        const killer = setTimeout(() => child.kill('SIGKILL'), requestTimeout);
        await exitedPromise;
        clearTimeout(killer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
