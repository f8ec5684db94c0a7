/**
 * Where imported cards land: every card wholly inside the box it was imported into (so it is, and
 * looks like, a member), no card over another — neither another imported card nor one already
 * there — and the same board and file always give the same layout.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElements, type NewElement } from '../commands.js';
import type { Element, ElementOf } from '../elements/index.js';
import { dropTarget, type Rect, slotsOf } from '../geometry.js';
import { readBoard } from '../layout.js';
import { cardSortingTemplate } from '../templates/card-sorting.js';
import { templateElements } from '../templates/index.js';
import { leanCanvasTemplate } from '../templates/lean-canvas.js';
import { applyCardImport, layoutCardImport, planCardImport } from './cards.js';
import { fitCards, freeSpots, IMPORTED_CARD_SIZE, READABLE_CARD } from './placement.js';

const ME = { name: 'Fran', now: 1 };

function board(...templates: NewElement[][]) {
  const doc = new Y.Doc();
  for (const t of templates) createElements(doc, t);
  return doc;
}

/** A spreadsheet's worth of ideas, of uneven length, some with line breaks. */
function ideas(n: number, box = ''): string {
  const lines = ['idea,box,author'];
  for (let i = 1; i <= n; i++) {
    const text = i % 5 === 0 ? `"Idea ${i}: a longer thought,\nwith a second line"` : `Idea ${i}`;
    lines.push(`${text},${box},Person ${i % 7}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Imports `csv` into the frame titled `title`, as the dialog does; returns the new cards. */
function importInto(doc: Y.Doc, title: string, csv: string) {
  const { elements } = readBoard(doc);
  const frame = elements.find((e) => e.type === 'frame' && e.title === title);
  if (!frame) throw new Error(`no frame ${title}`);
  const plan = planCardImport(csv, elements, frame.id);
  if (!plan.ok) throw new Error(plan.error);
  const layout = layoutCardImport(plan.rows, elements, ME);
  const ids = new Set(applyCardImport(doc, layout));
  const after = readBoard(doc);
  const cards = after.elements.filter((e): e is ElementOf<'sticky'> => ids.has(e.id));
  return { layout, cards, after, plan };
}

const strictlyOverlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Pairs of rectangles that share area (a sweep along x, fine for thousands). */
function overlapping(rects: readonly Rect[]): [number, number][] {
  const order = rects.map((_, i) => i).sort((a, b) => (rects[a] as Rect).x - (rects[b] as Rect).x);
  const out: [number, number][] = [];
  for (let i = 0; i < order.length; i++) {
    const a = rects[order[i] as number] as Rect;
    for (let j = i + 1; j < order.length; j++) {
      const b = rects[order[j] as number] as Rect;
      if (b.x >= a.x + a.w) break;
      if (strictlyOverlap(a, b)) out.push([order[i] as number, order[j] as number]);
    }
  }
  return out;
}

const inside = (r: Rect, box: Rect) =>
  r.x >= box.x && r.y >= box.y && r.x + r.w <= box.x + box.w && r.y + r.h <= box.y + box.h;

/** The place's rectangle as the board has it now (after any growing). */
function placeRect(after: { byId: ReadonlyMap<string, Element> }, parent: string, slot: string | null) {
  const el = after.byId.get(parent);
  if (!el) throw new Error('no parent');
  const s = slotsOf(el).find((x) => x.slot === slot);
  if (!s) throw new Error('no slot');
  return s.rect;
}

/** Every card inside its place, below the place's label, and dropping it there keeps it a member. */
function expectMembersThatLookIt(cards: readonly ElementOf<'sticky'>[], after: ReturnType<typeof readBoard>) {
  const outside = cards.filter((c) => {
    const r = placeRect(after, c.parent as string, c.slot);
    return !inside(c, { ...r, y: r.y + 48, h: r.h - 48 });
  });
  expect(outside.map((c) => c.text)).toEqual([]);
  const elsewhere = cards.filter((c) => {
    const m = dropTarget(after.elements, c.x + c.w / 2, c.y + c.h / 2, new Set([c.id]));
    return m.parent !== c.parent || m.slot !== c.slot;
  });
  expect(elsewhere.map((c) => c.text)).toEqual([]);
}

describe('imported cards in Card Sorting’s idea pool', () => {
  it.each([30, 200, 500])('%i ideas: inside the pool, none over another, readable', (n) => {
    const doc = board(templateElements('workshop'));
    const { cards, after } = importInto(doc, 'Card Sorting', ideas(n));
    expect(cards).toHaveLength(n);
    expect(overlapping(cards)).toEqual([]);
    expectMembersThatLookIt(cards, after);
    // Full size while they fit, never smaller than readable: the pool grows instead.
    expect(Math.min(...cards.map((c) => c.w))).toBeGreaterThanOrEqual(
      n <= 30 ? IMPORTED_CARD_SIZE : READABLE_CARD,
    );
    // The frame holds the grown pool, and covers no other exercise.
    const frame = after.elements.find(
      (e) => e.type === 'frame' && e.title === 'Card Sorting',
    ) as ElementOf<'frame'>;
    const pool = after.elements.find((e) => e.type === 'grid' && e.parent === frame.id) as ElementOf<'grid'>;
    expect(inside(pool, frame)).toBe(true);
    const frames = after.elements.filter((e) => e.type === 'frame');
    expect(overlapping(frames)).toEqual([]);
    // Nothing else in the frame is covered by the grown pool.
    const others = after.elements.filter(
      (e): e is ElementOf<'theme'> => e.type === 'theme' && e.parent === frame.id,
    );
    expect(others.filter((t) => strictlyOverlap(t, pool)).map((t) => t.name)).toEqual([]);
  });

  it('a second import lands after the first, over none of its cards or those people wrote', () => {
    const doc = board(cardSortingTemplate({ x: 0, y: 0 }));
    const { elements } = readBoard(doc);
    const pool = elements.find((e): e is ElementOf<'grid'> => e.type === 'grid') as ElementOf<'grid'>;
    // A card someone put in the middle of the pool by hand.
    createElements(doc, [
      {
        kind: 'sticky',
        input: {
          x: pool.x + 400,
          y: pool.y + 400,
          w: 180,
          h: 180,
          text: 'by hand',
          parent: pool.id,
          slot: 'pool',
        },
      },
    ]);
    const first = importInto(doc, 'Card Sorting', ideas(20));
    const second = importInto(doc, 'Card Sorting', ideas(150));
    const all = second.after.elements.filter((e): e is ElementOf<'sticky'> => e.type === 'sticky');
    expect(all).toHaveLength(171);
    expect(overlapping(all)).toEqual([]);
    expectMembersThatLookIt(all, second.after);
    // The first import's cards are where they were.
    const moved = first.cards.filter((c) => {
      const now = second.after.byId.get(c.id);
      return now?.x !== c.x || now?.y !== c.y;
    });
    expect(moved).toEqual([]);
  });

  it('is the same layout for the same board and file', () => {
    const doc = board(templateElements('workshop'));
    const { elements } = readBoard(doc);
    const frame = elements.find((e) => e.type === 'frame' && e.title === 'Card Sorting') as Element;
    const plan = planCardImport(ideas(200), elements, frame.id);
    if (!plan.ok) throw new Error(plan.error);
    expect(layoutCardImport(plan.rows, elements, ME)).toEqual(layoutCardImport(plan.rows, elements, ME));
  });

  it('is one transaction: one undo takes the cards away and the pool back to its size', () => {
    const doc = board(cardSortingTemplate({ x: 0, y: 0 }));
    const before = readBoard(doc).elements;
    const origin = { me: true };
    const undo = new Y.UndoManager(doc.getMap('elements'), { trackedOrigins: new Set([origin]) });
    const { elements } = readBoard(doc);
    const frame = elements.find((e) => e.type === 'frame') as Element;
    const plan = planCardImport(ideas(200), elements, frame.id);
    if (!plan.ok) throw new Error(plan.error);
    const layout = layoutCardImport(plan.rows, elements, ME);
    expect(layout.resize.length).toBeGreaterThan(0);
    applyCardImport(doc, layout, origin);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(readBoard(doc).elements).toEqual(before);
  });
});

describe('boxes that cannot grow', () => {
  it('200 ideas in a Lean Canvas box stay inside it, over no card of the box or its neighbours', () => {
    const doc = board(templateElements('workshop'));
    const { cards, after, layout } = importInto(doc, 'Lean Business Model Canvas', ideas(200, 'Problem'));
    expect(overlapping(cards)).toEqual([]);
    expectMembersThatLookIt(cards, after);
    // The canvas keeps its nine boxes as they were: the cards are made smaller instead, and the
    // dialog says they are too small to read.
    expect(layout.resize).toEqual([]);
    expect(layout.places).toMatchObject([{ count: 200, readable: false, growable: false }]);
  });

  it('a starter theme does not grow into the parking lot under it', () => {
    const doc = board(cardSortingTemplate({ x: 0, y: 0 }));
    const { cards, after, layout } = importInto(doc, 'Card Sorting', ideas(60, 'Theme A'));
    expect(overlapping(cards)).toEqual([]);
    expectMembersThatLookIt(cards, after);
    const lot = after.elements.find((e) => e.type === 'theme' && e.parking) as ElementOf<'theme'>;
    const themeA = after.elements.find(
      (e) => e.type === 'theme' && e.name === 'Theme A',
    ) as ElementOf<'theme'>;
    expect(themeA.y + themeA.h).toBeLessThanOrEqual(lot.y);
    expect(layout.places[0]?.growable).toBe(true);
  });

  it('the parking lot grows down, with its frame', () => {
    const doc = board(leanCanvasTemplate({ x: 0, y: 0 }), cardSortingTemplate({ x: 0, y: 1800 }));
    const { cards, after } = importInto(doc, 'Card Sorting', ideas(120, 'Parking lot'));
    expect(Math.min(...cards.map((c) => c.w))).toBeGreaterThanOrEqual(READABLE_CARD);
    expect(overlapping(cards)).toEqual([]);
    expectMembersThatLookIt(cards, after);
    expect(overlapping(after.elements.filter((e) => e.type === 'frame'))).toEqual([]);
  });

  it('a frame with another exercise below it grows only up to it', () => {
    const doc = board(cardSortingTemplate({ x: 0, y: 0 }), leanCanvasTemplate({ x: 0, y: 1800 }));
    const { cards, after } = importInto(doc, 'Card Sorting', ideas(500));
    expect(overlapping(cards)).toEqual([]);
    expectMembersThatLookIt(cards, after);
    const frames = after.elements.filter((e): e is ElementOf<'frame'> => e.type === 'frame');
    expect(overlapping(frames)).toEqual([]);
    const [top, below] = frames.sort((a, b) => a.y - b.y) as [ElementOf<'frame'>, ElementOf<'frame'>];
    expect(below.y - (top.y + top.h)).toBeGreaterThanOrEqual(80);
  });
});

describe('fitCards', () => {
  const rect = fc.record({
    x: fc.integer({ min: -2000, max: 2000 }),
    y: fc.integer({ min: -2000, max: 2000 }),
    w: fc.integer({ min: 20, max: 1600 }),
    h: fc.integer({ min: 20, max: 1600 }),
  });

  it('never puts a card over another or over what is there, and keeps each inside the (grown) area', () => {
    fc.assert(
      fc.property(
        rect,
        fc.integer({ min: 1, max: 300 }),
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.integer({ min: 8, max: 400 }),
          ),
          { maxLength: 30 },
        ),
        fc.constantFrom(0, 300, Number.POSITIVE_INFINITY),
        (area, n, spots, room) => {
          const taken = spots.map(([fx, fy, s]) => ({
            x: area.x + fx * area.w,
            y: area.y + fy * area.h,
            w: s,
            h: s,
          }));
          const fit = fitCards(area, n, taken, room);
          const cards = fit.spots.map((p) => ({ ...p, w: fit.size, h: fit.size }));
          expect(cards).toHaveLength(n);
          expect(overlapping(cards)).toEqual([]);
          expect(cards.filter((c) => taken.some((t) => strictlyOverlap(c, t)))).toEqual([]);
          const grown = { ...area, h: area.h + fit.grow };
          expect(cards.filter((c) => !inside(c, grown))).toEqual([]);
          if (Number.isFinite(room) && fit.size >= 8 && fit.grow > room) {
            // Only when not even the smallest card fits in the room does the box outgrow it.
            expect(freeSpots({ ...area, h: area.h + room }, 8, taken, n).length).toBeLessThan(n);
          }
          expect(fitCards(area, n, taken, room)).toEqual(fit);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps full size while the cards fit, and grows rather than shrink below readable', () => {
    const area = { x: 0, y: 0, w: 1080, h: 1120 };
    expect(fitCards(area, 30, []).size).toBe(IMPORTED_CARD_SIZE);
    expect(fitCards(area, 30, []).grow).toBe(0);
    const many = fitCards(area, 200, [], Number.POSITIVE_INFINITY);
    expect(many.size).toBe(READABLE_CARD);
    expect(many.grow).toBeGreaterThan(0);
    expect(fitCards(area, 200, [], 0).size).toBeLessThan(READABLE_CARD);
  });
});
