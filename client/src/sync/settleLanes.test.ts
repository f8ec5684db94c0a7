import {
  addLanePart,
  createElement,
  createElements,
  misplacedLaneCards,
  placeByDrop,
  readBoard,
  templateElements,
} from '@truenorth/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LaneSettler, SETTLE_ORIGIN } from './settleLanes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two pages on one road map, each with its own copy and its settler, joined by a link that can be
 * held (the two then work at the same moment, each before seeing the other's change).
 */
function twoPages() {
  const fay = new Y.Doc();
  const bob = new Y.Doc();
  createElements(fay, templateElements('road-map'));
  Y.applyUpdate(bob, Y.encodeStateAsUpdate(fay));
  let held = false;
  const queue: [Y.Doc, Uint8Array][] = [];
  const link = (from: Y.Doc, to: Y.Doc) =>
    from.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      if (held) queue.push([to, update]);
      else Y.applyUpdate(to, update, 'remote');
    });
  link(fay, bob);
  link(bob, fay);
  const lanes = readBoard(fay).elements.find((e) => e.type === 'swimlanes');
  if (lanes?.type !== 'swimlanes') throw new Error('no swimlanes');
  const settlers = [fay, bob].map((doc) => new LaneSettler(doc, { delayMs: 5, jitterMs: 0 }));
  cleanups.push(() => {
    for (const s of settlers) s.destroy();
  });
  return {
    fay,
    bob,
    lanes,
    settlers,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      for (const [to, update] of queue.splice(0)) Y.applyUpdate(to, update, 'remote');
    },
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

/** Cards of the swimlanes whose centre is outside the part their slot names. */
function outOfPlace(doc: Y.Doc, id: string): string[] {
  const { elements, byId } = readBoard(doc);
  const el = byId.get(id);
  if (el?.type !== 'swimlanes') throw new Error('no swimlanes');
  return misplacedLaneCards(elements, el).map((m) => m.card.id);
}

/**
 * A card near each edge of each of the three lanes. With one lane added after "Now" on one page
 * and one after "Next" on the other, each page moves "Next"'s cards to a place that is outside
 * "Next" of five lanes — the one on its left edge, or the one on its right — whichever wins.
 */
function cardsAtEdges(doc: Y.Doc, l: { x: number; y: number; w: number }) {
  const laneW = l.w / 3;
  const ids = [0, 1, 2].flatMap((i) => [
    createElement(doc, 'sticky', { x: l.x + i * laneW + 10, y: l.y + 200, w: 180, h: 180 }),
    createElement(doc, 'sticky', { x: l.x + (i + 1) * laneW - 200, y: l.y + 500, w: 180, h: 180 }),
  ]);
  placeByDrop(doc, ids);
  return ids;
}

describe('LaneSettler', () => {
  it('two people adding a lane at the same moment: their pages put every card back in its lane', async () => {
    const { fay, bob, lanes, hold, release } = twoPages();
    cardsAtEdges(fay, lanes);
    const fayOrigin = { local: true };
    const undo = new Y.UndoManager(fay.getMap('elements'), { trackedOrigins: new Set([fayOrigin]) });
    hold();
    expect(addLanePart(fay, lanes.id, 'lanes', 'now', 'Fay’s', fayOrigin).ok).toBe(true);
    expect(addLanePart(bob, lanes.id, 'lanes', 'next', 'Bob’s').ok).toBe(true);
    release();
    // As the meeting leaves it, before the settlers look.
    expect(outOfPlace(fay, lanes.id).length).toBeGreaterThan(0);
    await sleep(60);
    expect(outOfPlace(fay, lanes.id)).toEqual([]);
    expect(outOfPlace(bob, lanes.id)).toEqual([]);
    expect(readBoard(bob).elements).toEqual(readBoard(fay).elements);
    // Fay's undo holds her own change only: one step, not the settling.
    expect(undo.undoStack).toHaveLength(1);
  });

  it('writes nothing after a lane added with nobody else changing the lanes', async () => {
    const { fay, bob, lanes } = twoPages();
    cardsAtEdges(fay, lanes);
    const settled: unknown[] = [];
    for (const doc of [fay, bob])
      doc.on('update', (_: Uint8Array, origin: unknown) => {
        if (origin === SETTLE_ORIGIN) settled.push(origin);
      });
    expect(addLanePart(fay, lanes.id, 'lanes', null, 'Q1').ok).toBe(true);
    await sleep(60);
    expect(settled).toEqual([]);
    expect(outOfPlace(bob, lanes.id)).toEqual([]);
  });

  it('does nothing once destroyed', async () => {
    const { fay, bob, lanes, settlers, hold, release } = twoPages();
    cardsAtEdges(fay, lanes);
    for (const s of settlers) s.destroy();
    hold();
    addLanePart(fay, lanes.id, 'lanes', 'now', 'A');
    addLanePart(bob, lanes.id, 'lanes', 'next', 'B');
    release();
    await sleep(60);
    expect(outOfPlace(fay, lanes.id).length).toBeGreaterThan(0);
  });
});
