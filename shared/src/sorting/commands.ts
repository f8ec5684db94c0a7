/**
 * Live card sorting as named commands: make a theme from a selection, rename, merge and split
 * themes, add cards to a theme, and park cards. Each runs exactly one Yjs transaction with the
 * caller's origin, so one undo reverts the whole action.
 *
 * Locked cards and themes are left alone (participants may not move them; the server would drop
 * the change), and a command with nothing to do writes nothing.
 */
import type * as Y from 'yjs';
import { createElements, updateElement } from '../commands.js';
import type { Color, Element, ElementOf } from '../elements/index.js';
import { type Card, isCard, readingOrder } from '../exercises/board.js';
import { intersects, type Rect } from '../geometry.js';
import { newId } from '../ids.js';
import { type BoardState, elementsMap, elementYMap, readBoard } from '../layout.js';
import { PARKING_LOT_NAME, STARTER_THEMES } from '../templates/card-sorting.js';
import { BODY_TOP, FRAME_PAD, type Point } from '../templates/parts.js';
import {
  type BoxSize,
  cellFor,
  freeThemeSpot,
  layoutMembers,
  obstaclesFor,
  THEME_GAP,
  themeSizeFor,
} from './layout.js';

type Theme = ElementOf<'theme'>;
type Frame = ElementOf<'frame'>;

const THEME_COLORS: readonly Color[] = ['blue', 'green', 'purple', 'orange', 'pink', 'yellow'];

function isTheme(el: Element | undefined): el is Theme {
  return el?.type === 'theme';
}

/** The movable cards among `ids`, in reading order, each once. */
function movableCards(byId: ReadonlyMap<string, Element>, ids: Iterable<string>): Card[] {
  const out = new Map<string, Card>();
  for (const id of ids) {
    const el = byId.get(id);
    if (el && isCard(el) && !el.locked) out.set(id, el);
  }
  return [...out.values()].sort(readingOrder);
}

/** The theme's cards in reading order, without those about to leave it. */
function cardsOf(elements: readonly Element[], themeId: string, leaving: ReadonlySet<string>): Card[] {
  return elements
    .filter((e): e is Card => e.parent === themeId && isCard(e) && !leaving.has(e.id))
    .sort(readingOrder);
}

/** The exercise frame an element sits in, following parents up. */
function frameOf(byId: ReadonlyMap<string, Element>, el: Element | undefined): Frame | undefined {
  const seen = new Set<string>();
  let at = el;
  while (at && !seen.has(at.id)) {
    if (at.type === 'frame') return at;
    seen.add(at.id);
    at = at.parent === null ? undefined : byId.get(at.parent);
  }
  return undefined;
}

/** Grows a frame right and down so that it holds `r` with its usual margin. */
function growFrame(doc: Y.Doc, frame: Frame, r: Rect, origin: unknown): void {
  const { w, h } = grownFrame(frame, r);
  if (!frame.locked && (w !== frame.w || h !== frame.h)) updateElement(doc, frame.id, { w, h }, origin);
}

/** Writes cards into a theme, laid out tidily, and grows the theme to hold them. */
function placeInTheme(doc: Y.Doc, theme: Theme, cards: readonly Card[], origin: unknown): void {
  const layout = layoutMembers(theme, cards.length, cellFor(cards));
  cards.forEach((card, i) => {
    const ymap = elementYMap(doc, card.id);
    const at = layout.positions[i] as Point;
    if (!ymap) return;
    if (card.parent !== theme.id) ymap.set('parent', theme.id);
    if (card.slot !== null) ymap.set('slot', null);
    if (card.x !== at.x) ymap.set('x', at.x);
    if (card.y !== at.y) ymap.set('y', at.y);
  });
  if (!theme.locked && (layout.w !== theme.w || layout.h !== theme.h)) {
    updateElement(doc, theme.id, { w: layout.w, h: layout.h }, origin);
  }
}

interface NewThemeSpec {
  /** The exercise frame it belongs to: it is placed (and kept) inside, the frame growing. */
  frame: Frame | undefined;
  name: string;
  want: Point;
  size: BoxSize;
  color: Color;
  parking?: boolean;
  /** Elements the new theme may cover (the cards it will hold). */
  ignore: ReadonlySet<string>;
}

