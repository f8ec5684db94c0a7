import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, createElements, deleteElements, placeByDrop } from '../commands.js';
import type { Element, ElementOf } from '../elements/index.js';
import { worstSolutionContent } from '../exercises/content.js';
import { cardArea, contains, gridSlots, intersects, LABEL_INSET } from '../geometry.js';
import { readBoard } from '../layout.js';
import {
  DO_INSTEAD_LABEL,
  flipToDoInstead,
  freeSpot,
  isWorstIdea,
  worstSolutionTemplate,
} from './worst-solution.js';

function setup() {
  const doc = new Y.Doc();
  createElements(doc, worstSolutionTemplate({ x: 0, y: 0 }));
  const grid = readBoard(doc).elements.find((e): e is ElementOf<'grid'> => e.type === 'grid');
  if (!grid) throw new Error('no grid');
  const rect = (slot: string) => gridSlots(grid).find((s) => s.slot === slot)?.rect as ElementOf<'grid'>;
  /** A worst idea in its box, clear of the box's label unless `dy` moves it up. */
  const addWorst = (text: string, dy = 0) => {
    const r = rect('worst');
    const id = createElement(doc, 'sticky', { x: r.x + 60, y: r.y + 80 + dy, text, color: 'pink' });
    placeByDrop(doc, [id]);
    return id;
  };
  return { doc, grid, rect, addWorst };
}

const count = (doc: Y.Doc, type: string) => readBoard(doc).elements.filter((e) => e.type === type).length;

