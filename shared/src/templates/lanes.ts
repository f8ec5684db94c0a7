/**
 * Naming the parts of a swimlanes: the Story Spine's journey steps and the Road Map's lanes are a
 * starting point, and a team renames them to fit their product ("Book", "Check in", "Q3"…).
 */
import * as Y from 'yjs';
import { dragTo, placeByDrop, updateElement } from '../commands.js';
import { MAX_LABEL } from '../elements/common.js';
import type { Element, ElementOf } from '../elements/index.js';
import { center, contains, HEADER, laneSlots, type Rect } from '../geometry.js';
import { newId } from '../ids.js';
import { elementYMap, readBoard, readElement } from '../layout.js';
import { partIndex, partListOf, partMap, wellFormed } from '../stored.js';

export type LaneKind = 'lanes' | 'steps';

/** Longest name a lane or step may have (it is drawn in one line of a column or band). */
export const MAX_LANE_NAME = 80;

/** A lane's or step's name as stored: trimmed, cut to MAX_LANE_NAME (and the schema's label cap). */
function laneName(name: string): string {
  return name.trim().slice(0, Math.min(MAX_LANE_NAME, MAX_LABEL));
}

/**
 * Which parts of a swimlanes a person adds to: steps where it has steps (a Story Spine's journey),
 * lanes otherwise (a Road Map's Now / Next / Later).
 */
export function addableKind(el: ElementOf<'swimlanes'>): LaneKind {
  return el.steps.length > 0 ? 'steps' : 'lanes';
}

/**
 * Renames one lane or step of the swimlanes `id` (its id, and so every card's membership, stays).
 * The name is trimmed and cut to MAX_LANE_NAME; false when it is blank, unchanged, or there is no
 * such swimlanes, lane or step.
 */
export function renameLane(
  doc: Y.Doc,
  id: string,
  kind: LaneKind,
  laneId: string,
  name: string,
  origin?: unknown,
): boolean {
  const read = readElement(doc, id);
  const el = read && read.status !== 'skipped' ? read.element : undefined;
  if (el?.type !== 'swimlanes') return false;
  const value = laneName(name);
  const list = el[kind];
  const index = list.findIndex((l) => l.id === laneId);
  if (!value || index < 0 || list[index]?.name === value) return false;
  // In place where the list is stored part by part: someone renaming (or adding) another part at
  // the same time, or offline, keeps their change (stored.ts).
  const stored = storedParts(doc, id, kind);
  const at = stored ? partIndex(stored, laneId) : -1;
  const part = stored && at >= 0 ? stored.get(at) : undefined;
  if (part instanceof Y.Map) {
    doc.transact(() => part.set('name', wellFormed(value)), origin);
    return true;
  }
  const next = list.map((l, i) => (i === index ? { ...l, name: value } : l));
  return updateElement<'swimlanes'>(doc, id, { [kind]: next } as never, origin);
}

/** The swimlanes' stored list of `kind`, when it is kept part by part (schema version 2). */
function storedParts(doc: Y.Doc, id: string, kind: LaneKind): Y.Array<unknown> | undefined {
  const ymap = elementYMap(doc, id);
  return ymap ? partListOf(ymap, kind) : undefined;
}

/**
 * Narrowest a step or lane may become when one is added: a card (180 wide) still fits in it with a
 * little room. Past that the container has to be made bigger first.
 */
export const MIN_LANE_SIZE = 200;

/** Along which axis the parts of `kind` follow each other, where they start, and how far they go. */
function partsAxis(el: ElementOf<'swimlanes'>, kind: LaneKind) {
  const horizontal = el.orientation === 'horizontal';
  // Steps go across a horizontal swimlanes (columns), lanes down it (rows); vertical, the reverse.
  const alongX = (kind === 'steps') === horizontal;
  return alongX
    ? { axis: 'x' as const, start: el.x, total: el.w }
    : { axis: 'y' as const, start: el.y + HEADER, total: Math.max(0, el.h - HEADER) };
}

export type LanePartResult =
  | { ok: true; laneId: string }
  | { ok: false; reason: 'not-found' | 'too-many' | 'no-room' | 'not-empty' };