/** The frame grown to hold `r` with its usual margin (growFrame). */
function grownFrame(frame: Frame, r: Rect): Rect {
  return {
    x: frame.x,
    y: frame.y,
    w: Math.max(frame.w, r.x + r.w + FRAME_PAD - frame.x),
    h: Math.max(frame.h, r.y + r.h + FRAME_PAD - frame.y),
  };
}

/**
 * A starter theme of the exercise nobody has used yet — still its template name, no cards: a
 * new theme fills it before the frame grows (the template's themes are where themes go).
 */
function unusedStarterTheme(elements: readonly Element[], frame: Frame | undefined): Theme | undefined {
  if (!frame) return undefined;
  const used = new Set(elements.map((e) => e.parent));
  return elements
    .filter(
      (e): e is Theme =>
        isTheme(e) &&
        e.parent === frame.id &&
        !e.parking &&
        !e.locked &&
        STARTER_NAMES.has(e.name) &&
        !used.has(e.id),
    )
    .sort(readingOrder)[0];
}

const STARTER_NAMES = new Set(STARTER_THEMES.map((t) => t.name));

/**
 * Creates a theme at the free spot nearest `want`, inside its frame (which grows to hold it) —
 * or names an unused starter theme of that frame instead. Where growing right would run the
 * frame into another exercise's, the theme goes below the frame's content and it grows down.
 */
function addTheme(doc: Y.Doc, elements: readonly Element[], spec: NewThemeSpec, origin: unknown): Theme {
  const { frame } = spec;
  const starter = spec.parking ? undefined : unusedStarterTheme(elements, frame);
  if (starter) {
    const name = spec.name.trim() || starter.name;
    if (name !== starter.name) updateElement(doc, starter.id, { name }, origin);
    return { ...starter, name };
  }
  const min = frame ? { x: frame.x + FRAME_PAD, y: frame.y + BODY_TOP } : undefined;
  const obstacles = obstaclesFor(elements, spec.ignore);
  let at = freeThemeSpot(spec.want, spec.size, obstacles, min);
  if (frame && intoOtherFrame(elements, frame, { ...at, ...spec.size })) {
    const inside = elements.filter(
      (e): e is Exclude<Element, { type: 'connector' }> =>
        e.parent === frame.id && e.type !== 'connector' && !spec.ignore.has(e.id),
    );
    const bottom = Math.max(frame.y + BODY_TOP, ...inside.map((e) => e.y + e.h));
    const left = Math.min(...inside.filter(isTheme).map((t) => t.x), spec.want.x);
    const below = freeThemeSpot({ x: left, y: bottom + THEME_GAP }, spec.size, obstacles, min);
    if (!intoOtherFrame(elements, frame, { ...below, ...spec.size })) at = below;
  }
  const input = {
    x: Math.round(at.x),
    y: Math.round(at.y),
    w: spec.size.w,
    h: spec.size.h,
    name: spec.name.trim() || 'New theme',
    color: spec.color,
    parking: spec.parking ?? false,
    parent: frame?.id ?? null,
  };
  const id = newId();
  createElements(doc, [{ kind: 'theme', id, input }], origin);
  if (frame) growFrame(doc, frame, input, origin);
  return { ...input, id, type: 'theme', z: '', slot: null, locked: false, createdBy: '', createdAt: 0 };
}

/** Growing `frame` to hold `r` would make it cover another frame. */
function intoOtherFrame(elements: readonly Element[], frame: Frame, r: Rect): boolean {
  const grown = grownFrame(frame, r);
  return elements.some((e) => e.type === 'frame' && e.id !== frame.id && intersects(grown, e));
}

/** Beside the rightmost theme of the frame, or else at `fallback`. */
function besideThemes(elements: readonly Element[], frame: Frame | undefined, fallback: Point): Point {
  const themes = frame
    ? elements.filter((e): e is Theme => isTheme(e) && !e.parking && e.parent === frame.id)
    : [];
  if (themes.length === 0) return fallback;
  const last = themes.reduce((a, b) => (b.x + b.w > a.x + a.w ? b : a));
  return { x: last.x + last.w + THEME_GAP, y: last.y };
}

