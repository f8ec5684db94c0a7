/**
 * The storage contract: every backend runs this suite (`describeStorageContract('sqlite', …)`).
 * The factory gives a fresh, empty storage for each test; `reopen` (optional) closes it and opens
 * the same data again, to prove that what was acknowledged is still there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardRecord, SnapshotRecord, Storage } from './types.js';

export interface StorageFactory {
  create(): Promise<Storage>;
  /** Close `storage` and open the same data again. */
  reopen?(storage: Storage): Promise<Storage>;
}

function board(id: string): BoardRecord {
  return {
    id,
    title: `Board ${id}`,
    template: 'workshop',
    createdAt: '2025-01-01T00:00:00.000Z',
    tokenHashes: { facilitator: 'f'.repeat(64), participant: 'p'.repeat(64), observer: 'o'.repeat(64) },
  };
}

/** A real Yjs update that sets `key` in the `elements` map. */
function updateSetting(doc: Y.Doc, key: string, value: unknown): Uint8Array {
  let out: Uint8Array | null = null;
  const capture = (u: Uint8Array) => {
    out = u;
  };
  doc.on('update', capture);
  doc.getMap('elements').set(key, value);
  doc.off('update', capture);
  if (out === null) throw new Error('no update produced');
  return out;
}

/** A document from what `loadDoc` returned (its merged state, then the updates since). */
export function rebuild(stored: { state: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

function snapshot(boardId: string, id: string, createdAt: string, update: Uint8Array): SnapshotRecord {
  return { id, boardId, name: `snap ${id}`, kind: 'manual', createdAt, createdBy: 'facilitator', update };
}

export function describeStorageContract(name: string, factory: StorageFactory): void {
  describe(`storage contract: ${name}`, () => {
    const open: Storage[] = [];
    const fresh = async () => {
      const s = await factory.create();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('creates and reads a board; unknown ids are null', async () => {
      const s = await fresh();
      await s.createBoard(board('b1'));
      expect(await s.getBoard('b1')).toEqual(board('b1'));
      expect(await s.getBoard('nope')).toBeNull();
    });

    it('rejects a second board with the same id', async () => {
      const s = await fresh();
      await s.createBoard(board('b1'));
      await expect(s.createBoard(board('b1'))).rejects.toThrow();
    });

    it('replaces one role token hash and leaves the others', async () => {
      const s = await fresh();
      await s.createBoard(board('b1'));
      await s.setTokenHash('b1', 'observer', 'x'.repeat(64));
      const got = await s.getBoard('b1');
      expect(got?.tokenHashes).toEqual({ ...board('b1').tokenHashes, observer: 'x'.repeat(64) });
      await expect(s.setTokenHash('missing', 'observer', 'y')).rejects.toThrow();
    });

    it('renames a board and keeps the rename across a reopen', async () => {
      let s = await factory.create();
      await s.createBoard(board('b1'));
      await s.createBoard(board('b2'));
      await s.setTitle('b1', 'Q3 strategy — day 2');
      if (factory.reopen) s = await factory.reopen(s);
      open.push(s);
      expect(await s.getBoard('b1')).toEqual({ ...board('b1'), title: 'Q3 strategy — day 2' });
      expect((await s.getBoard('b2'))?.title).toBe('Board b2');
      await expect(s.setTitle('missing', 'x')).rejects.toThrow();
    });

    it('an unknown board loads as empty', async () => {
      const s = await fresh();
      expect(await s.loadDoc('empty')).toEqual({ state: null, updates: [], lastSeq: 0 });
    });

    it('appends updates with rising sequence numbers, per board, and loads them in order', async () => {
      const s = await fresh();
      const doc = new Y.Doc();
      const u1 = updateSetting(doc, 'a', 1);
      const u2 = updateSetting(doc, 'b', 2);
      expect(await s.appendUpdate('b1', u1)).toBe(1);
      expect(await s.appendUpdate('b1', u2)).toBe(2);
      expect(await s.appendUpdate('b2', u1)).toBe(1);
      const loaded = await s.loadDoc('b1');
      expect(loaded.state).toBeNull();
      expect(loaded.lastSeq).toBe(2);
      expect(loaded.updates.map((u) => [...u])).toEqual([[...u1], [...u2]]);
      expect(rebuild(loaded).getMap('elements').toJSON()).toEqual({ a: 1, b: 2 });
    });

    it('compaction replaces the log up to a sequence and keeps later updates', async () => {
      const s = await fresh();
      const doc = new Y.Doc();
      await s.appendUpdate('b1', updateSetting(doc, 'a', 1));
      await s.appendUpdate('b1', updateSetting(doc, 'b', 2));
      const state = Y.encodeStateAsUpdate(doc);
      const later = updateSetting(doc, 'c', 3);
      expect(await s.appendUpdate('b1', later)).toBe(3);
      await s.compact('b1', state, 2);
      const loaded = await s.loadDoc('b1');
      expect(loaded.state).not.toBeNull();
      expect(loaded.updates).toHaveLength(1);
      expect(loaded.lastSeq).toBe(3);
      expect(rebuild(loaded).getMap('elements').toJSON()).toEqual({ a: 1, b: 2, c: 3 });
    });

    it('sequence numbers keep rising after the whole log was compacted', async () => {
      const s = await fresh();
      const doc = new Y.Doc();
      await s.appendUpdate('b1', updateSetting(doc, 'a', 1));
      await s.compact('b1', Y.encodeStateAsUpdate(doc), 1);
      expect(await s.loadDoc('b1')).toMatchObject({ updates: [], lastSeq: 1 });
      expect(await s.appendUpdate('b1', updateSetting(doc, 'b', 2))).toBe(2);
    });

    it('an older compaction never replaces a newer one', async () => {
      const s = await fresh();
      const doc = new Y.Doc();
      await s.appendUpdate('b1', updateSetting(doc, 'a', 1));
      const old = Y.encodeStateAsUpdate(doc);
      await s.appendUpdate('b1', updateSetting(doc, 'b', 2));
      await s.compact('b1', Y.encodeStateAsUpdate(doc), 2);
      await s.compact('b1', old, 1);
      expect(
        rebuild(await s.loadDoc('b1'))
          .getMap('elements')
          .toJSON(),
      ).toEqual({ a: 1, b: 2 });
    });

    it('compaction running alongside appends loses nothing', async () => {
      const s = await fresh();
      const doc = new Y.Doc();
      const first = await Promise.all(
        Array.from({ length: 10 }, (_, i) => s.appendUpdate('b1', updateSetting(doc, `a${i}`, i))),
      );
      const state = Y.encodeStateAsUpdate(doc);
      const more = Array.from({ length: 10 }, (_, i) => updateSetting(doc, `b${i}`, i));
      await Promise.all([
        s.compact('b1', state, Math.max(...first)),
        ...more.map((u) => s.appendUpdate('b1', u)),
      ]);
      const loaded = await s.loadDoc('b1');
      expect(loaded.lastSeq).toBe(20);
      expect(Object.keys(rebuild(loaded).getMap('elements').toJSON())).toHaveLength(20);
    });

    it('saves, lists (newest first, without data) and fetches snapshots per board', async () => {
      const s = await fresh();
      const doc = new Y.Doc();
      const u = updateSetting(doc, 'a', 1);
      await s.saveSnapshot(snapshot('b1', 's1', '2025-01-01T00:00:00.000Z', u));
      await s.saveSnapshot(snapshot('b1', 's2', '2025-01-02T00:00:00.000Z', u));
      await s.saveSnapshot(snapshot('b2', 's3', '2025-01-03T00:00:00.000Z', u));
      const list = await s.listSnapshots('b1');
      expect(list.map((m) => m.id)).toEqual(['s2', 's1']);
      expect(list[0]).toEqual({
        id: 's2',
        boardId: 'b1',
        name: 'snap s2',
        kind: 'manual',
        createdAt: '2025-01-02T00:00:00.000Z',
        createdBy: 'facilitator',
        size: u.byteLength,
        restoreOf: null,
      });
      expect(list[0]).not.toHaveProperty('update');
      const got = await s.getSnapshot('b1', 's1');
      expect(got && [...got.update]).toEqual([...u]);
      expect(await s.getSnapshot('b2', 's1')).toBeNull();
      expect(await s.getSnapshot('b1', 'missing')).toBeNull();
    });

    it('keeps which snapshot a restore point was taken before restoring', async () => {
      const s = await fresh();
      const u = updateSetting(new Y.Doc(), 'a', 1);
      await s.saveSnapshot(snapshot('b1', 's1', '2025-01-01T00:00:00.000Z', u));
      await s.saveSnapshot({
        ...snapshot('b1', 'p1', '2025-01-02T00:00:00.000Z', u),
        kind: 'restore-point',
        restoreOf: 's1',
      });
      expect((await s.listSnapshots('b1')).map((m) => [m.id, m.restoreOf])).toEqual([
        ['p1', 's1'],
        ['s1', null],
      ]);
      expect((await s.getSnapshot('b1', 'p1'))?.restoreOf).toBe('s1');
    });

    it('deletes the snapshots named, of that board only', async () => {
      const s = await fresh();
      const u = updateSetting(new Y.Doc(), 'a', 1);
      for (const [board, id, day] of [
        ['b1', 's1', 1],
        ['b1', 's2', 2],
        ['b1', 's3', 3],
        ['b2', 's4', 4],
      ] as const) {
        await s.saveSnapshot(snapshot(board, id, `2025-01-0${day}T00:00:00.000Z`, u));
      }
      expect(await s.deleteSnapshots('b1', [])).toBe(0);
      // s4 is another board's, 'missing' no one's: both are left alone and not counted.
      expect(await s.deleteSnapshots('b1', ['s1', 's3', 's4', 'missing'])).toBe(2);
      expect((await s.listSnapshots('b1')).map((m) => m.id)).toEqual(['s2']);
      expect(await s.getSnapshot('b1', 's1')).toBeNull();
      expect((await s.listSnapshots('b2')).map((m) => m.id)).toEqual(['s4']);
      expect(await s.deleteSnapshots('b1', ['s1'])).toBe(0);
    });

    it('saves the workshop state per board with rising versions and loads it back', async () => {
      const s = await fresh();
      expect(await s.loadWorkshop('b1')).toBeNull();
      const first = { timer: { endsAt: 1_700_000_000_000 }, ballots: { 'participant:k': ['c1', 'c1'] } };
      expect(await s.saveWorkshop('b1', first, 0)).toBe(1);
      expect(await s.loadWorkshop('b1')).toEqual({ state: first, version: 1 });
      const second = { ...first, timer: null, note: 'ünïcode ✓' };
      expect(await s.saveWorkshop('b1', second, 1)).toBe(2);
      expect(await s.loadWorkshop('b1')).toEqual({ state: second, version: 2 });
      expect(await s.loadWorkshop('b2')).toBeNull();
      expect(await s.saveWorkshop('b2', { other: true }, 0)).toBe(1);
      expect(await s.loadWorkshop('b1')).toEqual({ state: second, version: 2 });
    });

    it('refuses a workshop save whose expected version is not the stored one', async () => {
      const s = await fresh();
      expect(await s.saveWorkshop('b1', { n: 1 }, 0)).toBe(1);
      // A second "first" save and saves against an old or a future version all lose.
      expect(await s.saveWorkshop('b1', { n: 'late insert' }, 0)).toBeNull();
      expect(await s.saveWorkshop('b1', { n: 2 }, 1)).toBe(2);
      expect(await s.saveWorkshop('b1', { n: 'stale' }, 1)).toBeNull();
      expect(await s.saveWorkshop('b1', { n: 'future' }, 7)).toBeNull();
      expect(await s.saveWorkshop('missing', { n: 1 }, 3)).toBeNull();
      expect(await s.loadWorkshop('b1')).toEqual({ state: { n: 2 }, version: 2 });
      expect(await s.loadWorkshop('missing')).toBeNull();
    });

    it('concurrent workshop saves against one version: exactly one wins', async () => {
      const s = await fresh();
      await s.saveWorkshop('b1', { n: 0 }, 0);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => s.saveWorkshop('b1', { n: i }, 1)),
      );
      expect(results.filter((v) => v === 2)).toHaveLength(1);
      expect(results.filter((v) => v === null)).toHaveLength(7);
      const winner = results.indexOf(2);
      expect(await s.loadWorkshop('b1')).toEqual({ state: { n: winner }, version: 2 });
    });

    it('close is idempotent and later calls reject', async () => {
      const s = await factory.create();
      await s.close();
      await s.close();
      await expect(s.getBoard('b1')).rejects.toThrow();
    });

    if (factory.reopen) {
      const reopen = factory.reopen.bind(factory);
      it('keeps boards, updates, states and snapshots across close and reopen', async () => {
        const s = await factory.create();
        const doc = new Y.Doc();
        await s.createBoard(board('b1'));
        await s.appendUpdate('b1', updateSetting(doc, 'a', 1));
        await s.compact('b1', Y.encodeStateAsUpdate(doc), 1);
        await s.appendUpdate('b1', updateSetting(doc, 'b', 2));
        await s.saveSnapshot(snapshot('b1', 's1', '2025-01-01T00:00:00.000Z', Y.encodeStateAsUpdate(doc)));
        const again = await reopen(s);
        open.push(again);
        expect(await again.getBoard('b1')).toEqual(board('b1'));
        const loaded = await again.loadDoc('b1');
        expect(loaded.lastSeq).toBe(2);
        expect(rebuild(loaded).getMap('elements').toJSON()).toEqual({ a: 1, b: 2 });
        expect(await again.appendUpdate('b1', updateSetting(doc, 'c', 3))).toBe(3);
        expect((await again.listSnapshots('b1')).map((m) => m.id)).toEqual(['s1']);
      });

      it('keeps the workshop state and its version across close and reopen', async () => {
        const s = await factory.create();
        expect(await s.saveWorkshop('b1', { vote: { open: true } }, 0)).toBe(1);
        expect(await s.saveWorkshop('b1', { vote: { open: false } }, 1)).toBe(2);
        const again = await reopen(s);
        open.push(again);
        expect(await again.loadWorkshop('b1')).toEqual({ state: { vote: { open: false } }, version: 2 });
        expect(await again.saveWorkshop('b1', { vote: null }, 1)).toBeNull();
        expect(await again.saveWorkshop('b1', { vote: null }, 2)).toBe(3);
      });
    }
  });
}
