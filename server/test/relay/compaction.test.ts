import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { elementsMap } from '@truenorth/shared';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../src/storage/sqlite.js';
import type { Storage } from '../../src/storage/types.js';
import { counter, type Harness, provider, startRelay, synced, waitFor } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('compacts the log every N updates while keeping everything', async () => {
  h = await startRelay({ limits: { compactEvery: 5 } });
  const p = provider(h, 'compact');
  await synced(p);
  for (let i = 0; i < 23; i++) {
    elementsMap(p.doc).set(`k${i}`, i);
    await new Promise((r) => setTimeout(r, 2));
  }
  await waitFor(async () => {
    const stored = await h!.storage.loadDoc('compact');
    const doc = new Y.Doc();
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    return elementsMap(doc).size === 23 && stored.state !== null && stored.updates.length < 5;
  }, 'compacted log with all content');
  p.destroy();
});

it('compacts by bytes as well: a small board after `compactLogBytes` of edits, a big one after as many as it holds', async () => {
  h = await startRelay({ limits: { compactEvery: 10_000, compactLogBytes: 4000 } });
  const p = provider(h, 'bytes');
  await synced(p);
  const stored = async () => {
    const s = await h!.storage.loadDoc('bytes');
    const doc = new Y.Doc();
    if (s.state) Y.applyUpdate(doc, s.state);
    for (const u of s.updates) Y.applyUpdate(doc, u);
    return { ...s, keys: elementsMap(doc).size };
  };
  // One edit past the floor: compacted straight after it, into a state of ~20 KB.
  elementsMap(p.doc).set('big', 'x'.repeat(20_000));
  await waitFor(async () => (await stored()).updates.length === 0, 'compacted after one big edit');
  expect((await stored()).state!.byteLength).toBeGreaterThan(20_000);
  // Ten edits of 1 KB: past the floor, but not yet as many bytes as the state — still a log.
  for (let i = 0; i < 10; i++) elementsMap(p.doc).set(`k${i}`, String(i).repeat(1000));
  await waitFor(async () => (await stored()).keys === 11, 'ten more edits stored');
  expect((await stored()).updates).toHaveLength(10);
  // Twelve more take the log past the state's size: compacted, nothing lost.
  for (let i = 10; i < 22; i++) elementsMap(p.doc).set(`k${i}`, String(i).repeat(500).slice(0, 1000));
  await waitFor(async () => {
    const s = await stored();
    return s.keys === 23 && s.updates.length < 12;
  }, 'compacted once the log outgrew the state');
  p.destroy();
});

it('on a single node compacts from memory without reading the log back, and loses nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-compact-'));
  const sqlite = openSqliteStorage(dir);
  const loads: string[] = [];
  // The real SQLite storage, counting the reads of one board.
  const storage: Storage = {
    ...sqlite,
    loadDoc: (boardId) => {
      loads.push(boardId);
      return sqlite.loadDoc(boardId);
    },
  };
  try {
    h = await startRelay({ storage, dir, limits: { compactEvery: 4 } });
    const p = provider(h, 'memory');
    await synced(p);
    for (let i = 0; i < 30; i++) {
      elementsMap(p.doc).set(`k${i}`, i);
      await new Promise((r) => setTimeout(r, 2));
    }
    await waitFor(async () => {
      const stored = await sqlite.loadDoc('memory');
      return stored.state !== null && stored.updates.length < 4 && stored.lastSeq >= 7;
    }, 'compacted at least twice');
    expect(loads).toEqual(['memory']);
    p.destroy();
    await h.close();
    h = undefined;

    // A fresh relay on the same file sees every key.
    h = await startRelay({ storage: openSqliteStorage(dir), dir });
    const q = provider(h, 'memory');
    await synced(q);
    await waitFor(() => elementsMap(q.doc).size === 30, 'all 30 keys after a restart');
    q.destroy();
  } finally {
    await h?.close();
    h = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('snapshots a changing board periodically', async () => {
  h = await startRelay({ limits: { snapshotIntervalMs: 30 } });
  const p = provider(h, 'periodic');
  await synced(p);
  elementsMap(p.doc).set('a', 1);
  // Loading may itself change the doc (migration) and arm an earlier snapshot without 'a':
  // wait for the one taken after the change.
  const hasA = async () => {
    for (const meta of await h!.storage.listSnapshots('periodic')) {
      expect(meta.kind).toBe('periodic');
      const snap = await h!.storage.getSnapshot('periodic', meta.id);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, snap!.update);
      if (elementsMap(doc).get('a') === 1) return true;
    }
    return false;
  };
  await waitFor(hasA, 'periodic snapshot holding the change');
  p.destroy();
});

