/**
 * `npm run bench:pool [-- files…]`: every goal figure of `bench:relay` pooled over the full runs
 * kept in docs/runs/ (each written by `bench:relay --repeat=3 --json=…`). One run decides little —
 * the machine's noise between repeats (±5 %) is as large as the differences measured — so this
 * reads them together: for each figure and peer, in how many repeats Truenorth was ahead, the
 * geometric mean of Truenorth ÷ peer over every repeat, and its 95 % interval from a bootstrap
 * over runs (a run's repeats share a machine and a day, so they are drawn together, as one).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { prng } from '../test/fixtures/prng.js';
import { percentile } from './stats.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS_DIR = path.join(ROOT, 'docs/runs');

/** The part of a server's results each goal figure reads (the JSON holds much more). */
const serverResult = z.object({
  fanout: z.object({ p50Ms: z.number(), p99Ms: z.number(), cpuMicrosPerDelivery: z.number() }),
  join: z.object({ warmMs: z.number() }),
  idle: z.object({ after: z.object({ rssBytes: z.number() }) }),
  storm: z.object({ allSyncedMs: z.number() }),
});
type ServerResult = z.infer<typeof serverResult>;

const PEERS = { yws: 'the reference server', hocuspocus: 'Hocuspocus' } as const;
type Peer = keyof typeof PEERS;

const repeatSchema = z.object({
  fanout: z.record(z.string(), z.unknown()),
  join: z.record(z.string(), z.unknown()),
  idle: z.record(z.string(), z.unknown()),
  storm: z.record(z.string(), z.unknown()),
});
const runSchema = z.object({ results: z.array(repeatSchema).min(1) });

/** One repeat's results, per server: `bench:relay` keeps them per scenario. */
function byServer(repeat: z.infer<typeof repeatSchema>, kind: string): ServerResult {
  const parsed = serverResult.safeParse({
    fanout: repeat.fanout[kind],
    join: repeat.join[kind],
    idle: repeat.idle[kind],
    storm: repeat.storm[kind],
  });
  if (!parsed.success)
    throw new Error(`no complete results for ${kind} (a run of every scenario and server is needed)`);
  return parsed.data;
}

/** The goal figures of issue 3, each lower-is-better. */
export const FIGURES: readonly { name: string; read: (r: ServerResult) => number }[] = [
  { name: 'fan-out latency p50', read: (r) => r.fanout.p50Ms },
  { name: 'fan-out latency p99', read: (r) => r.fanout.p99Ms },
  { name: 'server CPU per delivered update', read: (r) => r.fanout.cpuMicrosPerDelivery },
  { name: 'join a board of 10,000 notes', read: (r) => r.join.warmMs },
  { name: 'RSS after 1,000 idle rooms', read: (r) => r.idle.after.rssBytes },
  { name: '200 clients within 1 s: all synced', read: (r) => r.storm.allSyncedMs },
];

export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

export interface Pooled {
  runs: number;
  repeats: number;
  ahead: number;
  level: number;
  behind: number;
  geomean: number;
  /** 95 % interval of the geometric mean, from resampling whole runs. */
  low: number;
  high: number;
  /** The repeat where Truenorth did worst (the largest ratio). */
  worst: number;
}

/**
 * Ratios (Truenorth ÷ peer) grouped by run → counts, geometric mean and a bootstrap interval.
 * Resampling runs rather than repeats keeps a run's repeats, which share the machine's state,
 * from counting as independent evidence.
 */
export function pool(runs: readonly (readonly number[])[], resamples = 20_000, seed = 1): Pooled {
  const all = runs.flat();
  // Seeded, so the same runs always print the same interval.
  const random = prng(seed);
  const means: number[] = [];
  for (let i = 0; i < resamples && runs.length > 0; i++) {
    const drawn: number[] = [];
    for (let j = 0; j < runs.length; j++) drawn.push(...runs[Math.floor(random() * runs.length)]!);
    means.push(geometricMean(drawn));
  }
  means.sort((a, b) => a - b);
  return {
    runs: runs.length,
    repeats: all.length,
    ahead: all.filter((r) => r < 1).length,
    level: all.filter((r) => r === 1).length,
    behind: all.filter((r) => r > 1).length,
    geomean: geometricMean(all),
    low: percentile(means, 0.025),
    high: percentile(means, 0.975),
    worst: all.length ? Math.max(...all) : Number.NaN,
  };
}

/** Truenorth ÷ peer for one figure, per run and repeat. */
export function ratios(
  runs: readonly z.infer<typeof runSchema>[],
  read: (r: ServerResult) => number,
  peer: Peer,
): number[][] {
  return runs.map((run) =>
    run.results.map((repeat) => read(byServer(repeat, 'truenorth')) / read(byServer(repeat, peer))),
  );
}

export function readRun(file: string): z.infer<typeof runSchema> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not a bench:relay --json result: ${(error as Error).message}`);
  }
  const parsed = runSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not a bench:relay --json result: ${parsed.error.message}`);
  return parsed.data;
}

function main(): void {
  const args = process.argv.slice(2);
  const files = args.length
    ? args.map((f) => path.resolve(f))
    : fs
        .readdirSync(RUNS_DIR)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(RUNS_DIR, f));
  if (files.length === 0) throw new Error(`no runs in ${RUNS_DIR}`);
  const runs = files.map(readRun);
  const cell = (p: Pooled) =>
    `${p.geomean.toFixed(3)}× (${p.low.toFixed(3)}–${p.high.toFixed(3)}) ${p.high < 1 ? '✓' : p.low > 1 ? '✗' : '≈'}, ahead in ${p.ahead}/${p.repeats}, worst ${p.worst.toFixed(2)}×`;
  const rows = FIGURES.map((f) => [
    f.name,
    ...(Object.keys(PEERS) as Peer[]).map((peer) => cell(pool(ratios(runs, f.read, peer)))),
  ]);
  const header = ['Goal figure (TN ÷ peer, lower is better)', ...Object.values(PEERS)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(
    [
      `${runs.length} runs, ${runs.reduce((n, r) => n + r.results.length, 0)} repeats: ${files.map((f) => path.basename(f)).join(', ')}`,
      'geometric mean over every repeat (95 % interval, bootstrap over runs); ✓ = the interval is below 1',
      '',
      line(header),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map(line),
      '',
    ].join('\n'),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