/**
 * The container stays the size it is and its parts are shared out again: each card (a theme with
 * its cards) keeps its part and its place in it — the same fraction of the way across — so the
 * cards of a step stay in that step. `from(i)` is part i's index after the change; a card is kept
 * inside its new part when it fits there.
 */
function relayParts(
  doc: Y.Doc,
  elements: readonly Element[],
  el: ElementOf<'swimlanes'>,
  kind: LaneKind,
  before: number,
  after: number,
  from: (i: number) => number,
  origin?: unknown,
) {
  const { axis, start, total } = partsAxis(el, kind);
  const oldSize = total / Math.max(1, before);
  const newSize = total / Math.max(1, after);
  const moves: { id: string; x: number; y: number }[] = [];
  for (const card of elements) {
    if (card.parent !== el.id || card.type === 'connector') continue;
    const pos = axis === 'x' ? card.x : card.y;
    const size = axis === 'x' ? card.w : card.h;
    const mid = pos + size / 2 - start;
    const i = Math.min(before - 1, Math.max(0, Math.floor(mid / oldSize)));
    const j = from(i);
    const lo = start + j * newSize;
    let next = lo + ((mid - i * oldSize) / oldSize) * newSize - size / 2;
    if (size <= newSize) next = Math.min(lo + newSize - size, Math.max(lo, next));
    else next = lo + (newSize - size) / 2;
    next = Math.round(next);
    if (next !== pos)
      moves.push({ id: card.id, x: axis === 'x' ? next : card.x, y: axis === 'y' ? next : card.y });
  }
  // One read of the board for all of them (a theme's cards go along with it).
  if (moves.length > 0) dragTo(doc, moves, origin);
}

/**
 * Adds a step or lane after `afterId` (at the end when null) of the swimlanes `id`, named `name`:
 * a Story Spine's journey has another step, a Road Map another lane. The container keeps its size:
 * the parts become narrower, the cards keep their parts (one transaction, one undo step). Refused
 * when the parts would get narrower than MIN_LANE_SIZE, or past the schema's 256.
 */
export function addLanePart(
  doc: Y.Doc,
  id: string,
  kind: LaneKind,
  afterId: string | null,
  name: string,
  origin?: unknown,
): LanePartResult {
  const board = readBoard(doc);
  const el = board.byId.get(id);
  if (el?.type !== 'swimlanes') return { ok: false, reason: 'not-found' };
  const list = el[kind];
  const at = afterId === null ? list.length : list.findIndex((l) => l.id === afterId) + 1;
  if (at === 0) return { ok: false, reason: 'not-found' };
  if (list.length >= 256) return { ok: false, reason: 'too-many' };
  if (partsAxis(el, kind).total / (list.length + 1) < MIN_LANE_SIZE) return { ok: false, reason: 'no-room' };
  const label = laneName(name) || (kind === 'steps' ? 'Step' : 'Lane');
  const fresh = () => `${kind === 'steps' ? 'step' : 'lane'}-${newId(8)}`;
  let laneId = fresh();
  while (list.some((l) => l.id === laneId)) laneId = fresh();
  const next = [...list.slice(0, at), { id: laneId, name: label }, ...list.slice(at)];
  doc.transact(() => {
    // A swimlanes without parts of this kind yet has one whole part its cards are in (laneSlots).
    if (list.length > 0)
      relayParts(
        doc,
        board.elements,
        el,
        kind,
        list.length,
        next.length,
        (i) => (i < at ? i : i + 1),
        origin,
      );
    const stored = storedParts(doc, id, kind);
    if (stored) {
      // After the part it follows as stored now (the end when that is gone or afterId is null).
      const after = afterId === null ? -1 : partIndex(stored, afterId);
      stored.insert(after < 0 ? stored.length : after + 1, [partMap({ id: laneId, name: label })]);
    } else updateElement<'swimlanes'>(doc, id, { [kind]: next } as never, origin);
  }, origin);
  return { ok: true, laneId };
}

/** How many cards (and themes) sit in one step or lane of a swimlanes. */
export function cardsInLanePart(
  elements: readonly { parent: string | null; slot: string | null; type: string }[],
  el: ElementOf<'swimlanes'>,
  kind: LaneKind,
  laneId: string,
): number {
  return elements.filter((e) => {
    if (e.parent !== el.id || e.type === 'connector' || !e.slot) return false;
    const [lane, step] = e.slot.split(':');
    return kind === 'lanes' ? lane === laneId : step === laneId;
  }).length;
}

