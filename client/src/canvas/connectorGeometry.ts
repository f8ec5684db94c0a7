import type { Rect } from '@truenorth/shared';

/** Where the segment from r's centre toward (px, py) leaves r's border. */
export function borderPoint(r: Rect, px: number, py: number): { x: number; y: number } {
  const cx = r.x + r.w / 2;
  const cy = r.y + r.h / 2;
  const dx = px - cx;
  const dy = py - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const tx = dx === 0 ? Number.POSITIVE_INFINITY : r.w / 2 / Math.abs(dx);
  const ty = dy === 0 ? Number.POSITIVE_INFINITY : r.h / 2 / Math.abs(dy);
  const t = Math.min(tx, ty);
  return { x: cx + dx * t, y: cy + dy * t };
}

/** The arrow between two boxes: from border to border along the line joining their centres. */
export function arrowPoints(a: Rect, b: Rect): [number, number, number, number] {
  const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  const start = borderPoint(a, cb.x, cb.y);
  const end = borderPoint(b, ca.x, ca.y);
  return [start.x, start.y, end.x, end.y];
}
