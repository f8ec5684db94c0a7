/** Pure parts of the PNG export: the file name, the pixel ratio, and what a frame's picture holds. */
import { type Element, exportFileBase, type Rect } from '@truenorth/shared';

/** Chromium refuses canvases past ~16k px a side or ~268M px; stay well below. */
const MAX_SIDE = 12_000;
const MAX_AREA = 80_000_000;

export function pixelRatioFor(r: Rect, wanted = 2): number {
  return Math.max(0.05, Math.min(wanted, MAX_SIDE / r.w, MAX_SIDE / r.h, Math.sqrt(MAX_AREA / (r.w * r.h))));
}

/** Named as the server names its exports: `<board>[-<frame>]-<YYYY-MM-DD>.png`. */
export function pngName(boardTitle: string, frameTitle: string | null, at = new Date()): string {
  return exportFileBase(boardTitle, at, 'png', { part: frameTitle });
}

/** The elements a frame's picture shows: the frame and everything up its parent chains in it. */
export function frameMembers(elements: readonly Element[], frameId: string): Element[] {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const inFrame = (el: Element): boolean => {
    let cur: Element | undefined = el;
    for (let d = 0; cur && d < 64; d++) {
      if (cur.id === frameId) return true;
      if (cur.type === 'connector') return false;
      cur = cur.parent === null ? undefined : byId.get(cur.parent);
    }
    return false;
  };
  const ids = new Set(elements.filter(inFrame).map((e) => e.id));
  return elements.filter(
    (e) => ids.has(e.id) || (e.type === 'connector' && ids.has(e.from) && ids.has(e.to)),
  );
}
