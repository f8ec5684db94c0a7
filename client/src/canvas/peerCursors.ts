/**
 * Which of other people's cursors to draw, and how. At a big kick-off fifty people move their
 * pointers over one board: a cursor outside this screen is not drawn at all, and the name label
 * of a cursor that has not moved for `CURSOR_IDLE_MS` fades away (the arrow stays), so the names
 * of people who are typing or reading do not sit over the cards everyone is trying to read.
 */
import type { Peer } from '../sync/presence';
import { type Viewport, worldToScreen } from './viewport';

/** A cursor still for this long shows no name label. */
export const CURSOR_IDLE_MS = 3000;
/** Room kept around the screen so a cursor (arrow and label) sliding in is drawn before it shows. */
export const CURSOR_MARGIN_PX = 160;

/** Where a peer's cursor was last seen, and when it last moved (this browser's clock). */
export interface CursorSeen {
  x: number;
  y: number;
  movedAt: number;
}

/**
 * Notes in `seen` when each peer's cursor moved; forgets the peers who left or hid their cursor
 * (so one that comes back counts as moving). Returns `seen`, changed in place.
 */
export function noteCursors(
  seen: Map<number, CursorSeen>,
  peers: readonly Peer[],
  now: number,
): Map<number, CursorSeen> {
  const present = new Set<number>();
  for (const p of peers) {
    if (!p.cursor) continue;
    present.add(p.clientId);
    const last = seen.get(p.clientId);
    if (!last || last.x !== p.cursor.x || last.y !== p.cursor.y) {
      seen.set(p.clientId, { x: p.cursor.x, y: p.cursor.y, movedAt: now });
    }
  }
  for (const id of seen.keys()) if (!present.has(id)) seen.delete(id);
  return seen;
}

export interface ShownCursor {
  peer: Peer;
  /** Screen position of the arrow's tip, relative to the canvas. */
  x: number;
  y: number;
  /** Still for `CURSOR_IDLE_MS`: drawn without its name. */
  idle: boolean;
}

/** The cursors on (or just beside) a `width` × `height` canvas showing `v`. */
export function cursorsToDraw(
  peers: readonly Peer[],
  seen: ReadonlyMap<number, CursorSeen>,
  v: Viewport,
  size: { width: number; height: number },
  now: number,
): ShownCursor[] {
  const shown: ShownCursor[] = [];
  for (const peer of peers) {
    if (!peer.cursor) continue;
    const s = worldToScreen(v, peer.cursor);
    if (
      s.x < -CURSOR_MARGIN_PX ||
      s.y < -CURSOR_MARGIN_PX ||
      s.x > size.width + CURSOR_MARGIN_PX ||
      s.y > size.height + CURSOR_MARGIN_PX
    ) {
      continue;
    }
    const movedAt = seen.get(peer.clientId)?.movedAt ?? now;
    shown.push({ peer, x: s.x, y: s.y, idle: now - movedAt >= CURSOR_IDLE_MS });
  }
  return shown;
}

/** When the next of the drawn, named cursors goes idle (ms from `now`); null when none will. */
export function nextIdleIn(
  shown: readonly ShownCursor[],
  seen: ReadonlyMap<number, CursorSeen>,
  now: number,
) {
  let soonest: number | null = null;
  for (const c of shown) {
    if (c.idle) continue;
    const movedAt = seen.get(c.peer.clientId)?.movedAt ?? now;
    const left = Math.max(0, movedAt + CURSOR_IDLE_MS - now);
    if (soonest === null || left < soonest) soonest = left;
  }
  return soonest;
}