/** A colour no theme on the board has yet, if there is one. */
function nextColor(elements: readonly Element[]): Color {
  const used = new Set(elements.filter(isTheme).map((t) => t.color));
  return THEME_COLORS.find((c) => !used.has(c)) ?? 'blue';
}

/**
 * Makes a theme named `name` for the given cards, placed near them where it covers nothing, and
 * moves the cards into it. Returns the theme id, or null when none of the ids is a movable card.
 */
export function themeFromSelection(
  doc: Y.Doc,
  cardIds: readonly string[],
  name: string,
  origin?: unknown,
): string | null {
  const { elements, byId } = readBoard(doc);
  const cards = movableCards(byId, cardIds);
  if (cards.length === 0) return null;
  const cell = cellFor(cards);
  const size = themeSizeFor(cards.length, cell);
  const left = Math.min(...cards.map((c) => c.x));
  const top = Math.min(...cards.map((c) => c.y));
  // In an exercise, a new theme joins the row of themes; elsewhere it goes by the cards.
  const frame = frameOf(byId, cards[0]);
  let id = '';
  doc.transact(() => {
    const theme = addTheme(
      doc,
      elements,
      {
        frame,
        name,
        want: besideThemes(elements, frame, { x: left - THEME_GAP, y: top - THEME_GAP }),
        size,
        color: nextColor(elements),
        ignore: new Set(cards.map((c) => c.id)),
      },
      origin,
    );
    placeInTheme(doc, theme, cards, origin);
    id = theme.id;
  }, origin);
  return id;
}

/** Renames a theme. False when it is not a theme, is locked, or the name is blank. */
export function renameTheme(doc: Y.Doc, themeId: string, name: string, origin?: unknown): boolean {
  const theme = readBoard(doc).byId.get(themeId);
  const trimmed = name.trim();
  if (!isTheme(theme) || theme.locked || !trimmed || trimmed === theme.name) return false;
  return updateElement(doc, themeId, { name: trimmed }, origin);
}

/**
 * Adds cards to a theme: they join its cards (which keep their order, first) and the theme is
 * laid out again. Returns how many cards were added.
 */
export function addToTheme(
  doc: Y.Doc,
  themeId: string,
  cardIds: readonly string[],
  origin?: unknown,
): number {
  const { elements, byId } = readBoard(doc);
  const theme = byId.get(themeId);
  if (!isTheme(theme)) return 0;
  const adding = movableCards(byId, cardIds).filter((c) => c.parent !== themeId);
  if (adding.length === 0) return 0;
  doc.transact(() => {
    placeInTheme(doc, theme, [...cardsOf(elements, themeId, new Set()), ...adding], origin);
  }, origin);
  return adding.length;
}

/**
 * Merges themes into `targetId`: every card of the sources moves into the target (after its own
 * cards), the target is laid out again, and the sources are deleted. The parking lot and locked
 * themes are never merged away. Returns the ids of the themes merged.
 */
export function mergeThemes(
  doc: Y.Doc,
  targetId: string,
  sourceIds: readonly string[],
  origin?: unknown,
): string[] {
  const { elements, byId } = readBoard(doc);
  const target = byId.get(targetId);
  if (!isTheme(target)) return [];
  const sources = [...new Set(sourceIds)]
    .map((id) => byId.get(id))
    .filter((t): t is Theme => isTheme(t) && t.id !== targetId && !t.parking && !t.locked);
  if (sources.length === 0) return [];
  const moving = sources.flatMap((s) => cardsOf(elements, s.id, new Set()).filter((c) => !c.locked));
  doc.transact(() => {
    placeInTheme(doc, target, [...cardsOf(elements, targetId, new Set()), ...moving], origin);
    const gone = new Set(sources.map((s) => s.id));
    // Whatever else they held (a locked card, a nested shape) is released, not deleted.
    for (const el of elements) {
      if (el.parent !== null && gone.has(el.parent) && !moving.includes(el as Card)) {
        const ymap = elementYMap(doc, el.id);
        ymap?.set('parent', null);
        ymap?.set('slot', null);
      }
    }
    const map = elementsMap(doc);
    for (const id of gone) map.delete(id);
  }, origin);
  return sources.map((s) => s.id);
}

/**
 * Splits cards out of a theme into a new theme named `newName` beside it; both are laid out
 * again. Only cards of that theme move. Returns the new theme's id, or null if none would move.
 */
