/**
 * Cross-node fan-out latency (a benchmark, not a test): the same load on
 *   - three nodes, each room's clients split over them (PostgreSQL + Redis),
 *   - one node holding every client (PostgreSQL + Redis, so only the split differs),
 *   - one node with SQLite and no Redis (the default deployment), for reference.
 * The setups run side by side and take turns in slices, so outside load lands on all of them.
 *
 *   npm run bench:cluster [-- --quick] [-- --json=out.json]
 *
 * Needs the real PostgreSQL and Redis (BENCH_DATABASE_URL / BENCH_REDIS_URL, defaulting to the
 * cluster tests' 127.0.0.1 ones); each run uses its own schema and key prefix and drops them.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { sleep } from './clients.js';
import { type CrossNodeResult, CrossNodeRun, type Latencies } from './scenarios/cross-node.js';
import { type ServerHandle, startServer } from './server-handle.js';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const jsonPath = args.find((a) => a.startsWith('--json='))?.slice('--json='.length);

const LOAD = { rooms: 5, clientsPerRoom: 12, writersPerRoom: 2, hz: 10 };
const SECONDS = quick ? 4 : 10;
const SLICES = quick ? 2 : 5;

interface Shared {
  schema: string;
  keyPrefix: string;
}

/** A fresh schema and key prefix: the two PostgreSQL setups never see each other's boards. */
function shared(): Shared {
  const id = randomBytes(5).toString('hex');
  return { schema: `tn_bench_${id}`, keyPrefix: `tn-bench-${id}:` };
}

function clusterEnv(s: Shared): NodeJS.ProcessEnv {
  return {
    STORAGE: 'postgres',
    DATABASE_URL: `${DATABASE_URL}${DATABASE_URL.includes('?') ? '&' : '?'}schema=${s.schema}`,
    REDIS_URL,
    REDIS_KEY_PREFIX: s.keyPrefix,
  };
}

async function dropShared(s: Shared): Promise<void> {
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${s.schema}" CASCADE`);
  await admin.end();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${s.keyPrefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

// y-websocket's provider adds a process 'exit' listener per client (180 here).
process.setMaxListeners(0);

const settings = { unloadAfterMs: 10_000 };
const startNodes = (count: number, env: NodeJS.ProcessEnv) =>
  Promise.all(Array.from({ length: count }, () => startServer('truenorth', settings, env)));

function fmt(value: number, digits = 1): string {
  return Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
}

function table(results: readonly { name: string; result: CrossNodeResult }[]): string {
  const lat = (pick: (r: CrossNodeResult) => Latencies, label: string) => [
    [`${label} p50 (ms)`, ...results.map(({ result }) => fmt(pick(result).p50Ms))],
    [`${label} p99 (ms)`, ...results.map(({ result }) => fmt(pick(result).p99Ms))],
  ];
  const rows = [
    ...lat((r) => r.all, 'all deliveries'),
    ...lat((r) => r.crossNode, 'cross-node'),
    ...lat((r) => r.sameNode, 'same-node'),
    ['deliveries (cross / all)', ...results.map(({ result: r }) => `${r.crossNode.count} / ${r.all.count}`)],
    ['missing deliveries', ...results.map(({ result }) => String(result.missing))],
    ['node CPU per delivery (µs)', ...results.map(({ result }) => fmt(result.cpuMicrosPerDelivery, 0))],
    ['worst node event-loop delay (ms)', ...results.map(({ result }) => fmt(result.nodeLoopMaxMs, 0))],
    ['re-syncs from storage while writing', ...results.map(({ result }) => String(result.resyncs))],
    ['connection drops', ...results.map(({ result }) => String(result.drops))],
  ];
  const header = ['Figure (lower is better)', ...results.map((r) => r.name)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const log = (s: string) => console.info(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${s}`);
  const split = shared();
  const one = shared();
  const nodes: ServerHandle[] = [];
  const runs: CrossNodeRun[] = [];
  try {
    log(`starting 3 + 1 nodes on PostgreSQL + Redis, 1 node on SQLite`);
    const [splitNodes, oneNode, sqliteNode] = await Promise.all([
      startNodes(3, clusterEnv(split)),
      startNodes(1, clusterEnv(one)),
      startNodes(1, {}),
    ]);
    nodes.push(...splitNodes, ...oneNode, ...sqliteNode);
    runs.push(
      new CrossNodeRun('3 nodes, split (PG + Redis)', splitNodes, LOAD),
      new CrossNodeRun('1 node (PG + Redis)', oneNode, LOAD),
      new CrossNodeRun('1 node (SQLite, no Redis)', sqliteNode, LOAD),
    );
    for (const run of runs) {
      log(`connecting ${LOAD.rooms} × ${LOAD.clientsPerRoom} clients: ${run.name}`);
      await run.prepare();
    }
    await sleep(500);
    for (let s = 0; s < SLICES; s++) {
      for (const run of runs) {
        log(`slice ${s + 1}/${SLICES}: ${run.name}`);
        await run.slice(SECONDS / SLICES);
      }
    }
    const results = [];
    for (const run of runs) results.push({ name: run.name, result: await run.result() });
    console.info(
      `\nFan-out: ${LOAD.rooms} rooms × ${LOAD.clientsPerRoom} clients, ${LOAD.writersPerRoom} writers per room at ${LOAD.hz} Hz for ${SECONDS} s per setup (${SLICES} slices)\n`,
    );
    console.info(table(results));
    if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ load: LOAD, seconds: SECONDS, results }, null, 2));
  } finally {
    for (const run of runs) run.destroy();
    await Promise.all(nodes.map((n) => n.stop().catch(() => {})));
    await Promise.all([dropShared(split), dropShared(one)]).catch((err: unknown) =>
      console.warn(`cleanup failed: ${String(err)}`),
    );
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
