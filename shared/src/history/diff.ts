/**
 * Comparing two states of a board (two snapshots, or a snapshot and the present): which cards
 * were added, removed, edited, or moved to another box, lane or theme. Pure; positions alone do
 * not count as a move — only membership does, since that is what the workshop's record reads.
 */
import type { Element } from '../elements/index.js';
import { type Card, isCard, readingOrder } from '../exercises/board.js';
import { slotsOf } from '../geometry.js';

/** Where a card is: its container slot, with a readable name (`Frame › Box`). */
export interface CardPlace {
  parent: string | null;
  slot: string | null;
  label: string;
}

export interface CardRef {
  id: string;
  kind: Card['type'];
  text: string;
  place: CardPlace;
}

export interface CardEdit extends CardRef {
  before: string;
}

export interface CardMove extends CardRef {
  from: CardPlace;
}

export interface BoardDiff {
  added: CardRef[];
  removed: CardRef[];
  /** Text changed; `text` is the new text, `before` the old. */
  edited: CardEdit[];
  /** Parent or slot changed; `place` is the new place, `from` the old. */
  moved: CardMove[];
  /** Cards present in both with the same text and place. */
  unchanged: number;
}

export const LOOSE_LABEL = 'Not in a frame';

function containerName(el: Element): string {
  switch (el.type) {
    case 'frame':
    case 'grid':
    case 'swimlanes':
      return el.title;
    case 'theme':
      return el.name;
    default:
      return '';
  }
}

/** The readable name of a card's place, looked up in the board it belongs to. */
export function placeOf(card: Element, byId: ReadonlyMap<string, Element>): CardPlace {
  const parent = card.parent === null ? undefined : byId.get(card.parent);
  if (!parent) return { parent: null, slot: null, label: LOOSE_LABEL };
  const slotName =
    slotsOf(parent)
      .find((s) => s.slot === card.slot)
      ?.name.trim() ?? '';
  const inner = slotName || containerName(parent).trim() || parent.type;
  // Name the frame too (when it is not the container itself): "Lean Canvas › Problem".
  let frame: Element | undefined = parent;
  for (let depth = 0; frame && frame.type !== 'frame' && depth < 64; depth++) {
    frame = frame.parent === null ? undefined : byId.get(frame.parent);
  }
  const outer = frame && frame.id !== parent.id ? containerName(frame).trim() : '';
  return { parent: parent.id, slot: card.slot, label: outer ? `${outer} › ${inner}` : inner };
}

function cardsById(elements: readonly Element[]): Map<string, Card> {
  return new Map(elements.filter(isCard).map((c) => [c.id, c]));
}

export function diffBoards(before: readonly Element[], after: readonly Element[]): BoardDiff {
  const beforeById = new Map(before.map((e) => [e.id, e]));
  const afterById = new Map(after.map((e) => [e.id, e]));
  const old = cardsById(before);
  const now = cardsById(after);
  const ref = (c: Card, byId: ReadonlyMap<string, Element>): CardRef => ({
    id: c.id,
    kind: c.type,
    text: c.text,
    place: placeOf(c, byId),
  });
  const diff: BoardDiff = { added: [], removed: [], edited: [], moved: [], unchanged: 0 };
  const inOrder = (m: Map<string, Card>) => [...m.values()].sort(readingOrder);
  for (const c of inOrder(now)) {
    const was = old.get(c.id);
    if (!was) {
      diff.added.push(ref(c, afterById));
      continue;
    }
    const edited = was.text !== c.text;
    const moved = was.parent !== c.parent || was.slot !== c.slot;
    if (edited) diff.edited.push({ ...ref(c, afterById), before: was.text });
    if (moved) diff.moved.push({ ...ref(c, afterById), from: placeOf(was, beforeById) });
    if (!edited && !moved) diff.unchanged++;
  }
  for (const c of inOrder(old)) if (!now.has(c.id)) diff.removed.push(ref(c, beforeById));
  return diff;
}

/** Nothing a reader would notice changed between the two states. */
export function isEmptyDiff(d: BoardDiff): boolean {
  return d.added.length + d.removed.length + d.edited.length + d.moved.length === 0;
}