export function splitTheme(
  doc: Y.Doc,
  themeId: string,
  cardIds: readonly string[],
  newName: string,
  origin?: unknown,
): string | null {
  const { elements, byId } = readBoard(doc);
  const source = byId.get(themeId);
  if (!isTheme(source)) return null;
  const moving = movableCards(byId, cardIds).filter((c) => c.parent === themeId);
  if (moving.length === 0) return null;
  const leaving = new Set(moving.map((c) => c.id));
  let id = '';
  doc.transact(() => {
    const theme = addTheme(
      doc,
      elements,
      {
        frame: frameOf(byId, source),
        name: newName,
        want: { x: source.x + source.w + THEME_GAP, y: source.y },
        size: themeSizeFor(moving.length, cellFor(moving)),
        color: nextColor(elements),
        ignore: leaving,
      },
      origin,
    );
    placeInTheme(doc, theme, moving, origin);
    placeInTheme(doc, source, cardsOf(elements, themeId, leaving), origin);
    id = theme.id;
  }, origin);
  return id;
}

/**
 * The parking lot for cards: the one in the card-sorting frame they sit in, else in the first
 * card-sorting frame, else any on the board. Null when the board has none.
 */
export function findParkingLot(elements: readonly Element[], near: readonly Element[] = []): Theme | null {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const lots = elements.filter((e): e is Theme => isTheme(e) && e.parking);
  const frames = near.map((c) => frameOf(byId, c)).filter((f) => f?.type === 'frame');
  const sorting = elements.find((e) => e.type === 'frame' && e.exercise === 'card-sorting');
  for (const frame of [...frames, sorting]) {
    const lot = frame && lots.find((t) => t.parent === frame.id);
    if (lot) return lot;
  }
  return lots[0] ?? null;
}

/**
 * Whether parking keeps these cards by their exercise: each is outside any exercise's frame, in
 * the card-sorting one, or in a frame with a parking lot of its own. Elsewhere (a worst idea, a
 * Lean Canvas card) parking would carry it off to the card-sorting frame's lot, out of sight.
 */
export function canPark(
  { elements, byId }: Pick<BoardState, 'elements' | 'byId'>,
  cards: readonly Element[],
): boolean {
  const withLot = new Set(elements.filter((e): e is Theme => isTheme(e) && e.parking).map((t) => t.parent));
  return cards.every((card) => {
    const frame = frameOf(byId, card);
    return !frame || frame.exercise === null || frame.exercise === 'card-sorting' || withLot.has(frame.id);
  });
}

/**
 * Moves cards to the parking lot (see `findParkingLot`), creating one — inside the card-sorting
 * frame when there is one — if the board has none. Returns the parking lot's id, or null when
 * none of the ids is a movable card.
 */
export function moveToParkingLot(doc: Y.Doc, cardIds: readonly string[], origin?: unknown): string | null {
  const { elements, byId } = readBoard(doc);
  const cards = movableCards(byId, cardIds);
  if (cards.length === 0) return null;
  let id = '';
  doc.transact(() => {
    let lot = findParkingLot(elements, cards);
    if (!lot) {
      const sorting = elements.find(
        (e): e is ElementOf<'frame'> => e.type === 'frame' && e.exercise === 'card-sorting',
      );
      const size = themeSizeFor(Math.max(cards.length, 6), cellFor(cards));
      // Bottom right of the exercise, else right of the cards.
      const want = sorting
        ? { x: sorting.x + sorting.w - size.w - THEME_GAP, y: sorting.y + sorting.h - size.h - THEME_GAP }
        : { x: Math.max(...cards.map((c) => c.x + c.w)) + THEME_GAP, y: Math.min(...cards.map((c) => c.y)) };
      lot = addTheme(
        doc,
        elements,
        {
          frame: sorting,
          name: PARKING_LOT_NAME,
          want,
          size,
          color: 'gray',
          parking: true,
          ignore: new Set(cards.map((c) => c.id)),
        },
        origin,
      );
    }
    const adding = cards.filter((c) => c.parent !== lot.id);
    if (adding.length) placeInTheme(doc, lot, [...cardsOf(elements, lot.id, new Set()), ...adding], origin);
    id = lot.id;
  }, origin);
  return id;
}
