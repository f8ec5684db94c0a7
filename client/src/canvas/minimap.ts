/**
 * Minimap geometry: a small box that shows the board's content and the current view. The world
 * area it shows is the content plus the view, so the view's rectangle is always on it; the map is
 * fitted into the box, centred, keeping proportions.
 */
import { boundsOf, type Rect } from '@truenorth/shared';
import type { Viewport } from './viewport';

/** World → minimap pixels: m = (p - origin) * scale + offset. */
export interface MinimapTransform {
  originX: number;
  originY: number;
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** The world area the minimap shows: content and view, with a margin of `pad` of its size. */
export function minimapWorld(content: Rect | null, view: Rect, pad = 0.05): Rect {
  const all = boundsOf(content ? [content, view] : [view]) as Rect;
  const m = Math.max(all.w, all.h) * pad;
  return { x: all.x - m, y: all.y - m, w: all.w + 2 * m, h: all.h + 2 * m };
}

/** Fit `world` into a `width`×`height` box, centred. */
export function minimapTransform(world: Rect, width: number, height: number): MinimapTransform {
  const scale = Math.min(width / Math.max(world.w, 1e-6), height / Math.max(world.h, 1e-6));
  return {
    originX: world.x,
    originY: world.y,
    scale,
    offsetX: (width - world.w * scale) / 2,
    offsetY: (height - world.h * scale) / 2,
  };
}

export function toMinimap(t: MinimapTransform, r: Rect): Rect {
  return {
    x: (r.x - t.originX) * t.scale + t.offsetX,
    y: (r.y - t.originY) * t.scale + t.offsetY,
    w: r.w * t.scale,
    h: r.h * t.scale,
  };
}

export function fromMinimap(t: MinimapTransform, p: { x: number; y: number }): { x: number; y: number } {
  return { x: (p.x - t.offsetX) / t.scale + t.originX, y: (p.y - t.offsetY) / t.scale + t.originY };
}

/** The viewport, at the same zoom, that puts world point `p` in the middle of the screen. */
export function centredOn(v: Viewport, width: number, height: number, p: { x: number; y: number }): Viewport {
  return { scale: v.scale, x: width / 2 - p.x * v.scale, y: height / 2 - p.y * v.scale };
}
