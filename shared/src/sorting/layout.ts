/**
 * Where cards go inside a theme, and where a new theme goes on the board. Pure geometry: the
 * commands read the board, ask these, and write the answers in one transaction.
 */
import type { Element } from '../elements/index.js';
import { HEADER, intersects, type Rect } from '../geometry.js';
import type { Point } from '../templates/parts.js';

/** Space between cards, and between a theme's edge and its cards. */
export const CARD_GAP = 16;
/** Space kept between a new theme and its neighbours. */
export const THEME_GAP = 40;
/** A theme is never laid out narrower than this, so its name stays readable. */
export const MIN_THEME_W = 300;
/** New themes get at most this many columns; more cards make it taller, not wider. */
export const MAX_NEW_COLS = 4;

export interface BoxSize {
  w: number;
  h: number;
}

export interface MemberLayout {
  /** Top-left corner for each of the n cards, row by row. */
  positions: Point[];
  /** The theme's size that holds them all: at least its current size, taller if needed. */
  w: number;
  h: number;
}

/** The cell every card of a theme gets: as big as its biggest card, so none overlap. */
export function cellFor(cards: readonly BoxSize[]): BoxSize {
  let w = 0;
  let h = 0;
  for (const c of cards) {
    w = Math.max(w, c.w);
    h = Math.max(h, c.h);
  }
  return { w: w || 180, h: h || 180 };
}

/**
 * A tidy grid of n cards inside a theme's body (below its header), centred across its width.
 * The theme keeps its width (widened only when not even one card fits) and grows taller when the
 * cards need more rows, so every card stays inside its bounds.
 */
export function layoutMembers(theme: Rect, n: number, cell: BoxSize = { w: 180, h: 180 }): MemberLayout {
  const strideX = cell.w + CARD_GAP;
  const strideY = cell.h + CARD_GAP;
  const w = Math.max(theme.w, MIN_THEME_W, CARD_GAP + strideX);
  const cols = Math.max(1, Math.floor((w - CARD_GAP) / strideX));
  const rows = Math.ceil(n / cols);
  const h = Math.max(theme.h, HEADER + CARD_GAP + rows * strideY);
  const used = Math.min(cols, Math.max(n, 1)) * strideX + CARD_GAP;
  const left = theme.x + Math.floor((w - used) / 2) + CARD_GAP;
  const top = theme.y + HEADER + CARD_GAP;
  const positions: Point[] = [];
  for (let i = 0; i < n; i++) {
    positions.push({ x: left + (i % cols) * strideX, y: top + Math.floor(i / cols) * strideY });
  }
  return { positions, w, h };
}

/** The size of a new theme made for n cards: roughly square, at most MAX_NEW_COLS wide. */
export function themeSizeFor(n: number, cell: BoxSize = { w: 180, h: 180 }): BoxSize {
  const cols = Math.max(1, Math.min(MAX_NEW_COLS, Math.ceil(Math.sqrt(Math.max(n, 1)))));
  const rows = Math.max(1, Math.ceil(n / cols));
  return {
    w: Math.max(MIN_THEME_W, CARD_GAP + cols * (cell.w + CARD_GAP)),
    h: HEADER + CARD_GAP + rows * (cell.h + CARD_GAP),
  };
}

/** Things a new theme must not cover: containers (not frames) and cards outside any of them. */
export function obstaclesFor(elements: readonly Element[], ignore: ReadonlySet<string>): Rect[] {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const out: Rect[] = [];
  for (const el of elements) {
    if (ignore.has(el.id) || el.type === 'connector' || el.type === 'frame') continue;
    const parent = el.parent === null ? undefined : byId.get(el.parent);
    const loose = parent === undefined || parent.type === 'frame';
    if (el.type === 'sticky' || el.type === 'text' ? loose : true) out.push(el);
  }
  return out;
}

/**
 * The free spot for a box of `size` nearest to `want` (its preferred top-left): `want` itself if
 * it is free, else a spot beside one of the obstacles. With `min`, the spot is never left of or
 * above it (a theme stays in its exercise frame, which grows right and down to hold it). Only
 * obstacles near `want` are considered, so this stays quick on a board with thousands of cards.
 */
export function freeThemeSpot(
  wanted: Point,
  size: BoxSize,
  obstacles: readonly Rect[],
  min: Point = { x: -Infinity, y: -Infinity },
): Point {
  const want = { x: Math.max(wanted.x, min.x), y: Math.max(wanted.y, min.y) };
  const reach = 4000;
  const near = obstacles.filter(
    (o) =>
      o.x < want.x + size.w + reach &&
      o.x + o.w > want.x - reach &&
      o.y < want.y + size.h + reach &&
      o.y + o.h > want.y - reach,
  );
  // Compare with the gap around the box, so themes never touch.
  const free = (p: Point) =>
    p.x >= min.x &&
    p.y >= min.y &&
    !near.some((o) =>
      intersects(
        { x: p.x - THEME_GAP / 2, y: p.y - THEME_GAP / 2, w: size.w + THEME_GAP, h: size.h + THEME_GAP },
        o,
      ),
    );
  if (free(want)) return want;
  const candidates: Point[] = [];
  for (const o of near) {
    const right = o.x + o.w + THEME_GAP;
    const below = o.y + o.h + THEME_GAP;
    const left = o.x - size.w - THEME_GAP;
    const above = o.y - size.h - THEME_GAP;
    candidates.push(
      { x: right, y: want.y },
      { x: right, y: o.y },
      { x: want.x, y: below },
      { x: o.x, y: below },
      { x: left, y: want.y },
      { x: left, y: o.y },
      { x: want.x, y: above },
      { x: o.x, y: above },
    );
  }
  candidates.sort((a, b) => dist2(a, want) - dist2(b, want));
  for (const c of candidates) if (free(c)) return c;
  // Crowded all around: to the right of everything near.
  const maxX = Math.max(want.x, ...near.map((o) => o.x + o.w));
  return { x: maxX + THEME_GAP, y: want.y };
}

function dist2(a: Point, b: Point): number {
  return (a.x - b.x) ** 2 + (a.y - b.y) ** 2;
}
