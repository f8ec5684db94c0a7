/** `applySnapshot`: the live doc ends equal to the snapshot, touching only what differs. */
import { elementsMap, metaMap, readBoard } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applySnapshot, restorePointName, undoRestore } from '../../src/relay/restore.js';

function sticky(doc: Y.Doc, id: string, text: string, x = 0): void {
  const el = new Y.Map<unknown>();
  el.set('type', 'sticky');
  el.set('x', x);
  el.set('y', 0);
  el.set('z', 'a0');
  el.set('text', new Y.Text(text));
  elementsMap(doc).set(id, el);
}

function plain(doc: Y.Doc) {
  return { elements: elementsMap(doc).toJSON(), title: metaMap(doc).get('title') };
}

describe('applySnapshot', () => {
  it('deletes, re-creates and overwrites until the live elements equal the snapshot, keeping the title', () => {
    const snap = new Y.Doc();
    sticky(snap, 'kept', 'same');
    sticky(snap, 'edited', 'original', 10);
    sticky(snap, 'deleted-since', 'bring me back');
    metaMap(snap).set('title', 'Old title');

    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(snap));
    elementsMap(live).delete('deleted-since');
    const edited = elementsMap(live).get('edited') as Y.Map<unknown>;
    edited.set('x', 99);
    (edited.get('text') as Y.Text).insert(0, 'changed ');
    sticky(live, 'added-since', 'remove me');
    metaMap(live).set('title', 'New title');
    metaMap(live).set('schemaVersion', 1);

    const changedKeys = new Set<string>();
    (elementsMap(live).get('kept') as Y.Map<unknown>).observe((e) => {
      for (const k of e.keysChanged) changedKeys.add(k);
    });
    live.transact(() => applySnapshot(live, snap));

    expect(elementsMap(live).toJSON()).toEqual(elementsMap(snap).toJSON());
    expect(changedKeys.size).toBe(0);
    expect(metaMap(live).get('schemaVersion')).toBe(1);
    // The title is the board's name (renamed through the board record), not snapshot content.
    expect(metaMap(live).get('title')).toBe('New title');
    expect(
      readBoard(live)
        .elements.map((e) => e.id)
        .sort(),
    ).toEqual(['deleted-since', 'edited', 'kept']);
  });

  it('is a change that merges on another replica like any edit', () => {
    const snap = new Y.Doc();
    sticky(snap, 'a', 'A');
    const live = new Y.Doc();
    sticky(live, 'b', 'B');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(live);
    live.transact(() => applySnapshot(live, snap));
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live, before));
    expect(plain(replica)).toEqual(plain(snap));
  });
});

describe('undoRestore', () => {
  it('takes back what the restore changed, field by field, and keeps what changed after it', () => {
    const before = new Y.Doc();
    sticky(before, 'moved', 'day 2 text', 500);
    sticky(before, 'added-day-2', 'day 2');
    metaMap(before).set('title', 'Day 2 title');
    const after = new Y.Doc();
    sticky(after, 'moved', 'day 1 text', 0);
    sticky(after, 'deleted-day-2', 'day 1');
    sticky(after, 'deleted-after-restore', 'day 1');
    metaMap(after).set('title', 'Day 1 title');

    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(before));
    live.transact(() => applySnapshot(live, after));
    // After the restore: the moved note's text is edited (its place is not), a note is written,
    // one is deleted.
    const moved = elementsMap(live).get('moved') as Y.Map<unknown>;
    (moved.get('text') as Y.Text).insert(0, 'edited: ');
    sticky(live, 'written-after', 'new');
    elementsMap(live).delete('deleted-after-restore');

    live.transact(() => undoRestore(live, before, after));
    expect(plain(live)).toEqual({
      elements: {
        moved: { type: 'sticky', x: 500, y: 0, z: 'a0', text: 'edited: day 1 text' },
        'added-day-2': { type: 'sticky', x: 0, y: 0, z: 'a0', text: 'day 2' },
        'written-after': { type: 'sticky', x: 0, y: 0, z: 'a0', text: 'new' },
      },
      title: 'Day 2 title',
    });
  });
});

describe('restorePointName', () => {
  it('names the board as it was before a restore, and an undone restore as such, never nested', () => {
    const named = { name: 'End of day 1', kind: 'manual' };
    const point = { name: restorePointName(named), kind: 'restore-point' };
    expect(point.name).toBe('Before restoring “End of day 1”');
    const undo = { name: restorePointName(point), kind: 'restore-point' };
    expect(undo.name).toBe('Before undoing the restore of “End of day 1”');
    expect(restorePointName(undo)).toBe('Before restoring “End of day 1”');
    // Only restore points are read that way: a snapshot someone named so is just a name.
    expect(restorePointName({ name: 'Before restoring “x”', kind: 'manual' })).toBe(
      'Before restoring “Before restoring “x””',
    );
  });
});
