/**
 * LockGuard on a plain document: it repairs exactly what participants may not change, and runs no
 * repair transaction at all for writes that touch nothing locked (the common case, on every write).
 */
import {
  addLanePart,
  createElements,
  elementsMap,
  partListOf,
  readElement,
  renameLane,
  setLocked,
} from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LockGuard } from '../../src/relay/locks.js';

function setup() {
  const doc = new Y.Doc();
  createElements(doc, [
    { id: 'free', kind: 'sticky', input: { x: 0, y: 0, text: 'free' } },
    { id: 'held', kind: 'sticky', input: { x: 300, y: 0, text: 'held' } },
  ]);
  setLocked(doc, ['held'], true, 'facilitator');
  const guard = new LockGuard(doc, {
    privileged: (o) => o === 'facilitator' || o === 'server',
    repairOrigin: 'server',
  });
  const repairs: unknown[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin === 'server') repairs.push(tr.origin);
  });
  const note = (id: string) => elementsMap(doc).get(id) as Y.Map<unknown>;
  return { doc, guard, repairs, note };
}

describe('LockGuard', () => {
  it('runs no repair transaction for a write that touches nothing locked', () => {
    const { doc, guard, repairs, note } = setup();
    doc.transact(() => note('free').set('x', 40), 'participant');
    expect(guard.repair()).toBe(0);
    expect(repairs).toHaveLength(0);
    expect(note('free').get('x')).toBe(40);
  });

  it('puts a locked element back as it was', () => {
    const { doc, guard, repairs, note } = setup();
    doc.transact(() => note('held').set('x', 999), 'participant');
    expect(guard.repair()).toBe(1);
    expect(repairs).toHaveLength(1);
    expect(readElement(doc, 'held')).toMatchObject({ status: 'ok', element: { x: 300, locked: true } });
  });

  it('takes back a lock set without the right to, and keeps the rest of the write', () => {
    const { doc, guard, note } = setup();
    doc.transact(() => {
      note('free').set('locked', true);
      note('free').set('y', 77);
    }, 'participant');
    expect(guard.repair()).toBe(1);
    expect(note('free').get('locked')).toBe(false);
    expect(note('free').get('y')).toBe(77);
  });

  it('votes are the server’s: a participant’s count is put back, a new card’s forged one taken away', () => {
    const { doc, guard, note, repairs } = setup();
    doc.transact(() => note('free').set('votes', 4), 'server');
    expect(guard.repair()).toBe(0);
    doc.transact(() => note('free').set('votes', 99), 'participant');
    expect(guard.repair()).toBe(1);
    expect(note('free').get('votes')).toBe(4);

    // A card pasted in with a count of its own (no vote ever gave it one).
    createElements(
      doc,
      [{ id: 'pasted', kind: 'sticky', input: { x: 0, y: 500, text: 'forged', votes: 99 } }],
      'participant',
    );
    expect(guard.repair()).toBe(1);
    expect(readElement(doc, 'pasted')).toMatchObject({ status: 'ok', element: { votes: 0 } });

    // A participant who deletes a voted card and undoes it gets it back with its votes.
    const undo = new Y.UndoManager(elementsMap(doc), { trackedOrigins: new Set(['participant']) });
    const repairsBefore = repairs.length;
    doc.transact(() => elementsMap(doc).delete('free'), 'participant');
    expect(guard.repair()).toBe(0);
    // Nothing to put back, so no repair transaction at all.
    expect(repairs).toHaveLength(repairsBefore);
    undo.undo();
    expect(guard.repair()).toBe(0);
    expect(note('free').get('votes')).toBe(4);
  });

  it('lets the facilitator change locked elements without repairs', () => {
    const { doc, guard, repairs, note } = setup();
    doc.transact(() => note('held').set('x', 5), 'facilitator');
    expect(guard.repair()).toBe(0);
    expect(repairs).toHaveLength(0);
    expect(note('held').get('x')).toBe(5);
  });

  it("puts a locked road map's lanes back as they were, each part still stored on its own", () => {
    const doc = new Y.Doc();
    createElements(doc, [
      {
        id: 'plan',
        kind: 'swimlanes',
        input: {
          x: 0,
          y: 0,
          lanes: [
            { id: 'now', name: 'Now' },
            { id: 'next', name: 'Next' },
          ],
        },
      },
    ]);
    setLocked(doc, ['plan'], true, 'facilitator');
    const guard = new LockGuard(doc, {
      privileged: (o) => o === 'facilitator' || o === 'server',
      repairOrigin: 'server',
    });
    const plan = elementsMap(doc).get('plan') as Y.Map<unknown>;
    const names = () =>
      (readElement(doc, 'plan') as { element: { lanes: { name: string }[] } }).element.lanes;

    expect(renameLane(doc, 'plan', 'lanes', 'next', 'Q3', 'participant')).toBe(true);
    expect(addLanePart(doc, 'plan', 'lanes', null, 'Q4', 'participant').ok).toBe(true);
    expect(guard.repair()).toBe(1);
    expect(names()).toEqual([
      { id: 'now', name: 'Now' },
      { id: 'next', name: 'Next' },
    ]);
    // Still a Y.Array of Y.Maps: the facilitator's next rename is one part's name, not the list.
    expect(partListOf(plan, 'lanes')?.length).toBe(2);
    expect(renameLane(doc, 'plan', 'lanes', 'now', 'This sprint', 'facilitator')).toBe(true);
    expect(guard.repair()).toBe(0);
    expect(names()[0]?.name).toBe('This sprint');
  });
});
