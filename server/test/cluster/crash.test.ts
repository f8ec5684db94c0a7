/**
 * kill -9 one of three node processes while clients write through a balancer: its clients
 * reconnect through another node, and nothing any client had seen when it died is lost — on any
 * client, or in storage.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../src/storage/postgres.js';
import {
  DATABASE_URL,
  Deployment,
  keys,
  startBalancer,
  synced,
  unreachableReason,
  waitFor,
  writeSteadily,
} from './cluster.js';

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

describe.skipIf(reason !== null)('a node dies', () => {
  it('kill -9 while clients write: they reconnect elsewhere and nothing anyone saw is lost', async () => {
    const d = deploy();
    // Only the node to kill needs its own process.
    const [victim, ...others] = await Promise.all([d.childNode(), d.node(), d.node()]);
    const ports = [
      victim.port,
      ...others.map((n) => n.server.app.server.address() as { port: number }).map((a) => a.port),
    ];
    const balancer = await startBalancer(ports);
    d.defer(() => balancer.close());
    const res = await fetch(`http://127.0.0.1:${victim.port}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Crash' }),
    });
    expect(res.status).toBe(201);
    const board = (await res.json()) as { id: string; tokens: { participant: string } };

    // One at a time, so the balancer's round robin puts two clients on each node.
    const clients: WebsocketProvider[] = [];
    for (let i = 0; i < 6; i++) {
      const c = d.client(`ws://127.0.0.1:${balancer.port}/ws`, board.id, board.tokens.participant);
      await synced(c);
      clients.push(c);
    }
    const writers = clients.map((c, i) => writeSteadily(c, `c${i}`));
    const seenFromEveryone = (c: WebsocketProvider) =>
      clients.every((_, j) => keys(c).filter((k) => k.startsWith(`c${j}-`)).length >= 10);
    await waitFor(() => clients.every(seenFromEveryone), 'every client seeing everyone write', 20_000);
    const exited = new Promise((resolve) => victim.child.once('exit', resolve));
    victim.child.kill('SIGKILL');
    await exited;
    const seenAtKill = new Set(clients.flatMap(keys));
    await new Promise((r) => setTimeout(r, 400));
    const written = writers.flatMap((w) => w.stop());
    const hasAll = (c: WebsocketProvider) => written.every((k) => c.doc.getMap('elements').has(k));
    await waitFor(() => clients.every(hasAll), 'convergence after the crash', 20_000).catch((err) => {
      for (const c of clients)
        console.warn(c.wsconnected, written.filter((k) => !c.doc.getMap('elements').has(k)).length);
      throw err;
    });
    const first = clients[0]!.doc.getMap('elements').toJSON();
    for (const c of clients) {
      expect(c.doc.getMap('elements').toJSON()).toEqual(first);
      expect([...seenAtKill].filter((k) => !c.doc.getMap('elements').has(k))).toEqual([]);
    }

    const storage = await openPostgresStorage(DATABASE_URL, { schema: d.schema });
    try {
      const stored = await storage.loadDoc(board.id);
      const doc = new Y.Doc();
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      expect([...seenAtKill].filter((k) => !doc.getMap('elements').has(k))).toEqual([]);
      expect(written.filter((k) => !doc.getMap('elements').has(k))).toEqual([]);
    } finally {
      await storage.close();
    }
  }, 60_000);
});
