/** Introductions: each person adds one card about themselves (name, role, experience, perspective). */
import type * as Y from 'yjs';
import { createElement, type NewElement, updateElement } from '../commands.js';
import { authoredBy, type Element, type ElementOf } from '../elements/index.js';
import { gridSlots, intersects, type Rect } from '../geometry.js';
import { readBoard } from '../layout.js';
import { BODY_H, BODY_TOP, BODY_W, FRAME_PAD, FrameLayout, type Point } from './parts.js';
import { freeSpot } from './worst-solution.js';

/** The single area people put their card in (a one-cell grid). */
export const INTRODUCTIONS_CELL = {
  id: 'people',
  name: 'One card per person',
  hint: 'Name · Role · Experience · The perspective you bring',
} as const;

export function introductionsTemplate(origin: Point): NewElement[] {
  const layout = new FrameLayout(
    'introductions',
    origin,
    'Each person shares their role, experience and perspective. Add one card about yourself.',
  );
  layout.add('grid', FRAME_PAD, BODY_TOP, {
    title: 'Our team',
    w: BODY_W,
    h: BODY_H,
    cols: 1,
    rows: 1,
    cells: [{ ...INTRODUCTIONS_CELL, col: 0, row: 0 }],
  });
  return layout.items;
}

/** The introductions grid and its cell's rectangle, if the board has them. */
function introductionsCell(elements: readonly Element[]) {
  const grid = elements.find(
    (e): e is ElementOf<'grid'> => e.type === 'grid' && e.cells.some((c) => c.id === INTRODUCTIONS_CELL.id),
  );
  const rect = grid && gridSlots(grid).find((s) => s.slot === INTRODUCTIONS_CELL.id)?.rect;
  return grid && rect ? { grid, rect } : null;
}

const inCell =
  (grid: ElementOf<'grid'>) =>
  (e: Element): e is ElementOf<'sticky'> =>
    e.type === 'sticky' && e.parent === grid.id && e.slot === INTRODUCTIONS_CELL.id;

/** `author`'s card in the introductions box (one card per person), if they have written one. */
export function introductionCardOf(
  elements: readonly Element[],
  author: string,
): ElementOf<'sticky'> | undefined {
  const cell = author ? introductionsCell(elements) : null;
  return cell ? elements.filter(inCell(cell.grid)).find((e) => e.author === author) : undefined;
}

/** Room kept at the top of the cell for its name and hint. */
const LABEL_ROOM = 56;
const CARD = 180;

/**
 * "Add my card": the card `author` introduces themselves on, in the introductions cell — theirs
 * if they have one there already (one card per person), else a new one at the first free spot,
 * starting with their name, in one transaction with `origin`. Null when the board has no
 * introductions cell.
 */
export function addIntroductionCard(
  doc: Y.Doc,
  author: string,
  origin?: unknown,
  at = Date.now(),
): { cardId: string; created: boolean } | null {
  const { elements } = readBoard(doc);
  const cell = introductionsCell(elements);
  if (!cell) return null;
  const { grid, rect } = cell;
  const mine = introductionCardOf(elements, author);
  if (mine) return { cardId: mine.id, created: false };
  const area = { x: rect.x, y: rect.y + LABEL_ROOM, w: rect.w, h: rect.h - LABEL_ROOM };
  const spot = freeSpot(area, CARD, CARD, { x: area.x, y: area.y }, elements.filter(inCell(grid)));
  const cardId = createElement(
    doc,
    'sticky',
    {
      ...spot,
      w: CARD,
      h: CARD,
      text: author ? `${author}\n` : '',
      ...authoredBy(author, at),
      parent: grid.id,
      slot: INTRODUCTIONS_CELL.id,
    },
    { origin },
  );
  return { cardId, created: true };
}

/** Who came first of two cards: the earlier `createdAt`, then the smaller id. */
function earlier(a: ElementOf<'sticky'>, b: ElementOf<'sticky'>): boolean {
  return a.createdAt !== b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
}

/**
 * People who press "Add my card" at the same moment each put their card on the first free spot
 * they know of — the same spot, so the cards arrive stacked and only the top one can be read.
 * Once the others' cards have arrived, this moves card `cardId` off a stack it is part of: the
 * earliest card of the stack (`createdAt`, then id) stays, and the one ranked k-th after it takes
 * the k-th free spot. Everyone who sees the same stack ranks it the same way, so a kick-off of 50
 * who pressed together spreads out in one exchange instead of one card per round; cards that
 * still meet (people who had seen different cards) settle again. Each person settles only their
 * own card, so two never move the same one. Only an exact match counts: a card someone placed
 * half over another is left where they put it. A full box keeps the rest stacked. True when it
 * moved the card.
 */
export function settleIntroductionCard(doc: Y.Doc, cardId: string, origin?: unknown): boolean {
  const { elements } = readBoard(doc);
  const cell = introductionsCell(elements);
  if (!cell) return false;
  const cards = elements.filter(inCell(cell.grid));
  const card = cards.find((e) => e.id === cardId);
  if (!card) return false;
  const stack = cards.filter((e) => e.x === card.x && e.y === card.y);
  const rank = stack.filter((o) => o.id !== cardId && earlier(o, card)).length;
  if (rank === 0) return false;
  // The earliest card of the stack stays; the others leave it, the k-th for the k-th free spot.
  const stays = stack.reduce((a, b) => (earlier(a, b) ? a : b));
  const occupied: Rect[] = cards.filter((e) => e.x !== card.x || e.y !== card.y);
  occupied.push(stays);
  const { rect } = cell;
  const area = { x: rect.x, y: rect.y + LABEL_ROOM, w: rect.w, h: rect.h - LABEL_ROOM };
  let spot: Point = card;
  for (let k = 0; k < rank; k++) {
    spot = freeSpot(area, card.w, card.h, { x: area.x, y: area.y }, occupied);
    const taken = { ...spot, w: card.w, h: card.h };
    // The box is full: no free spot is left for this card.
    if (occupied.some((r) => intersects(r, taken))) return false;
    occupied.push(taken);
  }
  if (spot.x === card.x && spot.y === card.y) return false;
  return updateElement(doc, cardId, { x: spot.x, y: spot.y }, origin);
}
