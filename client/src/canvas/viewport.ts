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

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Like `fitRect`, but in the part of the screen that floating panels leave visible. Each obstacle
 * (a screen rectangle: toolbar, side panel, minimap…) is either clear of the fitted content or cut
 * away with the whole strip between it and one screen edge; of every such choice, the one that
 * shows `r` largest wins (then the one with the most room around it). At most 7 obstacles count
 * (the largest); if nothing works (a tiny screen), this is `fitRect`.
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
  const screen = { x: 0, y: 0, w: width, h: height };
  const obs = obstacles
    .filter((o) => o.w > 0 && o.h > 0 && overlaps(o, screen))
    .sort((a, b) => b.w * b.h - a.w * a.h)
    .slice(0, 7);
  let best: { v: Viewport; scale: number; room: number } | null = null;
  const inset = { left: 0, right: 0, top: 0, bottom: 0 };
  const clear: Rect[] = [];
  const consider = () => {
    const left = Math.max(padding, inset.left ? inset.left + gap : 0);
    const right = Math.max(padding, inset.right ? inset.right + gap : 0);
    const top = Math.max(padding, inset.top ? inset.top + gap : 0);
    const bottom = Math.max(padding, inset.bottom ? inset.bottom + gap : 0);
    const aw = width - left - right;
    const ah = height - top - bottom;
    if (aw < 1 || ah < 1) return;
    const scale = clampScale(Math.min(aw / Math.max(r.w, 1), ah / Math.max(r.h, 1), maxScale));
    const room = aw * ah;
    if (best && (scale < best.scale - 1e-9 || (scale <= best.scale + 1e-9 && room <= best.room))) return;
    const v = {
      scale,
      x: left + aw / 2 - (r.x + r.w / 2) * scale,
      y: top + ah / 2 - (r.y + r.h / 2) * scale,
    };
    const shown = {
      x: v.x + r.x * scale - gap,
      y: v.y + r.y * scale - gap,
      w: r.w * scale + 2 * gap,
      h: r.h * scale + 2 * gap,
    };
    if (clear.some((o) => overlaps(o, shown))) return;
    best = { scale, room, v };
  };
  const choose = (i: number) => {
    const o = obs[i];
    if (!o) {
      consider();
      return;
    }
    // Leave it where it is: the content must then stay clear of it.
    clear.push(o);
    choose(i + 1);
    clear.pop();
    // Or give up the strip between it and one edge of the screen.
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
  return (best as { v: Viewport } | null)?.v ?? fitRect(r, width, height, padding, maxScale);
}