/**
 * Removes an empty step or lane: the others widen to fill the container, their cards keeping their
 * places in them. Refused while cards are in it (they would have to go somewhere the team did not
 * choose), and for the last one.
 */
export function removeLanePart(
  doc: Y.Doc,
  id: string,
  kind: LaneKind,
  laneId: string,
  origin?: unknown,
): LanePartResult {
  const board = readBoard(doc);
  const el = board.byId.get(id);
  if (el?.type !== 'swimlanes') return { ok: false, reason: 'not-found' };
  const list = el[kind];
  const at = list.findIndex((l) => l.id === laneId);
  if (at < 0 || list.length <= 1) return { ok: false, reason: 'not-found' };
  if (cardsInLanePart(board.elements, el, kind, laneId) > 0) return { ok: false, reason: 'not-empty' };
  const next = list.filter((l) => l.id !== laneId);
  doc.transact(() => {
    relayParts(doc, board.elements, el, kind, list.length, next.length, (i) => (i < at ? i : i - 1), origin);
    const stored = storedParts(doc, id, kind);
    const index = stored ? partIndex(stored, laneId) : -1;
    if (stored && index >= 0) stored.delete(index, 1);
    else updateElement<'swimlanes'>(doc, id, { [kind]: next } as never, origin);
  }, origin);
  return { ok: true, laneId };
}

/**
 * Puts back into its own part each card of the swimlanes `id` that sits outside it, and gives a
 * part again to a card whose part is gone. Adding or removing a part re-lays the cards in the same
 * transaction, for the parts that person sees: two people adding a lane at the same moment each
 * lay the cards out for one lane fewer than the board ends up with, and a card can then sit across
 * its border (its `slot` stays right: the outline and the record say where it belongs). A card
 * dropped into a part someone removed at the same moment keeps that part's id. Each page that may
 * edit runs this after the parts change (client/src/sync/settleLanes.ts): it writes nothing when
 * every card is where it belongs, which is always the case but for such a meeting. A card is kept
 * inside its part when it fits, centred in it when it does not; locked ones stay. Returns how many
 * cards it moved or re-placed; one transaction.
 */
export function settleLaneCards(doc: Y.Doc, id: string, origin?: unknown): number {
  const board = readBoard(doc);
  const el = board.byId.get(id);
  if (el?.type !== 'swimlanes') return 0;
  const moves: { id: string; x: number; y: number }[] = [];
  const lost: string[] = [];
  for (const { card, rect } of misplacedLaneCards(board.elements, el)) {
    if (card.locked) continue;
    if (!rect) {
      lost.push(card.id);
      continue;
    }
    const inside = (pos: number, size: number, lo: number, span: number) =>
      Math.round(size <= span ? Math.min(lo + span - size, Math.max(lo, pos)) : lo + (span - size) / 2);
    moves.push({
      id: card.id,
      x: inside(card.x, card.w, rect.x, rect.w),
      y: inside(card.y, card.h, rect.y, rect.h),
    });
  }
  if (moves.length === 0 && lost.length === 0) return 0;
  doc.transact(() => {
    if (moves.length > 0) dragTo(doc, moves, origin);
    if (lost.length > 0) placeByDrop(doc, lost, origin);
  }, origin);
  return moves.length + lost.length;
}

/**
 * The cards of the swimlanes `el` (locked ones too) whose centre is outside the part their slot
 * names, each with that part's rectangle — undefined when the part is gone.
 */
export function misplacedLaneCards(
  elements: readonly Element[],
  el: ElementOf<'swimlanes'>,
): { card: Exclude<Element, { type: 'connector' }>; rect: Rect | undefined }[] {
  const rects = new Map(laneSlots(el).map((s) => [s.slot, s.rect]));
  const out: { card: Exclude<Element, { type: 'connector' }>; rect: Rect | undefined }[] = [];
  for (const card of elements) {
    if (card.parent !== el.id || card.type === 'connector') continue;
    const rect = card.slot === null ? undefined : rects.get(card.slot);
    const c = center(card);
    if (!rect || !contains(rect, c.x, c.y)) out.push({ card, rect });
  }
  return out;
}
