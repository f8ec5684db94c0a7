/**
 * The Worst Solution: brainstorm the opposite of success, then flip each worst idea into a linked
 * "do instead" card.
 */
import type * as Y from 'yjs';
import { createElements, type NewElement } from '../commands.js';
import { authoredBy, type Element, type ElementOf } from '../elements/index.js';
import { cardArea, dropTarget, gridSlots, intersects, type Rect } from '../geometry.js';
import { newId } from '../ids.js';
import { readBoard } from '../layout.js';
import { BODY_H, BODY_TOP, BODY_W, FRAME_PAD, FrameLayout, type Point } from './parts.js';

export const WORST_CELL = {
  id: 'worst',
  name: 'Worst ideas',
  hint: 'The opposite of success: how could we make this fail for sure?',
} as const;
export const INSTEAD_CELL = {
  id: 'instead',
  name: 'Do instead',
  hint: 'Each worst idea, flipped: what will we do instead?',
} as const;
/** The label that marks a connector as "worst idea → its do-instead card". */
export const DO_INSTEAD_LABEL = 'do instead';

export function worstSolutionTemplate(origin: Point): NewElement[] {
  const layout = new FrameLayout(
    'worst-solution',
    origin,
    'What would the worst possible solution be? Brainstorm the opposite of success, then flip each worst idea into what we will do instead.',
  );
  layout.add('grid', FRAME_PAD, BODY_TOP, {
    title: 'Worst ideas → do instead',
    w: BODY_W,
    h: BODY_H,
    cols: 2,
    rows: 1,
    cells: [
      { ...WORST_CELL, col: 0, row: 0 },
      { ...INSTEAD_CELL, col: 1, row: 0 },
    ],
  });
  return layout.items;
}

export interface FlipResult {
  /** The "do instead" card. */
  cardId: string;
  /** The connector from the worst idea to it. */
  connectorId: string;
  /** False when the worst idea had already been flipped: nothing was written. */
  created: boolean;
}

/** A worst-solution grid (one with a "do instead" cell) for the card, if it sits in one's frame. */
function doInsteadGrid(elements: readonly Element[], card: Element): ElementOf<'grid'> | null {
  const isTarget = (e: Element): e is ElementOf<'grid'> =>
    e.type === 'grid' && e.cells.some((c) => c.id === INSTEAD_CELL.id);
  const parent = elements.find((e) => e.id === card.parent);
  if (!parent) return null;
  if (isTarget(parent)) return parent;
  const frameId = parent.type === 'frame' ? parent.id : parent.parent;
  return elements.find((e): e is ElementOf<'grid'> => isTarget(e) && e.parent === frameId) ?? null;
}

/**
 * Whether a card is a worst idea: a sticky or text in the "worst ideas" cell of a worst-solution
 * grid (what the selection bar offers to flip).
 */
export function isWorstIdea(elements: readonly Element[], card: Element): boolean {
  if ((card.type !== 'sticky' && card.type !== 'text') || card.slot !== WORST_CELL.id) return false;
  const grid = elements.find((e) => e.id === card.parent);
  return grid?.type === 'grid' && grid.cells.some((c) => c.id === INSTEAD_CELL.id);
}

const MARGIN = 16;

/**
 * Where a new card of size (w, h) goes inside `area`: at `preferred` (clamped into the area) if
 * that spot is free, else the first free spot scanning the area row by row, else `preferred`.
 */
export function freeSpot(
  area: Rect,
  w: number,
  h: number,
  preferred: Point,
  occupied: readonly Rect[],
): Point {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, Math.max(lo, hi)));
  const fit = (p: Point): Point => ({
    x: clamp(p.x, area.x + MARGIN, area.x + area.w - w - MARGIN),
    y: clamp(p.y, area.y + MARGIN, area.y + area.h - h - MARGIN),
  });
  const free = (p: Point) => !occupied.some((r) => intersects(r, { x: p.x, y: p.y, w, h }));
  const first = fit(preferred);
  if (free(first)) return first;
  for (let y = area.y + MARGIN; y + h <= area.y + area.h - MARGIN; y += h + MARGIN) {
    for (let x = area.x + MARGIN; x + w <= area.x + area.w - MARGIN; x += w + MARGIN) {
      if (free({ x, y })) return { x, y };
    }
  }
  return first;
}

