/** Room lifecycle: load once under a connect storm, unload when idle, leave nothing behind. */
import { elementsMap, MessageType } from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../src/storage/sqlite.js';
import type { Storage } from '../../src/storage/types.js';
import { counter, type Harness, provider, RawClient, startRelay, synced, waitFor } from './harness.js';

/** The real storage, counting `loadDoc` calls per board. */
function countingLoads(storage: Storage): { storage: Storage; loads: Map<string, number> } {
  const loads = new Map<string, number>();
  return {
    loads,
    storage: {
      ...storage,
      kind: storage.kind,
      loadDoc(boardId) {
        loads.set(boardId, (loads.get(boardId) ?? 0) + 1);
        return storage.loadDoc(boardId);
      },
    },
  };
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('room lifecycle', () => {
  it('200 clients connecting at once all sync, and the board is loaded once', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-storm-'));
    const counted = countingLoads(openSqliteStorage(dir));
    // Content stored beforehand, so "synced" means the stored board reached every client.
    const seed = new Y.Doc();
    elementsMap(seed).set('seeded', 'yes');
    await counted.storage.appendUpdate('storm', Y.encodeStateAsUpdate(seed));

    h = await startRelay({ storage: counted.storage, limits: { unloadAfterMs: 50 } });
    // Each Node provider adds a process 'exit' listener.
    process.setMaxListeners(300);
    const clients: WebsocketProvider[] = [];
    for (let i = 0; i < 200; i++) clients.push(provider(h, 'storm'));
    try {
      await Promise.all(clients.map(synced));
      for (const c of clients) expect(elementsMap(c.doc).get('seeded')).toBe('yes');
      expect(counted.loads.get('storm')).toBe(1);
      expect(await counter(h.metrics.roomLoads)).toBe(1);
      expect(h.relay.roomSize('storm')).toBe(200);
    } finally {
      for (const c of clients) c.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a room is stored and unloaded after its last client leaves, and reloads with its content', async () => {
    h = await startRelay({ limits: { unloadAfterMs: 30 } });
    const p = provider(h, 'idle');
    await synced(p);
    elementsMap(p.doc).set('a', 1);
    await waitFor(async () => (await h!.storage.loadDoc('idle')).updates.length >= 2, 'stored');
    p.destroy();
    await waitFor(() => h!.relay.stats().rooms === 0 && h!.relay.stats().unloading === 0, 'unloaded');
    expect(await counter(h.metrics.roomsLoaded)).toBe(0);
    // Unloading compacted the log into one state.
    const stored = await h.storage.loadDoc('idle');
    expect(stored.state).not.toBeNull();
    expect(stored.updates).toHaveLength(0);

    const again = provider(h, 'idle');
    await synced(again);
    await waitFor(() => elementsMap(again.doc).get('a') === 1, 'content after reload');
    again.destroy();
  });

  it('a client arriving while the room unloads gets the stored content', async () => {
    h = await startRelay({ limits: { unloadAfterMs: 0 } });
    for (let round = 0; round < 5; round++) {
      const p = provider(h, 'churn');
      await synced(p);
      await waitFor(() => elementsMap(p.doc).size === round, `round ${round} content`);
      elementsMap(p.doc).set(`r${round}`, round);
      await waitFor(async () => {
        const d = await h!.storage.loadDoc('churn');
        const doc = new Y.Doc();
        if (d.state) Y.applyUpdate(doc, d.state);
        for (const u of d.updates) Y.applyUpdate(doc, u);
        return elementsMap(doc).size === round + 1;
      }, 'stored');
      p.destroy();
    }
  });

  it('1,000 rooms opened and closed leave the room map empty', async () => {
    h = await startRelay({ limits: { unloadAfterMs: 20 } });
    for (let batch = 0; batch < 10; batch++) {
      const clients = Array.from({ length: 100 }, (_, i) => new RawClient(h!, `room-${batch}-${i}`));
      // The server's sync step 1 arrives once the room is loaded.
      await waitFor(() => clients.every((c) => c.ofType(MessageType.sync).length > 0), 'rooms loaded');
      await Promise.all(clients.map((c) => c.close()));
    }
    expect(await counter(h.metrics.roomLoads)).toBe(1000);
    await waitFor(() => {
      const s = h!.relay.stats();
      return s.rooms === 0 && s.unloading === 0;
    }, 'every room unloaded');
    expect(await counter(h.metrics.roomsLoaded)).toBe(0);
    expect(await counter(h.metrics.connections)).toBe(0);
  });

  it('shutdown stores everything and closes sockets with goingAway', async () => {
    h = await startRelay();
    const raw = new RawClient(h, 'bye');
    const p = provider(h, 'bye');
    await synced(p);
    await waitFor(() => h!.relay.stats().connections === 2, 'both connected');
    const before = raw.received.length;
    elementsMap(p.doc).set('last', 'word');
    // Relayed to the other client means stored; shutdown must then compact it into the state.
    await waitFor(() => raw.received.length > before, 'update relayed');
    const shutdown = h.relay.shutdown();
    expect(await raw.closed).toBe(1001);
    await shutdown;
    p.destroy();
    const stored = await h.storage.loadDoc('bye');
    expect(stored.updates).toHaveLength(0);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.state!);
    expect(elementsMap(doc).get('last')).toBe('word');
  });
});
