import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, createElements, placeByDrop } from '../commands.js';
import { spineContent } from '../exercises/spine.js';
import { elementsMap, readBoard } from '../layout.js';
import { setLocked } from '../locks.js';
import { partListOf } from '../stored.js';
import { templateElements } from './index.js';
import {
  addLanePart,
  cardsInLanePart,
  MAX_LANE_NAME,
  misplacedLaneCards,
  removeLanePart,
  renameLane,
  settleLaneCards,
} from './lanes.js';

function board(kind: 'story-spine' | 'road-map') {
  const doc = new Y.Doc();
  createElements(doc, templateElements(kind));
  const lanes = () => {
    const el = readBoard(doc).elements.find((e) => e.type === 'swimlanes');
    if (el?.type !== 'swimlanes') throw new Error('no swimlanes');
    return el;
  };
  /** A sticky dropped with its centre at (cx, cy), as a drag would leave it. */
  const card = (cx: number, cy: number) => {
    const id = createElement(doc, 'sticky', { x: cx - 90, y: cy - 90, w: 180, h: 180 });
    placeByDrop(doc, [id]);
    return id;
  };
  const at = (id: string) => {
    const el = readBoard(doc).byId.get(id);
    if (el?.type !== 'sticky') throw new Error('not a sticky');
    return el;
  };
  return { doc, lanes, card, at };
}

describe('renameLane', () => {
  it('renames a story spine step to the team’s own journey, keeping its id (and its cards)', () => {
    const { doc, lanes } = board('story-spine');
    const id = lanes().id;
    expect(renameLane(doc, id, 'steps', 'sign-up', '  Book a visit ')).toBe(true);
    expect(lanes().steps.map((s) => s.name)).toEqual([
      'Discover',
      'Book a visit',
      'First use',
      'Habit',
      'Share',
    ]);
    expect(lanes().steps[1]?.id).toBe('sign-up');
    expect(spineContent(readBoard(doc).elements)?.steps[1]?.name).toBe('Book a visit');
  });

  it('renames a road map lane', () => {
    const { doc, lanes } = board('road-map');
    expect(renameLane(doc, lanes().id, 'lanes', 'next', 'Q3')).toBe(true);
    expect(lanes().lanes.map((l) => l.name)).toEqual(['Now', 'Q3', 'Later']);
  });

  it('refuses a blank name, an unknown lane or element, and cuts a long name', () => {
    const { doc, lanes } = board('road-map');
    const id = lanes().id;
    expect(renameLane(doc, id, 'lanes', 'now', '   ')).toBe(false);
    expect(renameLane(doc, id, 'lanes', 'nope', 'X')).toBe(false);
    expect(renameLane(doc, id, 'steps', 'now', 'X')).toBe(false);
    expect(renameLane(doc, 'missing', 'lanes', 'now', 'X')).toBe(false);
    expect(renameLane(doc, id, 'lanes', 'now', 'Now')).toBe(false);
    expect(renameLane(doc, id, 'lanes', 'now', 'x'.repeat(300))).toBe(true);
    expect(lanes().lanes[0]?.name).toHaveLength(MAX_LANE_NAME);
  });
});

