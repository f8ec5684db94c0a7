/**
 * The lost tail of the kill -9 test, made deterministic. A dying node stores a client's update and
 * dies before publishing it. Another node (C) reads it from storage — merging before a compaction
 * (what happened in the kill -9 runs), a storage re-sync, or loading the board — and so holds it
 * without publishing it: what comes from storage is not published. The client then reconnects to
 * C and writes on; C publishes only the newer updates, which build on the unpublished one (same
 * Yjs client, next clocks). Node B cannot integrate them (Yjs keeps them pending), so B's clients
 * never see that client's writes again. The stream numbers show no gap: nothing was lost in Redis.
 * The fan-out must notice that a delivered update left the document incomplete and merge storage,
 * which holds the missing part. The storage re-sync timer (the safety net) is off here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../src/storage/postgres.js';
import { DATABASE_URL, Deployment, synced, unreachableReason, waitFor } from './cluster.js';

const reason = await unreachableReason();
if (reason !== null) console.warn(`Skipping the cluster tests: ${reason}`);

let deployment: Deployment | undefined;
afterEach(async () => {
  await deployment?.close();
  deployment = undefined;
});

const has = (doc: Y.Doc, key: string) => doc.getMap('elements').has(key);
const net = { STORAGE_RESYNC_MS: '0' };

/** The dying node: it stored x-0 of client X (doc `x`), then died before publishing it. */
async function storeUnpublished(d: Deployment, boardId: string, x: Y.Doc): Promise<void> {
  x.getMap('elements').set('x-0', 0);
  const storage = await openPostgresStorage(DATABASE_URL, { schema: d.schema });
  try {
    await storage.appendUpdate(boardId, Y.encodeStateAsUpdate(x));
  } finally {
    await storage.close();
  }
}

/** X reconnects to C (nothing to send: C has x-0) and writes x-1, which C publishes alone. */
async function reconnectAndWrite(d: Deployment, url: string, boardId: string, token: string, x: Y.Doc) {
  const provider = new WebsocketProvider(url, boardId, x, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  d.defer(() => provider.destroy());
  await synced(provider);
  x.getMap('elements').set('x-1', 1);
}

/**
 * Nodes B and C, each with a connected client on one new board; C compacts after every stored
 * update, so it merges storage at its next write.
 */
async function compactingPair() {
  const d = new Deployment();
  deployment = d;
  const [b, c] = await Promise.all([d.node(net), d.node({ ...net, COMPACT_EVERY: '1' })]);
  const board = await b.server.createBoard({ title: 'Unpublished' });
  const onB = d.client(b.url, board.id, board.tokens.participant);
  const onC = d.client(c.url, board.id, board.tokens.participant);
  await Promise.all([synced(onB), synced(onC)]);
  return { d, c, board, onB, onC };
}

describe.skipIf(reason !== null)('an update stored but never published', () => {
  it('reaches the other nodes once a later update builds on it (node C loaded it)', async () => {
    const d = new Deployment();
    deployment = d;
    const [b, c] = await Promise.all([d.node(net), d.node(net)]);
    const board = await b.server.createBoard({ title: 'Unpublished' });
    const onB = d.client(b.url, board.id, board.tokens.participant);
    await synced(onB);
    const x = new Y.Doc();
    await storeUnpublished(d, board.id, x);

    // C loads the board only now, x-0 included; B never hears of it.
    const onC = d.client(c.url, board.id, board.tokens.participant);
    await synced(onC);
    expect(has(onC.doc, 'x-0')).toBe(true);
    await reconnectAndWrite(d, c.url, board.id, board.tokens.participant, x);
    await waitFor(() => has(onC.doc, 'x-1'), 'node C receiving x-1');

    // x-1 is useless to B without x-0.
    await waitFor(() => has(onB.doc, 'x-0') && has(onB.doc, 'x-1'), 'node B holding x-0 and x-1', 3000);
  }, 20_000);

  it('reaches the other nodes once a later update builds on it (node C compacted)', async () => {
    const { d, c, board, onB, onC } = await compactingPair();
    const x = new Y.Doc();
    await storeUnpublished(d, board.id, x);

    // C merges storage while compacting after a write of its own client: now C holds x-0.
    onC.doc.getMap('elements').set('c-0', 0);
    await waitFor(() => has(onC.doc, 'x-0'), 'node C merging x-0 from storage');
    await reconnectAndWrite(d, c.url, board.id, board.tokens.participant, x);
    await waitFor(() => has(onC.doc, 'x-1'), 'node C receiving x-1');

    await waitFor(() => has(onB.doc, 'x-0') && has(onB.doc, 'x-1'), 'node B holding x-0 and x-1', 3000);
  }, 20_000);

  it('reaches the other nodes as soon as a node merges it from storage, even with nothing after it', async () => {
    const { d, board, onB, onC } = await compactingPair();
    await storeUnpublished(d, board.id, new Y.Doc());

    onC.doc.getMap('elements').set('c-0', 0);
    await waitFor(() => has(onC.doc, 'x-0'), 'node C merging x-0 from storage');
    // Nothing builds on x-0: B gets it only if C publishes what it merged from storage.
    await waitFor(() => has(onB.doc, 'x-0'), 'node B holding x-0', 3000);
  }, 20_000);
});
