/** Pure geometry: rectangles, container slots, and where a dropped card belongs. */
import type { Element, ElementOf, Grid, Swimlanes } from './elements/index.js';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Slot {
  /** Cell id, lane id or `laneId:stepId`; null for the container as a whole. */
  slot: string | null;
  name: string;
  rect: Rect;
}

export function contains(r: Rect, px: number, py: number): boolean {
  return px >= r.x && px <= r.x + r.w && py >= r.y && py <= r.y + r.h;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
}

export function center(r: Rect): { x: number; y: number } {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  for (const r of rects) {
    x1 = Math.min(x1, r.x);
    y1 = Math.min(y1, r.y);
    x2 = Math.max(x2, r.x + r.w);
    y2 = Math.max(y2, r.y + r.h);
  }
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/** Header band of a titled container, in canvas units. */
export const HEADER = 48;

/** Room left at the top of a place (a grid cell, a lane, a theme) for its name and hint. */
export const LABEL_INSET = 48;

/**
 * Where cards go in a place: below its name and hint. Cards the board adds by itself (a CSV
 * import, a worst idea's "do instead" card) are placed in here, so none covers the label.
 */
export function cardArea(r: Rect): Rect {
  return { x: r.x, y: r.y + LABEL_INSET, w: r.w, h: Math.max(0, r.h - LABEL_INSET) };
}

export function gridSlots(g: Grid): Slot[] {
  const top = g.y + HEADER;
  const cw = g.w / g.cols;
  const ch = (g.h - HEADER) / g.rows;
  return g.cells.map((c) => ({
    slot: c.id,
    name: c.name,
    rect: { x: g.x + c.col * cw, y: top + c.row * ch, w: c.colSpan * cw, h: c.rowSpan * ch },
  }));
}

export function laneSlots(s: Swimlanes): Slot[] {
  const lanes = s.lanes.length ? s.lanes : [{ id: 'lane', name: '' }];
  const horizontal = s.orientation === 'horizontal';
  const top = s.y + HEADER;
  const bodyH = s.h - HEADER;
  const out: Slot[] = [];
  const laneSize = (horizontal ? bodyH : s.w) / lanes.length;
  const steps = s.steps;
  const stepSize = steps.length ? (horizontal ? s.w : bodyH) / steps.length : 0;
  lanes.forEach((lane, li) => {
    const parts = steps.length ? steps : [null];
    parts.forEach((step, si) => {
      const along = step ? si * stepSize : 0;
      const alongSize = step ? stepSize : horizontal ? s.w : bodyH;
      const rect = horizontal
        ? { x: s.x + along, y: top + li * laneSize, w: alongSize, h: laneSize }
        : { x: s.x + li * laneSize, y: top + along, w: laneSize, h: alongSize };
      out.push({
        slot: step ? `${lane.id}:${step.id}` : lane.id,
        name: step ? `${lane.name} · ${step.name}` : lane.name,
        rect,
      });
    });
  });
  return out;
}

/** The parts of a container a card can belong to. */
export function slotsOf(el: Element): Slot[] {
  switch (el.type) {
    case 'grid':
      return gridSlots(el);
    case 'swimlanes':
      return laneSlots(el);
    case 'theme':
    case 'frame':
      return [{ slot: null, name: el.type === 'theme' ? el.name : el.title, rect: el }];
    default:
      return [];
  }
}

/**
 * How deep each kind of container sits: deeper ones win a drop over the frames they sit in, and
 * are drawn over them (the canvas, the history's pictures, the PDF record). Not a container: absent.
 */
export const CONTAINER_DEPTH: Partial<Record<Element['type'], number>> = {
  frame: 0,
  swimlanes: 1,
  grid: 1,
  theme: 2,
};

export interface Membership {
  parent: string | null;
  slot: string | null;
}

/**
 * Where a card whose centre is at (px, py) belongs: the innermost, topmost container slot under
 * that point, or no parent. `exclude` keeps a container from capturing itself.
 */
export function dropTarget(
  elements: readonly Element[],
  px: number,
  py: number,
  exclude: ReadonlySet<string> = new Set(),
): Membership {
  let best: { m: Membership; depth: number; order: number } | null = null;
  elements.forEach((el, order) => {
    const depth = CONTAINER_DEPTH[el.type];
    if (depth === undefined || exclude.has(el.id)) return;
    for (const s of slotsOf(el)) {
      if (!contains(s.rect, px, py)) continue;
      if (!best || depth > best.depth || (depth === best.depth && order > best.order)) {
        best = { m: { parent: el.id, slot: s.slot }, depth, order };
      }
    }
  });
  return (best as { m: Membership } | null)?.m ?? { parent: null, slot: null };
}

/** Which side of a swimlanes' movable line a point is on; null when there is no line. */
export function lineSide(s: ElementOf<'swimlanes'>, px: number, py: number): 'core' | 'critical' | null {
  if (s.line === null) return null;
  if (s.orientation === 'horizontal') {
    const lineY = s.y + HEADER + s.line * (s.h - HEADER);
    return py < lineY ? 'core' : 'critical';
  }
  const lineX = s.x + s.line * s.w;
  return px < lineX ? 'core' : 'critical';
}
