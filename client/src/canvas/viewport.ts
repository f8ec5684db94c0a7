/**
 * Viewport math. The stage draws world point p at screen point p * scale + (x, y).
 */
import type { Rect } from '@truenorth/shared';

export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 4;

export function clampScale(s: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));
}

export function screenToWorld(v: Viewport, p: { x: number; y: number }): { x: number; y: number } {
  return { x: (p.x - v.x) / v.scale, y: (p.y - v.y) / v.scale };
}

export function worldToScreen(v: Viewport, p: { x: number; y: number }): { x: number; y: number } {
  return { x: p.x * v.scale + v.x, y: p.y * v.scale + v.y };
}

/** Zoom by `factor`, keeping the world point under `at` (a screen point) where it is. */
export function zoomAt(v: Viewport, at: { x: number; y: number }, factor: number): Viewport {
  const scale = clampScale(v.scale * factor);
  const world = screenToWorld(v, at);
  return { scale, x: at.x - world.x * scale, y: at.y - world.y * scale };
}

/** Show `r` whole, centred, in a `width`×`height` screen with `padding` pixels around it. */
export function fitRect(r: Rect, width: number, height: number, padding = 48, maxScale = 1): Viewport {
  const w = Math.max(1, width - 2 * padding);
  const h = Math.max(1, height - 2 * padding);
  const scale = clampScale(Math.min(w / Math.max(r.w, 1), h / Math.max(r.h, 1), maxScale));
  return {
    scale,
    x: width / 2 - (r.x + r.w / 2) * scale,
    y: height / 2 - (r.y + r.h / 2) * scale,
  };
}

/** The world rectangle the screen shows. */
export function visibleRect(v: Viewport, width: number, height: number): Rect {
  const tl = screenToWorld(v, { x: 0, y: 0 });
  return { x: tl.x, y: tl.y, w: width / v.scale, h: height / v.scale };
}

/** `r` grown by `fraction` of its size on every side. */
export function inflate(r: Rect, fraction: number): Rect {
  const dx = r.w * fraction;
  const dy = r.h * fraction;
  return { x: r.x - dx, y: r.y - dy, w: r.w + 2 * dx, h: r.h + 2 * dy };
}

export function containsRect(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  );
}

/** Normalised rectangle between two corner points (a marquee). */
export function rectFromPoints(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

/** Wheel delta → zoom factor; trackpad pinches arrive as ctrl+wheel with small deltas. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaY;
  const clamped = Math.max(-100, Math.min(100, px));
  return Math.exp(-clamped * 0.01);
}

/** Gap kept between fitted content and a floating panel, in screen pixels. */
export const PANEL_GAP = 16;

/** Whether two rectangles share any area (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** `r` grown by `by` screen pixels on every side. */
export function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}

/**
 * Every way to place content among floating panels (screen rectangles: toolbar, side panel,
 * minimap…): each panel is either kept where it is — the content must then stay clear of it — or
 * cut away with the whole strip between it and one screen edge. `visit` gets the screen area left
 * (at least `padding` from each edge, `gap` past a cut panel) and the panels kept. At most 7
 * panels count (the largest); a panel already clear of the area is never cut (that could only
 * make the area smaller).
 */
export function forEachPanelCut(
  width: number,
  height: number,
  obstacles: readonly Rect[],
  gap: number,
  padding: number,
  visit: (area: Rect, kept: readonly Rect[]) => void,
): void {
  const screen = { x: 0, y: 0, w: width, h: height };
  const obs = obstacles
    .filter((o) => o.w > 0 && o.h > 0 && overlaps(o, screen))
    .sort((a, b) => b.w * b.h - a.w * a.h)
    .slice(0, 7);
  const inset = { left: 0, right: 0, top: 0, bottom: 0 };
  const kept: Rect[] = [];
  const area = (): Rect => {
    const left = Math.max(padding, inset.left ? inset.left + gap : 0);
    const right = Math.max(padding, inset.right ? inset.right + gap : 0);
    const top = Math.max(padding, inset.top ? inset.top + gap : 0);
    const bottom = Math.max(padding, inset.bottom ? inset.bottom + gap : 0);
    return { x: left, y: top, w: width - left - right, h: height - top - bottom };
  };
  const choose = (i: number) => {
    const a = area();
    if (a.w < 1 || a.h < 1) return;
    const o = obs[i];
    if (!o) {
      visit(a, kept);
      return;
    }
    kept.push(o);
    choose(i + 1);
    kept.pop();
    if (!overlaps(grow(o, gap), a)) return;
    const cuts: [keyof typeof inset, number][] = [
      ['left', o.x + o.w],
      ['right', width - o.x],
      ['top', o.y + o.h],
      ['bottom', height - o.y],
    ];
    for (const [side, amount] of cuts) {
      const before = inset[side];
      inset[side] = Math.max(before, amount);
      choose(i + 1);
      inset[side] = before;
    }
  };
  choose(0);
}

/**
 * Like `fitRect`, but in the part of the screen that floating panels leave visible
 * (`forEachPanelCut`): of every placement, the one that shows `r` largest wins (then the one with
 * the most room around it). If nothing works (a tiny screen), this is `fitRect`.
 */
export function fitRectClear(
  r: Rect,
  width: number,
  height: number,
  obstacles: readonly Rect[],
  padding = 48,
  maxScale = 1,
  gap = PANEL_GAP,
): Viewport {
  let best: { v: Viewport; scale: number; room: number } | null = null;
  forEachPanelCut(width, height, obstacles, gap, padding, (area, kept) => {
    const scale = clampScale(Math.min(area.w / Math.max(r.w, 1), area.h / Math.max(r.h, 1), maxScale));
    const room = area.w * area.h;
    if (best && (scale < best.scale - 1e-9 || (scale <= best.scale + 1e-9 && room <= best.room))) return;
    const v = {
      scale,
      x: area.x + area.w / 2 - (r.x + r.w / 2) * scale,
      y: area.y + area.h / 2 - (r.y + r.h / 2) * scale,
    };
    const shown = grow({ x: v.x + r.x * scale, y: v.y + r.y * scale, w: r.w * scale, h: r.h * scale }, gap);
    if (kept.some((o) => overlaps(o, shown))) return;
    best = { scale, room, v };
  });
  return (best as { v: Viewport } | null)?.v ?? fitRect(r, width, height, padding, maxScale);
}

/**
 * `v` zoomed to `scale` about the middle of `r` (which stays where it is on the screen), then moved
 * the least that brings `r` inside `area` (a screen rectangle): its start, the top left, when it
 * is larger than the area.
 */
export function zoomToShow(v: Viewport, r: Rect, scale: number, area: Rect): Viewport {
  const z = zoomAt(v, worldToScreen(v, { x: r.x + r.w / 2, y: r.y + r.h / 2 }), scale / v.scale);
  const at = worldToScreen(z, r);
  return {
    ...z,
    x: z.x + nudge(at.x, r.w * z.scale, area.x, area.x + area.w),
    y: z.y + nudge(at.y, r.h * z.scale, area.y, area.y + area.h),
  };
}

/** How far to move a span [start, start + size] into [lo, hi]: its start to lo when it is larger. */
function nudge(start: number, size: number, lo: number, hi: number): number {
  if (start < lo || size > hi - lo) return lo - start;
  if (start + size > hi) return hi - (start + size);
  return 0;
}
