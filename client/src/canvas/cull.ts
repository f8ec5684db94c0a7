/**
 * Culling: draw only what is in (or near) view. The drawn set is recomputed only when the view
 * leaves the area it was computed for, so panning inside it costs no React work at all.
 */
import { type Element, intersects, type Rect } from '@truenorth/shared';
import { containsRect, inflate } from './viewport';

/** Connectors have no box of their own: they are drawn when either end is. */
export function cull(elements: readonly Element[], area: Rect, byId: Map<string, Element>): Element[] {
  const out: Element[] = [];
  for (const el of elements) {
    if (el.type === 'connector') {
      const a = byId.get(el.from);
      const b = byId.get(el.to);
      if (a && b && a.type !== 'connector' && b.type !== 'connector') {
        if (intersects(a, area) || intersects(b, area) || crosses(a, b, area)) out.push(el);
      }
    } else if (intersects(el, area)) out.push(el);
  }
  return out;
}

/** Both ends off-screen but the line between them may cross it: test the ends' bounding box. */
function crosses(a: Rect, b: Rect, area: Rect): boolean {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  const box = { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
  return intersects(box, area);
}

export interface CullArea {
  rect: Rect;
  scale: number;
}

/** The area to draw for a view: the visible rectangle plus a margin for panning. */
export function cullAreaFor(visible: Rect, scale: number, margin = 0.5): CullArea {
  return { rect: inflate(visible, margin), scale };
}

/**
 * Whether the drawn set must be recomputed: the view left the drawn area, or the zoom changed
 * enough to switch level of detail or to make the margin too thin or too wide.
 */
export function needsRecull(current: CullArea | null, visible: Rect, scale: number): boolean {
  if (!current) return true;
  if (!containsRect(current.rect, visible)) return true;
  const ratio = scale / current.scale;
  return ratio > 1.6 || ratio < 0.625;
}

/** Below this zoom, cards are drawn as plain coloured blocks (text would be unreadable anyway). */
export const DETAIL_SCALE = 0.3;
