/**
 * Follow-me as "the region shown": the facilitator shows the world rectangle under the part of
 * their canvas that no panel covers (their clear area); a follower fits that rectangle, centred,
 * into their own clear area — at the facilitator's zoom when the two areas are the same size, at
 * the zoom that shows all of it when they are not.
 *
 * The control message carries the region's centre and the facilitator's zoom only; its size is
 * the facilitator's clear area in screen pixels divided by that zoom, which the facilitator
 * publishes in its presence (`LeadArea`). Without it the follower assumes an area as big as its own.
 */
import type { Rect } from '@truenorth/shared';
import { clampScale, PANEL_GAP, type Viewport } from './viewport';

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}

/**
 * The screen rectangles left clear when every floating panel is either clear of the rectangle
 * (by `gap`) or cut away with the whole strip between it and one screen edge (as `fitRectClear`
 * does). None is contained in another. At most 7 panels count (the largest).
 */
export function clearAreas(
  width: number,
  height: number,
  obstacles: readonly Rect[],
  gap = PANEL_GAP,
): Rect[] {
  const screen = { x: 0, y: 0, w: width, h: height };
  const obs = obstacles
    .filter((o) => o.w > 0 && o.h > 0 && overlaps(o, screen))
    .sort((a, b) => b.w * b.h - a.w * a.h)
    .slice(0, 7);
  const inset = { left: 0, right: 0, top: 0, bottom: 0 };
  const rect = (): Rect => {
    const left = inset.left ? inset.left + gap : 0;
    const right = inset.right ? inset.right + gap : 0;
    const top = inset.top ? inset.top + gap : 0;
    const bottom = inset.bottom ? inset.bottom + gap : 0;
    return { x: left, y: top, w: width - left - right, h: height - top - bottom };
  };
  const found: Rect[] = [];
  const kept: Rect[] = [];
  const choose = (i: number) => {
    const r = rect();
    if (r.w < 1 || r.h < 1) return;
    const o = obs[i];
    if (!o) {
      if (!kept.some((k) => overlaps(grow(k, gap), r))) found.push(r);
      return;
    }
    // Left where it is: the area must end up clear of it.
    kept.push(o);
    choose(i + 1);
    kept.pop();
    // Already clear: cutting it away could only make the area smaller.
    if (!overlaps(grow(o, gap), r)) return;
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
  const inside = (a: Rect, b: Rect) =>
    a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
  const unique = found.filter((r, i) => !found.some((s, j) => inside(r, s) && (!inside(s, r) || j < i)));
  return unique.length ? unique : [screen];
}

/**
 * The clear area that stands for "what this screen shows" in follow-me: the largest of those
 * that hold `stage` (the screen rectangle the last zoom-to-fit filled — the part of the screen
 * the view was made for), else the largest. Zoom to a wide frame next to a corner panel and the
 * area is the wide one the frame was fitted into, not a taller one that cuts the frame.
 */
export function clearArea(
  width: number,
  height: number,
  obstacles: readonly Rect[],
  stage: Rect | null = null,
  gap = PANEL_GAP,
): Rect {
  const areas = clearAreas(width, height, obstacles, gap);
  const holds = (a: Rect) =>
    stage !== null &&
    stage.x >= a.x - 1 &&
    stage.y >= a.y - 1 &&
    stage.x + stage.w <= a.x + a.w + 1 &&
    stage.y + stage.h <= a.y + a.h + 1;
  const pool = areas.some(holds) ? areas.filter(holds) : areas;
  let best: Rect | null = null;
  for (const r of pool) {
    if (!best || r.w * r.h > best.w * best.h) best = r;
  }
  return best as Rect;
}

/** The world rectangle a screen rectangle shows. */
export function worldOf(v: Viewport, screen: Rect): Rect {
  return {
    x: (screen.x - v.x) / v.scale,
    y: (screen.y - v.y) / v.scale,
    w: screen.w / v.scale,
    h: screen.h / v.scale,
  };
}

/** What the facilitator sends (centre of the region shown, and their zoom) plus the area's size. */
export interface Lead {
  x: number;
  y: number;
  zoom: number;
  /** The clear area, in screen pixels. */
  w: number;
  h: number;
}

/** What a leader shows with view `v` and clear screen area `area`. */
export function leadOf(v: Viewport, area: Rect): Lead {
  const r = worldOf(v, area);
  // The wire bounds the size (shared `Viewport`: 1 to 20,000 screen pixels).
  const size = (n: number) => Math.min(20_000, Math.max(1, n));
  return { x: r.x + r.w / 2, y: r.y + r.h / 2, zoom: v.scale, w: size(area.w), h: size(area.h) };
}

/**
 * The world region the facilitator shows: centred on (`x`, `y`), their clear area (`size`, screen
 * pixels) at their zoom.
 */
export function regionOf(
  target: { x: number; y: number; zoom: number },
  size: { w: number; h: number },
): Rect {
  const w = size.w / target.zoom;
  const h = size.h / target.zoom;
  return { x: target.x - w / 2, y: target.y - h / 2, w, h };
}

/**
 * The view that shows `region` whole, centred, in the clear area of a `width`×`height` screen
 * that shows it largest (then the roomiest); no padding beyond the panels' gap, so the same
 * screen and panels give back the leader's own view.
 */
export function followViewport(
  region: Rect,
  width: number,
  height: number,
  obstacles: readonly Rect[],
  gap = PANEL_GAP,
): Viewport {
  let best: { area: Rect; scale: number } | null = null;
  for (const area of clearAreas(width, height, obstacles, gap)) {
    const scale = Math.min(area.w / Math.max(region.w, 1e-6), area.h / Math.max(region.h, 1e-6));
    if (
      !best ||
      scale > best.scale * (1 + 1e-9) ||
      (scale >= best.scale * (1 - 1e-9) && area.w * area.h > best.area.w * best.area.h)
    )
      best = { area, scale };
  }
  const { area, scale: raw } = best as { area: Rect; scale: number };
  const scale = clampScale(raw);
  return {
    scale,
    x: area.x + area.w / 2 - (region.x + region.w / 2) * scale,
    y: area.y + area.h / 2 - (region.y + region.h / 2) * scale,
  };
}