describe('addLanePart and removeLanePart', () => {
  it('adds a step after another: the spine keeps its width, every card stays in its step', () => {
    const { doc, lanes, card, at } = board('story-spine');
    const before = lanes();
    const stepW = before.w / before.steps.length;
    const top = before.y + 48 + 150;
    // One card near each step's left edge, one in the middle of "First use", one at Share's right.
    const cards = before.steps.map((_, i) => card(before.x + i * stepW + 100, top));
    const middle = card(before.x + 2.5 * stepW, top + 300);
    const right = card(before.x + before.w - 95, top + 300);
    const slots = () => [...cards, middle, right].map((id) => at(id).slot);
    const was = slots();

    const added = addLanePart(doc, before.id, 'steps', 'sign-up', '  Book a visit  ');
    expect(added.ok).toBe(true);
    const after = lanes();
    expect(after.w).toBe(before.w);
    expect(after.steps.map((s) => s.name)).toEqual([
      'Discover',
      'Sign up',
      'Book a visit',
      'First use',
      'Habit',
      'Share',
    ]);
    expect(after.steps[2]?.id).toBe(added.ok ? added.laneId : '');
    // Same slots, and placing them again from where they now are finds the same steps.
    expect(slots()).toEqual(was);
    placeByDrop(doc, [...cards, middle, right]);
    expect(slots()).toEqual(was);
    // Inside the spine, the middle one still in the middle of its (narrower) step.
    const newW = after.w / 6;
    const m = at(middle);
    expect(m.x + m.w / 2).toBeCloseTo(after.x + 3.5 * newW, 0);
    const r = at(right);
    expect(r.x + r.w).toBeLessThanOrEqual(after.x + after.w);
    // The new step is empty.
    expect(cardsInLanePart(readBoard(doc).elements, after, 'steps', after.steps[2]?.id ?? '')).toBe(0);
  });

  it('adds a road map lane at the end; removing it gives the lanes their width back', () => {
    const { doc, lanes, card, at } = board('road-map');
    const before = lanes();
    const laneW = before.w / 3;
    const later = card(before.x + 2 * laneW + 120, before.y + 200);
    expect(at(later).slot).toBe('later');
    const added = addLanePart(doc, before.id, 'lanes', null, 'Q1 2027');
    if (!added.ok) throw new Error(added.reason);
    expect(lanes().lanes.map((l) => l.name)).toEqual(['Now', 'Next', 'Later', 'Q1 2027']);
    placeByDrop(doc, [later]);
    expect(at(later).slot).toBe('later');
    // "Later" is narrower: its card's centre moved left with it, still inside.
    const l = lanes();
    expect(at(later).x).toBeGreaterThanOrEqual(l.x + 2 * (l.w / 4));
    expect(at(later).x + 180).toBeLessThanOrEqual(l.x + 3 * (l.w / 4));

    expect(removeLanePart(doc, l.id, 'lanes', added.laneId)).toEqual({ ok: true, laneId: added.laneId });
    expect(lanes().lanes.map((x) => x.name)).toEqual(['Now', 'Next', 'Later']);
    placeByDrop(doc, [later]);
    expect(at(later).slot).toBe('later');
  });

  it('adding is one undo step: the step goes and the cards come back to where they were', () => {
    const { doc, lanes, card, at } = board('story-spine');
    const before = lanes();
    const id = card(before.x + (before.w / 5) * 3.5, before.y + 300);
    const x = at(id).x;
    const undo = new Y.UndoManager(elementsMap(doc), { trackedOrigins: new Set(['me']) });
    expect(addLanePart(doc, before.id, 'steps', null, 'Tell a friend', 'me').ok).toBe(true);
    expect(at(id).x).not.toBe(x);
    undo.undo();
    expect(lanes().steps).toHaveLength(5);
    expect(at(id).x).toBe(x);
  });

  it('refuses a step in a full spine, an unknown one, removing one with cards, and the last one', () => {
    const { doc, lanes, card } = board('road-map');
    const el = lanes();
    const max = Math.floor(el.w / 200);
    for (let n = 3; n < max; n++) expect(addLanePart(doc, el.id, 'lanes', null, `L${n}`).ok).toBe(true);
    expect(addLanePart(doc, el.id, 'lanes', null, 'one too many')).toEqual({ ok: false, reason: 'no-room' });
    expect(addLanePart(doc, el.id, 'lanes', 'nope', 'x')).toEqual({ ok: false, reason: 'not-found' });
    expect(addLanePart(doc, 'missing', 'lanes', null, 'x')).toEqual({ ok: false, reason: 'not-found' });

    card(el.x + 100, el.y + 200);
    expect(removeLanePart(doc, el.id, 'lanes', 'now')).toEqual({ ok: false, reason: 'not-empty' });
    expect(lanes().lanes[0]?.id).toBe('now');
    for (const lane of lanes().lanes.slice(1))
      expect(removeLanePart(doc, el.id, 'lanes', lane.id).ok).toBe(true);
    expect(lanes().lanes.map((l) => l.id)).toEqual(['now']);
    const { doc: doc2, lanes: lanes2 } = board('road-map');
    const only = lanes2();
    expect(removeLanePart(doc2, only.id, 'lanes', 'now').ok).toBe(true);
    expect(removeLanePart(doc2, only.id, 'lanes', 'next').ok).toBe(true);
    expect(removeLanePart(doc2, only.id, 'lanes', 'later')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('a theme in a step moves with its step, its cards with it', () => {
    const { doc, lanes, at } = board('story-spine');
    const before = lanes();
    const stepW = before.w / 5;
    const theme = createElement(doc, 'theme', {
      x: before.x + 3.5 * stepW - 120,
      y: before.y + 150,
      w: 240,
      h: 300,
      name: 'Reminders',
    });
    placeByDrop(doc, [theme]);
    const card = createElement(doc, 'sticky', {
      x: before.x + 3.5 * stepW - 90,
      y: before.y + 250,
      w: 180,
      h: 180,
    });
    placeByDrop(doc, [card]);
    const read = (id: string) => readBoard(doc).byId.get(id);
    expect(read(theme)?.parent).toBe(before.id);
    expect(at(card).parent).toBe(theme);
    const gap = at(card).x - (read(theme)?.x ?? 0);

    expect(addLanePart(doc, before.id, 'steps', 'discover', 'Compare').ok).toBe(true);
    const t = read(theme);
    if (t?.type !== 'theme') throw new Error('no theme');
    expect(t.x + t.w / 2).toBeCloseTo(before.x + 4.5 * (before.w / 6), 0);
    expect(at(card).x - t.x).toBe(gap);
    placeByDrop(doc, [card]);
    expect(at(card).parent).toBe(theme);
  });

  it('an unnamed step gets a name', () => {
    const { doc, lanes } = board('story-spine');
    expect(addLanePart(doc, lanes().id, 'steps', null, '   ').ok).toBe(true);
    expect(lanes().steps.at(-1)?.name).toBe('Step');
  });
});

/**
 * Two people on one board, each with their own copy of the document (as two browsers are): what
 * one does reaches the other when `sync` is called — at once, or an hour later for someone who
 * worked offline.
 */
function twoPeople(kind: 'story-spine' | 'road-map') {
  const fay = board(kind);
  const bob = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(fay.doc, Y.encodeStateVector(bob)));
    Y.applyUpdate(fay.doc, Y.encodeStateAsUpdate(bob, Y.encodeStateVector(fay.doc)));
  };
  sync();
  const id = fay.lanes().id;
  const names = (doc: Y.Doc, part: 'lanes' | 'steps') => {
    const el = readBoard(doc).byId.get(id);
    if (el?.type !== 'swimlanes') throw new Error('no swimlanes');
    return el[part].map((l) => l.name);
  };
  return { fay: fay.doc, bob, id, sync, names, card: fay.card, lanes: fay.lanes };
}

describe('two people changing the parts at once', () => {
  it('each renaming another lane keeps both names', () => {
    const { fay, bob, id, sync, names } = twoPeople('road-map');
    expect(renameLane(fay, id, 'lanes', 'now', 'This sprint')).toBe(true);
    expect(renameLane(bob, id, 'lanes', 'later', 'Someday')).toBe(true);
    sync();
    expect(names(fay, 'lanes')).toEqual(['This sprint', 'Next', 'Someday']);
    expect(names(bob, 'lanes')).toEqual(['This sprint', 'Next', 'Someday']);
  });

  it('one adding a step while the other renames one keeps the new step and the new name', () => {
    const { fay, bob, id, sync, names } = twoPeople('story-spine');
    expect(addLanePart(fay, id, 'steps', 'habit', 'Tell a friend').ok).toBe(true);
    expect(renameLane(bob, id, 'steps', 'discover', 'Hear about us')).toBe(true);
    sync();
    const want = ['Hear about us', 'Sign up', 'First use', 'Habit', 'Tell a friend', 'Share'];
    expect(names(fay, 'steps')).toEqual(want);
    expect(names(bob, 'steps')).toEqual(want);
  });

  it('both adding a lane after the same one keeps both, in the same order for everyone', () => {
    const { fay, bob, id, sync, names } = twoPeople('road-map');
    expect(addLanePart(fay, id, 'lanes', 'now', 'Fay’s').ok).toBe(true);
    expect(addLanePart(bob, id, 'lanes', 'now', 'Bob’s').ok).toBe(true);
    sync();
    expect(names(fay, 'lanes')).toHaveLength(5);
    expect(names(fay, 'lanes')).toEqual(names(bob, 'lanes'));
    expect(new Set(names(fay, 'lanes'))).toEqual(new Set(['Now', 'Fay’s', 'Bob’s', 'Next', 'Later']));
  });

  it('someone who renamed a step offline keeps it, and so does everyone who changed the spine meanwhile', () => {
    const { fay, bob, id, sync, names } = twoPeople('story-spine');
    // Bob is offline: his rename waits in his copy while Fay goes on with the spine.
    expect(renameLane(bob, id, 'steps', 'first-use', 'First booking')).toBe(true);
    expect(renameLane(fay, id, 'steps', 'sign-up', 'Create an account')).toBe(true);
    expect(addLanePart(fay, id, 'steps', null, 'Come back').ok).toBe(true);
    expect(removeLanePart(fay, id, 'steps', 'share').ok).toBe(true);
    sync();
    const want = ['Discover', 'Create an account', 'First booking', 'Habit', 'Come back'];
    expect(names(fay, 'steps')).toEqual(want);
    expect(names(bob, 'steps')).toEqual(want);
  });

  it('a board stored before parts were kept one by one (a JSON list) takes a rename and stores it part by part from then on', () => {
    const { fay, bob, id, sync, names } = twoPeople('road-map');
    const ymap = elementsMap(fay).get(id) as Y.Map<unknown>;
    ymap.set(
      'lanes',
      ymap.get('lanes') instanceof Y.Array ? (ymap.get('lanes') as Y.Array<unknown>).toJSON() : [],
    );
    sync();
    expect(partListOf(ymap, 'lanes')).toBeUndefined();
    expect(renameLane(fay, id, 'lanes', 'next', 'Q3')).toBe(true);
    expect(partListOf(ymap, 'lanes')?.toJSON()).toEqual([
      { id: 'now', name: 'Now' },
      { id: 'next', name: 'Q3' },
      { id: 'later', name: 'Later' },
    ]);
    sync();
    expect(renameLane(fay, id, 'lanes', 'now', 'Q2')).toBe(true);
    expect(renameLane(bob, id, 'lanes', 'later', 'Q4')).toBe(true);
    sync();
    expect(names(bob, 'lanes')).toEqual(['Q2', 'Q3', 'Q4']);
  });
});

/** The cards of the swimlanes `id` in `doc` whose centre is outside the part their slot names. */
function outOfPlace(doc: Y.Doc, id: string): string[] {
  const { elements, byId } = readBoard(doc);
  const el = byId.get(id);
  if (el?.type !== 'swimlanes') throw new Error('no swimlanes');
  return misplacedLaneCards(elements, el).map((m) => m.card.id);
}

const slotsOf = (doc: Y.Doc, ids: readonly string[]) => ids.map((i) => readBoard(doc).byId.get(i)?.slot);

describe('cards settled into their parts after two people changed the parts at once', () => {
  it('both adding a lane: the cards each laid out for four lanes go back inside their own of five', () => {
    const { fay, bob, id, sync, card, lanes } = twoPeople('road-map');
    const l = lanes();
    const laneW = l.w / 3;
    // A card near the right edge of each lane and one near the left: adding lanes moves them most.
    const cards = [0, 1, 2].flatMap((i) => [
      card(l.x + i * laneW + laneW - 100, l.y + 250),
      card(l.x + i * laneW + 100, l.y + 500),
    ]);
    sync();
    const slots = slotsOf(fay, cards);
    expect(addLanePart(fay, id, 'lanes', 'now', 'Fay’s').ok).toBe(true);
    expect(addLanePart(bob, id, 'lanes', 'next', 'Bob’s').ok).toBe(true);
    expect(outOfPlace(fay, id)).toEqual([]);
    sync();
    // What the meeting leaves: the same slots, some cards drawn across the border of theirs.
    expect(slotsOf(fay, cards)).toEqual(slots);
    expect(outOfPlace(fay, id).length).toBeGreaterThan(0);

    expect(settleLaneCards(fay, id, 'settle')).toBeGreaterThan(0);
    expect(outOfPlace(fay, id)).toEqual([]);
    expect(slotsOf(fay, cards)).toEqual(slots);
    // Dropping each where it now is finds the part it belongs to.
    placeByDrop(fay, cards);
    expect(slotsOf(fay, cards)).toEqual(slots);
    // Bob's page, given Fay's settling, has nothing left to do; both draw the same board.
    sync();
    expect(settleLaneCards(bob, id, 'settle')).toBe(0);
    expect(readBoard(bob).elements).toEqual(readBoard(fay).elements);
  });

  it('both settling at once write the same places: the board converges with every card in its part', () => {
    const { fay, bob, id, sync, card, lanes } = twoPeople('story-spine');
    const l = lanes();
    const stepW = l.w / l.steps.length;
    const cards = l.steps.map((_, i) => card(l.x + i * stepW + stepW - 95, l.y + 300));
    sync();
    expect(addLanePart(fay, id, 'steps', 'sign-up', 'Book').ok).toBe(true);
    expect(addLanePart(bob, id, 'steps', 'habit', 'Pay').ok).toBe(true);
    sync();
    expect(settleLaneCards(fay, id)).toBeGreaterThan(0);
    expect(settleLaneCards(bob, id)).toBeGreaterThan(0);
    sync();
    expect(outOfPlace(fay, id)).toEqual([]);
    expect(readBoard(bob).elements).toEqual(readBoard(fay).elements);
    expect(cards.every((c) => readBoard(fay).byId.get(c)?.parent === id)).toBe(true);
  });

  it('a card dropped into a lane someone removed at the same moment gets the lane it now lies in', () => {
    const { fay, bob, id, sync, lanes } = twoPeople('road-map');
    const l = lanes();
    // Bob drops a card into the empty "Later" while Fay removes it.
    const late = createElement(bob, 'sticky', { x: l.x + l.w - 250, y: l.y + 200, w: 180, h: 180 });
    placeByDrop(bob, [late]);
    expect(readBoard(bob).byId.get(late)?.slot).toBe('later');
    expect(removeLanePart(fay, id, 'lanes', 'later').ok).toBe(true);
    sync();
    expect(readBoard(fay).byId.get(late)?.slot).toBe('later');
    expect(outOfPlace(fay, id)).toEqual([late]);

    expect(settleLaneCards(fay, id)).toBe(1);
    expect(readBoard(fay).byId.get(late)).toMatchObject({ parent: id, slot: 'next' });
    expect(outOfPlace(fay, id)).toEqual([]);
  });

  it('writes nothing when every card is in its part, and leaves a locked card where it is', () => {
    const { doc, lanes, card } = board('road-map');
    const l = lanes();
    const a = card(l.x + 150, l.y + 200);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(settleLaneCards(doc, l.id)).toBe(0);
    expect(settleLaneCards(doc, 'missing')).toBe(0);
    expect(updates).toHaveLength(0);

    // Out of its part (as a meeting would leave it), but locked: it stays.
    (elementsMap(doc).get(a) as Y.Map<unknown>).set('x', l.x + l.w / 3 + 50);
    expect(outOfPlace(doc, l.id)).toEqual([a]);
    setLocked(doc, [a], true);
    expect(settleLaneCards(doc, l.id)).toBe(0);
    setLocked(doc, [a], false);
    expect(settleLaneCards(doc, l.id)).toBe(1);
    expect(outOfPlace(doc, l.id)).toEqual([]);
  });
});

describe('how the parts are stored', () => {
  it('a new swimlanes keeps its steps as a Y.Array of Y.Maps; renaming one writes only its name', () => {
    const { doc, lanes } = board('story-spine');
    const ymap = elementsMap(doc).get(lanes().id) as Y.Map<unknown>;
    const steps = partListOf(ymap, 'steps');
    if (!steps) throw new Error('steps are not stored part by part');
    expect(steps.length).toBe(5);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(renameLane(doc, lanes().id, 'steps', 'habit', 'Routine')).toBe(true);
    expect(updates).toHaveLength(1);
    // One new name, not the whole list written again.
    const decoded = Y.decodeUpdate(updates[0] as Uint8Array);
    expect(decoded.structs).toHaveLength(1);
    expect((steps.get(3) as Y.Map<unknown>).get('name')).toBe('Routine');
  });

  it('undo takes back a rename made in place', () => {
    const { doc, lanes } = board('road-map');
    const undo = new Y.UndoManager(elementsMap(doc), { trackedOrigins: new Set(['me']) });
    expect(renameLane(doc, lanes().id, 'lanes', 'next', 'Q3', 'me')).toBe(true);
    expect(lanes().lanes[1]?.name).toBe('Q3');
    undo.undo();
    expect(lanes().lanes[1]?.name).toBe('Next');
  });
});
