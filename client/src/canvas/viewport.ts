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
