import { contains, type Element, intersects, type Rect } from '@truenorth/shared';
import { containsRect } from '../viewport';

/**
 * Ids whose ancestors are not also in the set: moving a container already moves its members, so
 * moving both would move the members twice.
 */
export function topLevel(ids: Iterable<string>, byId: Map<string, Element>): string[] {
  const set = new Set(ids);
  const out: string[] = [];
  for (const id of set) {
    let parent = byId.get(id)?.parent ?? null;
    let nested = false;
    const seen = new Set<string>([id]);
    while (parent && !seen.has(parent)) {
      if (set.has(parent)) {
        nested = true;
        break;
      }
      seen.add(parent);
      parent = byId.get(parent)?.parent ?? null;
    }
    if (!nested) out.push(id);
  }
  return out;
}

/**
 * What a marquee selects: elements wholly inside it. Cards also count when the marquee covers
 * most of them, so a quick sweep over a cluster of notes does not miss the edge ones.
 */
export function marqueeHits(elements: readonly Element[], r: Rect): string[] {
  const out: string[] = [];
  for (const el of elements) {
    if (el.type === 'connector') continue;
    if (containsRect(r, el)) out.push(el.id);
    else if ((el.type === 'sticky' || el.type === 'text') && intersects(r, el) && overlap(r, el) > 0.5) {
      out.push(el.id);
    }
  }
  return out;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? (w * h) / (b.w * b.h) : 0;
}

/** Shift-click toggles; a plain click on an unselected element selects it alone. */
export function clickSelect(current: ReadonlySet<string>, id: string, shift: boolean): ReadonlySet<string> {
  if (shift) {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  }
  return current.has(id) ? current : new Set([id]);
}

/**
 * The note (sticky or text) drawn topmost at a world point — what a double-click there means when
 * the canvas cannot say: for 140 ms after the view moves (a pan, a zoom, the stage resized by a
 * strip above it) the content layers do not listen (BoardCanvas), and a click then finds only the
 * stage.
 */
export function noteAt(elements: readonly Element[], x: number, y: number): Element | undefined {
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i] as Element;
    if ((el.type === 'sticky' || el.type === 'text') && contains(el, x, y)) return el;
  }
  return undefined;
}