describe('flipToDoInstead', () => {
  it('creates one linked do-instead card in the do-instead cell, in one transaction', () => {
    const { doc, grid, rect, addWorst } = setup();
    const worst = addWorst('Require a fax to sign up');
    const stickies = count(doc, 'sticky');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));

    const result = flipToDoInstead(doc, worst, 'alice');
    expect(origins).toEqual(['alice']);
    expect(result?.created).toBe(true);
    const { byId } = readBoard(doc);
    const card = byId.get(result?.cardId as string);
    expect(card).toMatchObject({ type: 'sticky', parent: grid.id, slot: 'instead', text: '' });
    expect(contains(rect('instead'), card?.x as number, card?.y as number)).toBe(true);
    expect(card?.y).toBe(byId.get(worst)?.y); // level with its worst idea
    expect(byId.get(result?.connectorId as string)).toMatchObject({
      type: 'connector',
      from: worst,
      to: result?.cardId,
      label: DO_INSTEAD_LABEL,
    });
    expect(count(doc, 'sticky')).toBe(stickies + 1);
    expect(count(doc, 'connector')).toBe(1);
    expect(readBoard(doc).problems).toEqual([]);
  });

  it('writes who flipped it as the new card’s author, and knows a worst idea from other cards', () => {
    const { doc, addWorst } = setup();
    const worst = addWorst('Launch on a Friday night');
    const result = flipToDoInstead(doc, worst, 'alice', '', { author: 'Alice Ames', at: 1_700_000_000_000 });
    const { elements, byId } = readBoard(doc);
    const card = byId.get(result?.cardId as string);
    expect(card).toMatchObject({
      author: 'Alice Ames',
      createdBy: 'Alice Ames',
      createdAt: 1_700_000_000_000,
    });
    expect(isWorstIdea(elements, byId.get(worst) as Element)).toBe(true);
    // The do-instead card sits in the same grid, but not in the worst ideas' cell.
    expect(isWorstIdea(elements, card as Element)).toBe(false);
  });

  it('is idempotent per worst idea', () => {
    const { doc, addWorst } = setup();
    const worst = addWorst('Hide the pricing');
    const first = flipToDoInstead(doc, worst);
    const before = Y.encodeStateVector(doc);
    const second = flipToDoInstead(doc, worst);
    expect(second).toEqual({ cardId: first?.cardId, connectorId: first?.connectorId, created: false });
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(count(doc, 'connector')).toBe(1);
  });

  it('converges on one card when two people flip the same idea at once', () => {
    const { doc, addWorst } = setup();
    const worst = addWorst('Email everyone hourly');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    flipToDoInstead(doc, worst, 'alice');
    flipToDoInstead(other, worst, 'bob');
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    for (const d of [doc, other]) {
      expect(count(d, 'connector')).toBe(1);
      expect(worstSolutionContent(d)?.worst[0]?.doInstead).toHaveLength(1);
    }
  });

  it('links the existing card again when only the arrow was deleted', () => {
    const { doc, addWorst } = setup();
    const worst = addWorst('Ship without tests');
    const first = flipToDoInstead(doc, worst);
    deleteElements(doc, [first?.connectorId as string]);
    const again = flipToDoInstead(doc, worst);
    expect(again?.cardId).toBe(first?.cardId);
    expect(count(doc, 'connector')).toBe(1);
    expect(count(doc, 'sticky')).toBe(2);
  });

  it('keeps flipped cards from piling on each other', () => {
    const { doc, addWorst } = setup();
    const a = flipToDoInstead(doc, addWorst('One'));
    const b = flipToDoInstead(doc, addWorst('Two', 20)); // nearly the same height as One
    const { byId } = readBoard(doc);
    const ca = byId.get(a?.cardId as string) as ElementOf<'sticky'>;
    const cb = byId.get(b?.cardId as string) as ElementOf<'sticky'>;
    expect(Math.abs(ca.x - cb.x) >= ca.w || Math.abs(ca.y - cb.y) >= ca.h).toBe(true);
  });

  it('reports the pairs for the export', () => {
    const { doc, addWorst } = setup();
    const worst = addWorst('Make it slow');
    const { cardId } = flipToDoInstead(doc, worst, undefined, 'Make it fast') ?? {};
    const content = worstSolutionContent(doc);
    expect(content?.worst.map((w) => [w.text, w.doInstead.map((d) => d.text)])).toEqual([
      ['Make it slow', ['Make it fast']],
    ]);
    expect(content?.doInstead.map((d) => d.id)).toEqual([cardId]);
  });

  it('keeps the card clear of the do-instead box’s name and hint, and of the cards already there', () => {
    const { doc, rect, addWorst } = setup();
    const box = rect('instead');
    const label = { x: box.x, y: box.y, w: box.w, h: LABEL_INSET };
    // Worst ideas at the very top of their box (over their own label), one under the other.
    const ids = [addWorst('Top', -76), addWorst('Next', -60), addWorst('Third', -40)];
    const cards = ids.map((id) => flipToDoInstead(doc, id)?.cardId as string);
    const { byId } = readBoard(doc);
    const placed = cards.map((id) => byId.get(id) as ElementOf<'sticky'>);
    for (const card of placed) {
      expect(intersects(card, label), `${card.y} below the label`).toBe(false);
      // Where imported cards start: below the label, with the same margin.
      expect(card.y).toBeGreaterThanOrEqual(cardArea(box).y + 16);
      expect(contains(box, card.x, card.y + card.h)).toBe(true);
    }
    // The first as level with its idea as the label allows; the others beside it, not on it.
    expect(placed[0]?.y).toBe(cardArea(box).y + 16);
    for (const [i, a] of placed.entries())
      for (const b of placed.slice(i + 1)) expect(intersects(a, b), 'cards overlap').toBe(false);
  });

  it('puts the card beside a worst idea outside any worst-solution frame', () => {
    const doc = new Y.Doc();
    const id = createElement(doc, 'sticky', { x: 0, y: 0, text: 'loose' });
    const result = flipToDoInstead(doc, id);
    expect(readBoard(doc).byId.get(result?.cardId as string)).toMatchObject({ x: 260, y: 0, parent: null });
  });

  it('returns null for an unknown id or a non-card', () => {
    const { doc, grid } = setup();
    expect(flipToDoInstead(doc, 'nope')).toBeNull();
    expect(flipToDoInstead(doc, grid.id)).toBeNull();
    expect(count(doc, 'connector')).toBe(0);
  });
});

describe('freeSpot', () => {
  const area = { x: 0, y: 0, w: 1000, h: 600 };
  it('keeps the preferred spot when free, clamped into the area', () => {
    expect(freeSpot(area, 100, 100, { x: 950, y: -50 }, [])).toEqual({ x: 884, y: 16 });
  });
  it('scans for the first free spot when the preferred one is taken', () => {
    expect(freeSpot(area, 100, 100, { x: 16, y: 16 }, [{ x: 0, y: 0, w: 120, h: 120 }])).toEqual({
      x: 132,
      y: 16,
    });
  });
});