it('thins old automatic snapshots after taking one, and keeps every other kind', async () => {
  h = await startRelay({ limits: { snapshotIntervalMs: 30 } });
  const board = 'thinned';
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  // Five automatic snapshots in one hour three days ago (an hour that old keeps its newest), two
  // at noon of a day a month ago (such a day keeps its newest), and a named snapshot and a
  // restore point older still (kept whatever their age).
  const hour = Math.floor((Date.now() - 3 * DAY) / HOUR) * HOUR;
  const noon = Math.floor((Date.now() - 30 * DAY) / DAY) * DAY + 12 * HOUR;
  const planted = [
    ...[0, 10, 20, 30, 40].map((m) => ({
      id: `hour-${m}`,
      at: hour + m * 60_000,
      kind: 'periodic' as const,
    })),
    { id: 'noon', at: noon, kind: 'periodic' as const },
    { id: 'before-noon', at: noon - 60_000, kind: 'periodic' as const },
    { id: 'named', at: noon - 30 * DAY, kind: 'manual' as const },
    { id: 'restore', at: noon - 30 * DAY, kind: 'restore-point' as const },
  ];
  const update = Y.encodeStateAsUpdate(new Y.Doc());
  for (const s of planted) {
    await h.storage.saveSnapshot({
      id: s.id,
      boardId: board,
      name: s.id,
      kind: s.kind,
      createdAt: new Date(s.at).toISOString(),
      createdBy: s.kind === 'periodic' ? null : 'facilitator',
      update,
    });
  }
  const p = provider(h, board);
  await synced(p);
  elementsMap(p.doc).set('a', 1);
  const ids = async () => (await h!.storage.listSnapshots(board)).map((s) => s.id);
  await waitFor(async () => !(await ids()).includes('hour-0'), 'the old automatic snapshots thinned');
  const left = await ids();
  expect(left.filter((id) => planted.some((s) => s.id === id))).toEqual([
    'hour-40',
    'noon',
    'restore',
    'named',
  ]);
  // The one(s) the room just took are there, newest first, and automatic.
  const fresh = (await h.storage.listSnapshots(board)).filter((s) => !planted.some((p) => p.id === s.id));
  expect(fresh.length).toBeGreaterThanOrEqual(1);
  expect(left.slice(0, fresh.length)).toEqual(fresh.map((s) => s.id));
  for (const s of fresh) expect(s.kind).toBe('periodic');
  expect(await counter(h.metrics.snapshotsPruned)).toBe(5);
  p.destroy();
});

it('takes one automatic snapshot per interval when two nodes write the same board', async () => {
  // Two relays on one storage, as two nodes on one database: each room arms its own timer when
  // its clients write; the second to fire sees the first one's snapshot and skips its own.
  h = await startRelay({ limits: { snapshotIntervalMs: 1000 } });
  const shared = { ...h.storage, close: async () => {} };
  const other = await startRelay({ storage: shared, limits: { snapshotIntervalMs: 1000 } });
  try {
    const a = provider(h, 'two-nodes');
    await synced(a);
    elementsMap(a.doc).set('a', 1);
    const b = provider(other, 'two-nodes');
    await synced(b);
    elementsMap(b.doc).set('b', 2);
    const periodic = async () =>
      (await h!.storage.listSnapshots('two-nodes')).filter((s) => s.kind === 'periodic');
    await waitFor(async () => (await periodic()).length > 0, 'an automatic snapshot');
    // Both timers have fired well before this (they were armed within a few ms of each other).
    await new Promise((r) => setTimeout(r, 800));
    expect(await periodic()).toHaveLength(1);
    a.destroy();
    b.destroy();
  } finally {
    await other.close();
  }
});

it('is not held back by an automatic snapshot dated far ahead (a node whose clock is off)', async () => {
  h = await startRelay({ limits: { snapshotIntervalMs: 30 } });
  await h.storage.saveSnapshot({
    id: 'from-the-future',
    boardId: 'skewed',
    name: 'Automatic snapshot',
    kind: 'periodic',
    createdAt: new Date(Date.now() + 24 * 3_600_000).toISOString(),
    createdBy: null,
    update: Y.encodeStateAsUpdate(new Y.Doc()),
  });
  const p = provider(h, 'skewed');
  await synced(p);
  elementsMap(p.doc).set('a', 1);
  await waitFor(
    async () => (await h!.storage.listSnapshots('skewed')).length > 1,
    'an automatic snapshot of its own',
  );
  p.destroy();
});

it('takes the automatic snapshot that was due when everyone leaves, and none when nobody changed anything', async () => {
  h = await startRelay({ limits: { snapshotIntervalMs: 60_000, unloadAfterMs: 30 } });
  const periodic = async (board: string) =>
    (await h!.storage.listSnapshots(board)).filter((s) => s.kind === 'periodic');
  const p = provider(h, 'left');
  await synced(p);
  elementsMap(p.doc).set('last words', 1);
  await waitFor(async () => (await h!.storage.loadDoc('left')).lastSeq > 0, 'the change stored');
  p.destroy();
  await waitFor(() => h!.relay.stats().rooms === 0, 'the room unloaded');
  const [snap] = await periodic('left');
  expect(snap).toBeDefined();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await h.storage.getSnapshot('left', snap!.id))!.update);
  expect(elementsMap(doc).get('last words')).toBe(1);

  // Opened again and left without a change: no snapshot is due, none is taken.
  const again = provider(h, 'left');
  await synced(again);
  again.destroy();
  await waitFor(() => h!.relay.stats().rooms === 0, 'the room unloaded again');
  expect(await periodic('left')).toHaveLength(1);

  // A new board opened and left: only the server changed it (its layout's version), no snapshot.
  const fresh = provider(h, 'untouched');
  await synced(fresh);
  fresh.destroy();
  await waitFor(() => h!.relay.stats().rooms === 0, 'the new board unloaded');
  expect(await periodic('untouched')).toHaveLength(0);
});
