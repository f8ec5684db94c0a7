import {
  createElement,
  createElements,
  type Element,
  type ElementOf,
  placeByDrop,
  type Rect,
  readBoard,
  slotsOf,
  templateElements,
} from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftGroupKey, draftSpot } from './privatePlace';

const NOTE = { w: 160, h: 160 };

function leanCanvas() {
  const doc = new Y.Doc();
  createElements(doc, templateElements('lean-canvas'));
  const { elements } = readBoard(doc);
  const frame = elements.find((e) => e.type === 'frame') as ElementOf<'frame'>;
  const grid = elements.find((e) => e.type === 'grid') as ElementOf<'grid'>;
  const cell = (name: string) => {
    const id = grid.cells.find((c) => c.name === name)?.id ?? null;
    const slot = slotsOf(grid).find((s) => s.slot === id);
    if (!slot) throw new Error(name);
    return { parent: grid.id, slot: id, rect: slot.rect };
  };
  return { doc, elements, frame, grid, cell };
}

const inside = (r: Rect, p: { x: number; y: number }, size = NOTE) =>
  p.x >= r.x && p.y >= r.y && p.x + size.w <= r.x + r.w && p.y + size.h <= r.y + r.h;
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('draftGroupKey', () => {
  it('is the group under the note’s centre, as the reveal places it', () => {
    const { elements, frame, grid, cell } = leanCanvas();
    const problem = cell('Problem').rect;
    const centredIn = (r: Rect) => ({ x: r.x + r.w / 2 - 80, y: r.y + r.h / 2 - 80, ...NOTE });
    expect(draftGroupKey(centredIn(problem), elements)).toBe(`${grid.id}|${cell('Problem').slot}`);
    // Above the grid, still in the frame: "In the frame".
    expect(draftGroupKey({ x: frame.x + frame.w - 200, y: frame.y + 10, ...NOTE }, elements)).toBe(
      `${frame.id}|`,
    );
    expect(draftGroupKey({ x: frame.x + frame.w + 500, y: frame.y, ...NOTE }, elements)).toBe('|');
  });
});

describe('draftSpot', () => {
  it('puts the note wholly inside the box, below its name, clear of the cards and other notes there', () => {
    const { doc, grid, cell } = leanCanvas();
    const problem = cell('Problem');
    // A card of the board and another private note already in the box.
    createElement(doc, 'sticky', {
      x: problem.rect.x + 16,
      y: problem.rect.y + 64,
      w: 160,
      h: 160,
      parent: grid.id,
      slot: problem.slot,
    });
    const { elements } = readBoard(doc);
    const first = draftSpot(problem, NOTE, elements, []);
    expect(inside(problem.rect, first)).toBe(true);
    expect(first.y).toBeGreaterThanOrEqual(problem.rect.y + 48);
    const cards = elements.filter((e) => e.type === 'sticky');
    for (const c of cards) expect(overlaps(c, { ...first, ...NOTE })).toBe(false);
    expect(draftGroupKey({ ...first, ...NOTE }, elements)).toBe(`${grid.id}|${problem.slot}`);

    const second = draftSpot(problem, NOTE, elements, [{ ...first, ...NOTE }]);
    expect(overlaps({ ...first, ...NOTE }, { ...second, ...NOTE })).toBe(false);
    for (const c of cards) expect(overlaps(c, { ...second, ...NOTE })).toBe(false);
    expect(draftGroupKey({ ...second, ...NOTE }, elements)).toBe(`${grid.id}|${problem.slot}`);
  });

  it('is where the reveal finds it in that box (placeByDrop on the board)', () => {
    const { doc, elements, cell } = leanCanvas();
    for (const name of ['Problem', 'Solution', 'Key Metrics', 'Revenue Streams']) {
      const target = cell(name);
      const at = draftSpot(target, NOTE, elements, []);
      const id = createElement(doc, 'sticky', { ...at, ...NOTE, text: name });
      placeByDrop(doc, [id]);
      const card = readBoard(doc).byId.get(id) as Element;
      expect({ name, parent: card.parent, slot: card.slot }).toEqual({
        name,
        parent: target.parent,
        slot: target.slot,
      });
    }
  });

  it('"In the frame": a free spot of the frame, not over a box in it', () => {
    const doc = new Y.Doc();
    const f = createElement(doc, 'frame', { x: 0, y: 0, w: 1200, h: 800, title: 'Frame' });
    createElement(doc, 'grid', {
      x: 0,
      y: 40,
      w: 700,
      h: 760,
      parent: f,
      title: 'Box',
      cols: 1,
      rows: 1,
      cells: [{ id: 'only', name: 'Only', col: 0, row: 0 }],
    });
    const { elements, byId } = readBoard(doc);
    const frame = byId.get(f) as ElementOf<'frame'>;
    const at = draftSpot({ parent: f, slot: null, rect: frame }, NOTE, elements, []);
    expect(inside(frame, at)).toBe(true);
    expect(draftGroupKey({ ...at, ...NOTE }, elements)).toBe(`${f}|`);
    for (const box of elements.filter((e) => e.type === 'grid'))
      expect(overlaps(box, { ...at, ...NOTE })).toBe(false);
  });

  it('"In the frame" of a Lean Canvas, whose box fills it: still a spot the reveal puts in the frame', () => {
    const { elements, frame } = leanCanvas();
    const at = draftSpot({ parent: frame.id, slot: null, rect: frame }, NOTE, elements, []);
    expect(draftGroupKey({ ...at, ...NOTE }, elements)).toBe(`${frame.id}|`);
  });

  it('a full box: the next stacked spot, still in that box', () => {
    const doc = new Y.Doc();
    const grid = createElement(doc, 'grid', {
      x: 0,
      y: 0,
      w: 400,
      h: 300,
      title: 'Small',
      cols: 1,
      rows: 1,
      cells: [{ id: 'only', name: 'Only', col: 0, row: 0 }],
    });
    const g = readBoard(doc).byId.get(grid) as ElementOf<'grid'>;
    const slot = slotsOf(g)[0] as { slot: string; rect: Rect };
    for (let i = 0; i < 4; i++)
      createElement(doc, 'sticky', { x: 10 + i * 90, y: 60, w: 160, h: 160, parent: grid, slot: 'only' });
    const { elements } = readBoard(doc);
    const target = { parent: grid, slot: 'only', rect: slot.rect };
    const at = draftSpot(target, NOTE, elements, []);
    expect(draftGroupKey({ ...at, ...NOTE }, elements)).toBe(`${grid}|only`);
  });

  it('"Loose cards": beside the board, in no box', () => {
    const { elements, frame } = leanCanvas();
    const others = [{ x: frame.x + frame.w + 40, y: frame.y, ...NOTE }];
    const at = draftSpot({ parent: null, slot: null, rect: null }, NOTE, elements, others);
    expect(at.x).toBeGreaterThan(frame.x + frame.w + 40 + NOTE.w);
    expect(draftGroupKey({ ...at, ...NOTE }, elements)).toBe('|');
  });
});
