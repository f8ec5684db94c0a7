/**
 * Follow-me as "the region shown": the facilitator shows the world rectangle under the part of
 * their canvas that no panel covers (their clear area); a follower fits that rectangle, centred,
 * into their own clear area — at the facilitator's zoom when the two areas are the same size, at
 * the zoom that shows all of it when they are not.
 *
 * The control message (`follow.viewport`) carries the region's centre, the facilitator's zoom and
 * the size of their clear area in screen pixels (`w`, `h`); from a client that sends no size the
 * follower assumes an area as big as its own.
 */
import type { Rect } from '@truenorth/shared';
import {
  clampScale,
  containsRect,
  forEachPanelCut,
  grow,
  overlaps,
  PANEL_GAP,
  type Viewport,
} from './viewport';

/**
 * The screen rectangles left clear when every floating panel is either clear of the rectangle
 * (by `gap`) or cut away with the strip between it and one screen edge (`forEachPanelCut`, as
 * zoom-to-fit does). None is contained in another.
 */
export function clearAreas(
  width: number,
  height: number,
  obstacles: readonly Rect[],
  gap = PANEL_GAP,
): Rect[] {
  const found: Rect[] = [];
  forEachPanelCut(width, height, obstacles, gap, 0, (area, kept) => {
    if (!kept.some((k) => overlaps(grow(k, gap), area))) found.push(area);
  });
  const unique = found.filter(
    (r, i) => !found.some((s, j) => containsRect(s, r) && (!containsRect(r, s) || j < i)),
  );
  return unique.length ? unique : [{ x: 0, y: 0, w: width, h: height }];
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

/**
 * The part of a leader's region that matters: where it overlaps the frame (an exercise) under its
 * centre. Null when no frame is there — then the whole region is what is shown.
 */
export function focusOf(region: Rect, frames: readonly Rect[]): Rect | null {
  const cx = region.x + region.w / 2;
  const cy = region.y + region.h / 2;
  const frame = frames.find((f) => cx >= f.x && cx <= f.x + f.w && cy >= f.y && cy <= f.y + f.h);
  if (!frame) return null;
  const x = Math.max(region.x, frame.x);
  const y = Math.max(region.y, frame.y);
  const w = Math.min(region.x + region.w, frame.x + frame.w) - x;
  const h = Math.min(region.y + region.h, frame.y + frame.h) - y;
  return w > 0 && h > 0 ? { x, y, w, h } : null;
}
