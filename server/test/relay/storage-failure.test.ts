/**
 * When storage fails, nothing unstored is served: the room is dropped, its clients are told to
 * reconnect (tryAgainLater), and once storage works again their edits arrive and are stored.
 */
import { CloseCode, elementsMap } from '@truenorth/shared';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../src/storage/sqlite.js';
import type { Storage } from '../../src/storage/types.js';
import { type Harness, provider, RawClient, startRelay, synced, waitFor } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// SQLite's journal appends synchronously (a throw); PostgreSQL, and any storage that waits, rejects.
it.each([
  ['throws', 'sync'],
  ['rejects', 'async'],
] as const)(
  'an append that %s drops the room and clients resync their edits once storage is back',
  async (_, mode) => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-fail-'));
    const sqlite = openSqliteStorage(dir);
    let broken = false;
    const storage: Storage = {
      ...sqlite,
      kind: sqlite.kind,
      appendUpdate(boardId, update) {
        if (mode === 'sync') {
          if (broken) throw new Error('disk full');
          return sqlite.appendUpdate(boardId, update);
        }
        return broken
          ? Promise.reject(new Error('disk full'))
          : Promise.resolve(sqlite.appendUpdate(boardId, update));
      },
    };
    h = await startRelay({ storage, dir });
    const writer = provider(h, 'fail');
    await synced(writer);
    const watcher = new RawClient(h, 'fail');
    await watcher.opened;

    broken = true;
    elementsMap(writer.doc).set('during-outage', 1);
    expect(await watcher.closed).toBe(CloseCode.tryAgainLater);
    expect(watcher.received.length).toBeLessThan(10);

    broken = false;
    await waitFor(async () => {
      const stored = await sqlite.loadDoc('fail');
      const doc = new Y.Doc();
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      return elementsMap(doc).get('during-outage') === 1;
    }, 'edit stored after the writer reconnected');
    writer.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  },
);
