/**
 * What a board shows when it is opened without a view to return to: the first exercise (in the
 * run-sheet's reading order) filling the screen, so a new workshop opens readable on
 * "Introductions" rather than as seven thumbnails; a board without exercises shows all of its
 * content. Null for an empty board (it stays at 100% around the origin).
 */
import { boundsOf, type Element, type Rect, readingOrder } from '@truenorth/shared';

export function openingRect(elements: readonly Element[]): Rect | null {
  const exercises = elements.filter(
    (e): e is Extract<Element, { type: 'frame' }> => e.type === 'frame' && e.exercise !== null,
  );
  const first = [...exercises].sort(readingOrder)[0];
  if (first) return { x: first.x, y: first.y, w: first.w, h: first.h };
  return boundsOf(
    elements.filter((e) => e.type !== 'connector') as Exclude<Element, { type: 'connector' }>[],
  );
}