/**
 * Ids derived from the worst idea's id, so that two people flipping the same idea at once (or
 * offline) write the same keys and converge on one card and one arrow instead of two.
 */
function derivedId(base: string, suffix: string): string {
  const id = `${base}_${suffix}`;
  if (id.length <= 64) return id;
  let hash = 0x811c9dc5;
  for (let i = 0; i < base.length; i++) hash = Math.imul(hash ^ base.charCodeAt(i), 0x01000193) >>> 0;
  return `${base.slice(0, 40)}${hash.toString(36)}_${suffix}`;
}

/**
 * Flip a worst idea into a "do instead" card: a new sticky in the worst-solution grid's "do
 * instead" cell — level with the worst idea where there is room, below the cell's name and hint
 * (`cardArea`, as imported cards) and clear of the cards there — plus a connector from the worst
 * idea to it, in one transaction with `origin`. Idempotent per worst idea: when it already has a
 * do-instead card, nothing is written and that card is returned. A card outside any worst-solution
 * frame gets its do-instead card beside it. Returns null when `worstCardId` is not a card. `by`
 * names who flipped it (the new card's author) and when.
 */
export function flipToDoInstead(
  doc: Y.Doc,
  worstCardId: string,
  origin?: unknown,
  text = '',
  by?: { author: string; at: number },
): FlipResult | null {
  let result: FlipResult | null = null;
  doc.transact(() => {
    const { elements, byId } = readBoard(doc);
    const worst = byId.get(worstCardId);
    if (!worst || (worst.type !== 'sticky' && worst.type !== 'text')) return;
    const link = elements.find(
      (e): e is ElementOf<'connector'> =>
        e.type === 'connector' && e.from === worstCardId && e.label === DO_INSTEAD_LABEL && byId.has(e.to),
    );
    if (link) {
      result = { cardId: link.to, connectorId: link.id, created: false };
      return;
    }

    let cardId = derivedId(worstCardId, 'instead');
    const existing = byId.get(cardId);
    // A do-instead card whose arrow was deleted is linked again rather than duplicated.
    const reuse = existing?.type === 'sticky';
    if (existing && !reuse) cardId = newId();
    // An arrow already at this id lost its card (or its label): it is ours to rewrite.
    const connectorId = derivedId(worstCardId, 'insteadlink');

    const items: NewElement[] = [];
    if (!reuse) {
      const w = worst.type === 'sticky' ? worst.w : 180;
      const h = worst.type === 'sticky' ? worst.h : 180;
      const grid = doInsteadGrid(elements, worst);
      const slots = grid ? gridSlots(grid) : [];
      const area = slots.find((s) => s.slot === INSTEAD_CELL.id);
      let at: Point;
      let membership: { parent: string | null; slot: string | null };
      if (grid && area) {
        const from = slots.find((s) => s.slot === WORST_CELL.id)?.rect ?? area.rect;
        const preferred = { x: area.rect.x + (worst.x - from.x), y: worst.y };
        const occupied = elements.filter(
          (e): e is ElementOf<'sticky' | 'text'> =>
            (e.type === 'sticky' || e.type === 'text') && e.parent === grid.id && e.slot === INSTEAD_CELL.id,
        );
        // Below the cell's name and hint, as imported cards are: level with a worst idea near the
        // top of its box, the card would cover the "Do instead" label.
        at = freeSpot(cardArea(area.rect), w, h, preferred, occupied);
        membership = { parent: grid.id, slot: INSTEAD_CELL.id };
      } else {
        at = { x: worst.x + worst.w + 80, y: worst.y };
        membership = dropTarget(elements, at.x + w / 2, at.y + h / 2);
      }
      const card: NewElement<'sticky'> = {
        kind: 'sticky',
        id: cardId,
        input: {
          ...at,
          w,
          h,
          text,
          color: 'green',
          ...membership,
          ...(by ? authoredBy(by.author, by.at) : {}),
        },
      };
      items.push(card);
    }
    const connector: NewElement<'connector'> = {
      kind: 'connector',
      id: connectorId,
      input: { x: 0, y: 0, from: worstCardId, to: cardId, label: DO_INSTEAD_LABEL },
    };
    items.push(connector);
    createElements(doc, items, origin);
    result = { cardId, connectorId, created: true };
  }, origin);
  return result;
}
