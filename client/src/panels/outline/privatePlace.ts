/**
 * Where a private note is, and where it goes, in the outline's terms. A private note is in no
 * box yet: when revealed it joins the box under its centre on the board (Drafts.publish →
 * placeByDrop). So the group the outline shows it in is worked out the same way, from where it
 * sits, and moving it to a group puts it where the reveal will find it in that group — as if it
 * had been dragged there on the canvas.
 */
import {
  boundsOf,
  cardArea,
  dropTarget,
  type Element,
  freeSpots,
  type Membership,
  type Rect,
} from '@truenorth/shared';
import { slotPosition } from '../../app/actions';
import { groupKey } from '../../lib/outline';

/** The group key ("parent|slot") a note at `note` joins when revealed, on a board of `elements`. */
export function draftGroupKey(note: Rect, elements: readonly Element[]): string {
  const m = dropTarget(elements, note.x + note.w / 2, note.y + note.h / 2);
  return groupKey(m.parent, m.slot);
}

/** Space kept between the board and a note moved out of every box ("Loose cards"). */
const ASIDE = 80;

/**
 * Where a private note of `note`'s size goes to join `target` (an outline group: its membership,
 * and its area, null for "Loose cards"): the first tidy free spot in the group's card area (below
 * its name and hint), clear of the cards, boxes and other private notes there (`others`), whose
 * centre lands in that group. A full group gets the next tidy stacked spot in it, as a card moved
 * there in the outline does. A note made loose goes beside the board, outside every box.
 */
export function draftSpot(
  target: Membership & { rect: Rect | null },
  note: { w: number; h: number },
  elements: readonly Element[],
  others: readonly Rect[],
): { x: number; y: number } {
  const member = (r: Rect) => {
    const m = dropTarget(elements, r.x + r.w / 2, r.y + r.h / 2);
    return m.parent === target.parent && m.slot === target.slot;
  };
  const joins = (p: { x: number; y: number }) => member({ ...p, w: note.w, h: note.h });
  // Connectors are drawn between their ends: where their own x and y say, nothing is.
  const placed: Rect[] = [...elements.filter((e) => e.type !== 'connector'), ...others];
  if (!target.rect) {
    const all = boundsOf(placed);
    return all ? { x: Math.round(all.x + all.w + ASIDE), y: Math.round(all.y) } : { x: 0, y: 0 };
  }
  const rect = target.rect;
  const area = cardArea(rect);
  // In the way: what lies in the area without holding it (cards, smaller boxes, other notes),
  // not the box, or the frame around it, that the area belongs to.
  const taken = placed.filter((r) => !holds(r, area));
  const spot = freeSpots(area, Math.max(note.w, note.h), taken, 400).find(joins);
  if (spot) return spot;
  const cards = [...elements.filter((e) => e.type === 'sticky' || e.type === 'text'), ...others];
  const stacked = slotPosition(rect, cards.filter(member).length);
  if (joins(stacked)) return stacked;
  return { x: Math.round(rect.x + (rect.w - note.w) / 2), y: Math.round(rect.y + (rect.h - note.h) / 2) };
}

/** `outer` wholly contains `inner`. */
function holds(outer: Rect, inner: Rect): boolean {
  return (
    outer.x <= inner.x &&
    outer.y <= inner.y &&
    outer.x + outer.w >= inner.x + inner.w &&
    outer.y + outer.h >= inner.y + inner.h
  );
}
