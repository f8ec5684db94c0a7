/**
 * Redis restarts mid-session (a private, non-persistent redis-server killed and started again, so
 * the streams and counters are gone): clients keep writing meanwhile on every node, and every
 * board re-converges within 10 s of Redis coming back; fan-out then works live again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { Deployment, freePort, startRedisServer, synced, unreachableReason, waitFor } from './cluster.js';

const reason = await unreachableReason();
if (reason !== null) console.warn(`Skipping the cluster tests: ${reason}`);

let deployment: Deployment | undefined;
function deploy(redisUrl?: string): Deployment {
  deployment = new Deployment(redisUrl);
  return deployment;
}
afterEach(async () => {
  await deployment?.close();
  deployment = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function write(clients: WebsocketProvider[], tag: string, rounds: number): string[] {
  const keys: string[] = [];
  clients.forEach((c, i) => {
    for (let r = 0; r < rounds; r++) {
      const key = `${tag}-c${i}-${r}`;
      c.doc.getMap('elements').set(key, r);
      keys.push(key);
    }
  });
  return keys;
}

const converged = (clients: WebsocketProvider[], keys: string[]) =>
  clients.every((c) => keys.every((k) => c.doc.getMap('elements').has(k)));

describe.skipIf(reason !== null)('Redis restarts', () => {
  it('every board re-converges within 10 s of Redis coming back', async () => {
    const port = await freePort();
    let redis = await startRedisServer(port);
    const d = deploy(`redis://127.0.0.1:${port}`);
    d.defer(() => redis.stop());
    const nodes = await Promise.all([d.node(), d.node(), d.node()]);
    const boards = await Promise.all([
      nodes[0]!.server.createBoard({ title: 'One' }),
      nodes[1]!.server.createBoard({ title: 'Two' }),
    ]);
    const rooms = boards.map((b) => nodes.map((n) => d.client(n.url, b.id, b.tokens.participant)));
    await Promise.all(rooms.flat().map(synced));

    const before = rooms.map((clients) => write(clients, 'before', 5));
    await waitFor(() => rooms.every((clients, i) => converged(clients, before[i]!)), 'convergence before');

    await redis.stop();
    // Stored on each node, fanned out to nobody.
    const during = rooms.map((clients) => write(clients, 'during', 5));
    await sleep(500);
    redis = await startRedisServer(port);
    const back = Date.now();
    await waitFor(
      () => rooms.every((clients, i) => converged(clients, during[i]!)),
      'every board re-converging after Redis came back',
      10_000,
    );
    console.info(`re-converged ${Date.now() - back} ms after Redis came back`);

    const after = rooms.map((clients) => write(clients, 'after', 5));
    await waitFor(() => rooms.every((clients, i) => converged(clients, after[i]!)), 'live fan-out again');
    for (const clients of rooms) {
      const first = clients[0]!.doc.getMap('elements').toJSON();
      for (const c of clients) expect(c.doc.getMap('elements').toJSON()).toEqual(first);
    }
  });
});
