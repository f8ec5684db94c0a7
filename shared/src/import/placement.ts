/**
 * Where imported cards go in a box: a tidy grid in the box's free space, beside (never over) the
 * cards already there, every card wholly inside the box. Pure geometry, deterministic.
 *
 * The rule, in order:
 * 1. Full size (160) while they fit.
 * 2. Smaller, all the same size, down to `READABLE_CARD`, where a note's text still reads.
 * 3. Still too many: the box grows down by whole rows (when the caller says it may, by `room`),
 *    so the cards stay readable and stay inside the box they belong to.
 * 4. A box that cannot grow (a Lean Canvas box, a theme with the parking lot under it): the cards
 *    shrink further, as far as needed. Tidy and countable, but too small to read; the import
 *    dialog says so before anything is imported.
 */
import { MIN_SIZE } from '../elements/index.js';
import type { Rect } from '../geometry.js';
import type { Point } from '../templates/parts.js';

/** Size of an imported sticky when there is room (as cards added from the outline). */
export const IMPORTED_CARD_SIZE = 160;
/**
 * The smallest imported card whose text is still legible: a note keeps 14 px of padding and a
 * line for the author, so below this a short idea no longer fits at a readable font size.
 */
export const READABLE_CARD = 96;

/** Space between imported cards, and between them and the box's edge, for a card of `size`. */
export function gapFor(size: number): number {
  return Math.max(2, Math.round(size / 10));
}

/** Two rectangles share area (touching edges do not count). */
function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * The first `limit` spots for a `size` card in `area`, row by row, left to right, that keep half
 * a gap clear of every rectangle in `taken`. Every spot lies wholly inside `area`, a gap from its
 * edges, and no two of them overlap.
 */
export function freeSpots(area: Rect, size: number, taken: readonly Rect[], limit: number): Point[] {
  const gap = gapFor(size);
  const stride = size + gap;
  const cols = Math.floor((area.w - gap) / stride);
  const rows = Math.floor((area.h - gap) / stride);
  const out: Point[] = [];
  if (cols < 1 || rows < 1 || limit <= 0) return out;
  // Only what lies in the area can be in the way.
  const near = taken.filter((t) => overlaps(t, area));
  for (let row = 0; row < rows; row++) {
    const y = area.y + gap + row * stride;
    const band = { x: area.x, y: y - gap / 2, w: area.w, h: size + gap };
    const inRow = near.filter((t) => overlaps(t, band));
    for (let col = 0; col < cols; col++) {
      const x = area.x + gap + col * stride;
      const clear = { x: x - gap / 2, y: y - gap / 2, w: size + gap, h: size + gap };
      if (inRow.some((t) => overlaps(t, clear))) continue;
      out.push({ x, y });
      if (out.length === limit) return out;
    }
  }
  return out;
}

export interface CardFit {
  /** Width and height of every card. */
  size: number;
  /** Top-left corner of each card, in order. */
  spots: Point[];
  /** How much taller the area (and so its box) must become to hold them; 0 when it need not. */
  grow: number;
}

/** Sizes tried while cards are still legible: 160, 152, … 96. */
const READABLE_SIZES: number[] = [];
for (let s = IMPORTED_CARD_SIZE; s >= READABLE_CARD; s -= 8) READABLE_SIZES.push(s);

/**
 * Lays out `n` cards in `area` around `taken` (the cards and other things already there). `room`
 * is how far the area may grow down (0: not at all; Infinity: as far as needed).
 */
export function fitCards(area: Rect, n: number, taken: readonly Rect[], room = 0): CardFit {
  if (n <= 0) return { size: IMPORTED_CARD_SIZE, spots: [], grow: 0 };
  for (const size of READABLE_SIZES) {
    const spots = freeSpots(area, size, taken, n);
    if (spots.length === n) return { size, spots, grow: 0 };
  }
  if (room > 0) {
    // Readable cards in a taller box: the first n free spots of an area as tall as the room (or
    // as tall as n cards could ever need) are those the shortest box that holds them has.
    const size = READABLE_CARD;
    const spots = freeSpots(
      { ...area, h: Math.min(area.h + room, tallEnough(area, size, taken, n)) },
      size,
      taken,
      n,
    );
    if (spots.length === n) return { size, spots, grow: growFor(area, size, spots) };
  }
  // The box cannot grow (enough): smaller still, in all the room it has.
  const h = area.h + (Number.isFinite(room) ? Math.max(0, room) : 0);
  const grown = { ...area, h };
  for (let size = READABLE_CARD * 0.9; size >= MIN_SIZE; size *= 0.9) {
    const s = Math.floor(size);
    const spots = freeSpots(grown, s, taken, n);
    if (spots.length === n) return { size: s, spots, grow: growFor(area, s, spots) };
  }
  // Not even the smallest cards fit (a tiny box, crowded): rows continue below it, and it grows.
  const wide = { ...area, w: Math.max(area.w, MIN_SIZE + 2 * gapFor(MIN_SIZE)) };
  const spots = freeSpots({ ...wide, h: tallEnough(wide, MIN_SIZE, taken, n) }, MIN_SIZE, taken, n);
  return { size: MIN_SIZE, spots, grow: growFor(area, MIN_SIZE, spots) };
}

/** A height for `area` that surely holds n more cards of `size`: below everything in it, n rows. */
function tallEnough(area: Rect, size: number, taken: readonly Rect[], n: number): number {
  const gap = gapFor(size);
  const cols = Math.max(1, Math.floor((area.w - gap) / (size + gap)));
  let bottom = area.y + area.h;
  for (const t of taken) {
    if (t.x < area.x + area.w && area.x < t.x + t.w && t.y + t.h > area.y)
      bottom = Math.max(bottom, t.y + t.h);
  }
  return bottom - area.y + (Math.ceil(n / cols) + 1) * (size + gap) + gap;
}

/** How much taller than `area` the spots reach (with a gap below the last row). */
function growFor(area: Rect, size: number, spots: readonly Point[]): number {
  let bottom = area.y;
  for (const p of spots) bottom = Math.max(bottom, p.y + size + gapFor(size));
  return Math.max(0, Math.ceil(bottom - (area.y + area.h)));
}
