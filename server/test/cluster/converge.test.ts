/**
 * Three nodes on one PostgreSQL schema and one Redis: clients spread over them converge, awareness
 * crosses nodes, and concurrent compactions (every 25 updates, on whichever node holds the lock)
 * keep every update in storage.
 */

import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardKeys } from '../../src/fanout/keys.js';
import { openPostgresStorage } from '../../src/storage/postgres.js';
import { DATABASE_URL, Deployment, REDIS_URL, synced, unreachableReason, waitFor } from './cluster.js';

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

describe.skipIf(reason !== null)('three nodes', () => {
  it('clients spread over three nodes converge, awareness included, and storage keeps everything', async () => {
    const d = deploy();
    const nodes = await Promise.all([d.node(), d.node(), d.node()]);
    const board = await nodes[0]!.server.createBoard({ title: 'Cluster' });
    const clients = [0, 1, 2, 0, 1, 2].map((n) =>
      d.client(nodes[n]!.url, board.id, board.tokens.participant),
    );
    await Promise.all(clients.map(synced));

    const ROUNDS = 40;
    for (let round = 0; round < ROUNDS; round++) {
      clients.forEach((c, i) => {
        c.doc.getMap('elements').set(`c${i}-${round}`, round);
      });
      await sleep(5);
    }
    const written = clients.flatMap((_, i) => Array.from({ length: ROUNDS }, (_, r) => `c${i}-${r}`));
    const hasAll = (doc: Y.Doc) => written.every((k) => doc.getMap('elements').has(k));
    await waitFor(() => clients.every((c) => hasAll(c.doc)), 'every client holding every write');
    const first = clients[0]!.doc.getMap('elements').toJSON();
    for (const c of clients) expect(c.doc.getMap('elements').toJSON()).toEqual(first);

    clients[0]!.awareness.setLocalStateField('user', { name: 'Ada' });
    const seesAda = (c: (typeof clients)[number]) =>
      [...c.awareness.getStates().values()].some(
        (s) => (s.user as { name?: string } | undefined)?.name === 'Ada',
      );
    await waitFor(() => clients.every(seesAda), 'awareness reaching the other nodes');

    const storage = await openPostgresStorage(DATABASE_URL, { schema: d.schema });
    try {
      const stored = await storage.loadDoc(board.id);
      const doc = new Y.Doc();
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      expect(written.filter((k) => !doc.getMap('elements').has(k))).toEqual([]);
    } finally {
      await storage.close();
    }
  });

  it('an update stored but never published, with nothing after it, still reaches every node', async () => {
    // A node killed between storing and publishing leaves exactly this: no later stream entry
    // reveals the gap. Rooms with clients merge storage every STORAGE_RESYNC_MS as a safety net.
    const d = deploy();
    const nodes = await Promise.all([
      d.node({ STORAGE_RESYNC_MS: '300' }),
      d.node({ STORAGE_RESYNC_MS: '300' }),
    ]);
    const board = await nodes[0]!.server.createBoard({ title: 'Silent' });
    const clients = nodes.map((n) => d.client(n.url, board.id, board.tokens.participant));
    await Promise.all(clients.map(synced));

    const writer = new Y.Doc();
    writer.getMap('elements').set('stored-by-a-dead-node', 1);
    const storage = await openPostgresStorage(DATABASE_URL, { schema: d.schema });
    try {
      await storage.appendUpdate(board.id, Y.encodeStateAsUpdate(writer));
    } finally {
      await storage.close();
    }
    await waitFor(
      () => clients.every((c) => c.doc.getMap('elements').get('stored-by-a-dead-node') === 1),
      'the silent update reaching clients on both nodes',
    );
  });

  it('a gap in the stream numbers makes every node re-sync from storage', async () => {
    const d = deploy();
    const nodes = await Promise.all([d.node(), d.node()]);
    const board = await nodes[0]!.server.createBoard({ title: 'Gap' });
    const [a, b] = nodes.map((n) => d.client(n.url, board.id, board.tokens.participant)) as [
      ReturnType<typeof d.client>,
      ReturnType<typeof d.client>,
    ];
    await Promise.all([synced(a), synced(b)]);

    // A node stored this and died before publishing it; entries were lost (trimmed) meanwhile.
    const storage = await openPostgresStorage(DATABASE_URL, { schema: d.schema });
    const orphan = new Y.Doc();
    orphan.getMap('elements').set('orphan', 1);
    await storage.appendUpdate(board.id, Y.encodeStateAsUpdate(orphan));
    await storage.close();
    const redis = new Redis(REDIS_URL);
    await redis.incrby(boardKeys(d.keyPrefix, board.id).counter, 3);
    redis.disconnect();

    a.doc.getMap('elements').set('next', 1);
    const has = (p: typeof a, key: string) => p.doc.getMap('elements').has(key);
    await waitFor(() => [a, b].every((p) => has(p, 'next') && has(p, 'orphan')), 're-sync after the gap');
    expect(b.doc.getMap('elements').toJSON()).toEqual(a.doc.getMap('elements').toJSON());
  });
  it('compacts at most every 500 updates with several nodes, whatever COMPACT_EVERY says', async () => {
    // Each room re-reads the whole log every STORAGE_RESYNC_MS there: it must stay short.
    const d = deploy();
    const node = await d.node({ COMPACT_EVERY: '100000', STORAGE_RESYNC_MS: '0' });
    const board = await node.server.createBoard({ title: 'Short log' });
    const client = d.client(node.url, board.id, board.tokens.participant);
    await synced(client);
    const storage = await openPostgresStorage(DATABASE_URL, { schema: d.schema });
    try {
      // Written one at a time (most stored as an update of their own), far below compactLogBytes.
      let written = 0;
      while (written < 3000 && (await storage.loadDoc(board.id)).state === null) {
        for (let i = 0; i < 100; i++, written++) {
          client.doc.getMap('elements').set(`k${written % 10}`, written);
          await sleep(1);
        }
      }
      expect((await storage.loadDoc(board.id)).state).not.toBeNull();
      expect((await storage.loadDoc(board.id)).updates.length).toBeLessThan(500);
      // Nothing lost on the way: storage holds what the client holds.
      const want = JSON.stringify(client.doc.getMap('elements').toJSON());
      await waitFor(async () => {
        const stored = await storage.loadDoc(board.id);
        const doc = new Y.Doc();
        if (stored.state) Y.applyUpdate(doc, stored.state);
        for (const u of stored.updates) Y.applyUpdate(doc, u);
        return JSON.stringify(doc.getMap('elements').toJSON()) === want;
      }, 'storage holding every write');
    } finally {
      await storage.close();
    }
  });
});
