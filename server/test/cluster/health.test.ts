/**
 * What operations see of the fan-out: `/healthz` reports Redis as `off` (no REDIS_URL), `up` or
 * `down` (without failing: the node still serves its own clients), and `/metrics` counts updates
 * published and received across nodes and boards merged from storage, by reason.
 */
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { boardKeys } from '../../src/fanout/keys.js';
import { startServer, type TestServer } from '../http/harness.js';
import {
  Deployment,
  freePort,
  REDIS_URL,
  startRedisServer,
  synced,
  unreachableReason,
  waitFor,
} from './cluster.js';

const reason = await unreachableReason();
if (reason !== null) console.warn(`Skipping the fan-out health tests: ${reason}`);

let deployment: Deployment | undefined;
let single: TestServer | undefined;
afterEach(async () => {
  await deployment?.close();
  deployment = undefined;
  await single?.close();
  single = undefined;
});

async function health(app: FastifyInstance): Promise<{ statusCode: number; redis: unknown }> {
  const res = await app.inject({ url: '/healthz' });
  return { statusCode: res.statusCode, redis: res.json<{ fanout?: { redis?: unknown } }>().fanout?.redis };
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The value of one sample in /metrics (0 when absent: prom-client omits unlabelled zero series). */
async function metric(app: FastifyInstance, sample: string): Promise<number> {
  const body = (await app.inject({ url: '/metrics' })).body;
  const line = body.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

describe('fan-out health without Redis', () => {
  it('reports redis off for a single SQLite node', async () => {
    single = await startServer();
    expect(await health(single.app)).toEqual({ statusCode: 200, redis: 'off' });
    expect(await metric(single.app, 'truenorth_fanout_published_total')).toBe(0);
  });
});

describe.skipIf(reason !== null)('fan-out health and counters', () => {
  it('counts published and received updates, and gap re-syncs', async () => {
    const d = new Deployment();
    deployment = d;
    const [a, b] = await Promise.all([d.node(), d.node()]);
    expect(await health(a.server.app)).toEqual({ statusCode: 200, redis: 'up' });
    const board = await a.server.createBoard({ title: 'Counters' });
    const ca = d.client(a.url, board.id, board.tokens.participant);
    const cb = d.client(b.url, board.id, board.tokens.participant);
    await Promise.all([synced(ca), synced(cb)]);

    for (let i = 0; i < 5; i++) ca.doc.getMap('elements').set(`a${i}`, i);
    await waitFor(() => cb.doc.getMap('elements').size === 5, 'the writes reaching node b');
    expect(await metric(a.server.app, 'truenorth_fanout_published_total')).toBeGreaterThan(0);
    expect(await metric(b.server.app, 'truenorth_fanout_received_total')).toBeGreaterThan(0);
    expect(await metric(b.server.app, 'truenorth_fanout_published_total')).toBe(0);

    // Entries lost between two numbers: the next entry makes b merge the board from storage.
    const redis = new Redis(REDIS_URL);
    await redis.incrby(boardKeys(d.keyPrefix, board.id).counter, 3);
    redis.disconnect();
    ca.doc.getMap('elements').set('after-gap', 1);
    await eventually(
      async () => (await metric(b.server.app, 'truenorth_fanout_resyncs_total{reason="gap"}')) > 0,
      'a gap re-sync on node b',
    );
    await waitFor(() => cb.doc.getMap('elements').has('after-gap'), 'the write after the gap');
  });

  it('reports redis down while Redis is away, and the check still passes', async () => {
    const port = await freePort();
    const redisServer = await startRedisServer(port);
    const d = new Deployment(`redis://127.0.0.1:${port}`);
    deployment = d;
    d.defer(() => redisServer.stop());
    const node = await d.node();
    expect(await health(node.server.app)).toEqual({ statusCode: 200, redis: 'up' });
    await redisServer.stop();
    await eventually(async () => (await health(node.server.app)).redis === 'down', 'redis reported down');
    expect(await health(node.server.app)).toEqual({ statusCode: 200, redis: 'down' });
  });
});
