/**
 * Which name of a swimlanes is being renamed in place (a Story Spine step, a Road Map lane): the
 * board's `editing` store says which element is edited (and tells the others), this says which of
 * its names. One per board view.
 */
import { addLanePart, type ElementOf, HEADER, type LaneKind, type Rect } from '@truenorth/shared';
import type { BoardContextValue } from '../../app/boardContext';
import { flash } from '../../lib/flash';
import { Store } from '../../lib/store';

export interface LaneNameTarget {
  id: string;
  kind: LaneKind;
  laneId: string;
}

const targets = new WeakMap<BoardContextValue, Store<LaneNameTarget | null>>();

export function laneNameTarget(ctx: BoardContextValue): Store<LaneNameTarget | null> {
  let store = targets.get(ctx);
  if (!store) {
    store = new Store<LaneNameTarget | null>(null);
    targets.set(ctx, store);
  }
  return store;
}

/** Konva node name of a lane's or step's drawn name (a double click there renames it). */
export const LANE_NAME = 'lane-name';

/** Size of a lane's or step's name on the canvas (the container's title is 20). */
export const LANE_NAME_FONT = 18;

/**
 * Where a lane's or step's name is drawn, in world units, relative to nothing: the band it is
 * written in (a step's column in the header, a lane's first line), for the editor to cover.
 */
export function laneNameRect(el: ElementOf<'swimlanes'>, kind: LaneKind, laneId: string): Rect | null {
  const horizontal = el.orientation === 'horizontal';
  const bodyH = el.h - HEADER;
  const list = el[kind];
  const i = list.findIndex((l) => l.id === laneId);
  if (i < 0) return null;
  const size = (kind === 'lanes' ? (horizontal ? bodyH : el.w) : horizontal ? el.w : bodyH) / list.length;
  const band = Math.min(HEADER, size);
  if (kind === 'steps') {
    return horizontal
      ? { x: el.x + i * size, y: el.y, w: size, h: HEADER }
      : { x: el.x + el.w - 220, y: el.y + HEADER + i * size, w: 220, h: band };
  }
  return horizontal
    ? { x: el.x, y: el.y + HEADER + i * size, w: Math.min(el.w, 420), h: band }
    : { x: el.x + i * size, y: el.y + HEADER, w: size, h: band };
}

/**
 * Why a step or lane cannot be removed, null when it can: while cards are in it, or when it is
 * the only one. The canvas and the outline say it in the same words.
 */
export function keptReason(kind: LaneKind, cards: number, last: boolean): string | null {
  const part = partNoun(kind);
  if (cards > 0)
    return `Move the ${cards === 1 ? 'card' : `${cards} cards`} out of this ${part} before removing it.`;
  return last ? `The only ${part} cannot be removed.` : null;
}

/** "step" or "lane", as the interface names one part of `kind`. */
export const partNoun = (kind: LaneKind): 'step' | 'lane' => (kind === 'steps' ? 'step' : 'lane');

/** Said when another step or lane would not fit in the swimlanes titled `title`. */
export function noRoomFor(kind: LaneKind, title: string): string {
  return `No room for another ${partNoun(kind)} in “${title}”: make it bigger first.`;
}

/**
 * A person adds a step or lane after `afterId` (at the end when null), named "New step" for them
 * to rename: an undo step of its own (the name they then write is another). When there is no
 * room, says so (`say` too, for a screen reader) and returns null; else the new part's id. The
 * canvas's name editor, the selection bar and the outline all add this way.
 */
export function addPartAsUser(
  ctx: Pick<BoardContextValue, 'session'>,
  el: ElementOf<'swimlanes'>,
  kind: LaneKind,
  afterId: string | null,
  say?: (message: string) => void,
): string | null {
  const { doc, origin, undo } = ctx.session;
  undo.stopCapturing();
  const added = addLanePart(doc, el.id, kind, afterId, `New ${partNoun(kind)}`, origin);
  if (!added.ok) {
    const message = noRoomFor(kind, el.title);
    say?.(message);
    flash.show(message);
    return null;
  }
  undo.stopCapturing();
  return added.laneId;
}
