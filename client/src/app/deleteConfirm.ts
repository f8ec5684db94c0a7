/**
 * Deleting is for everyone and only the one who deleted can undo it. Deleting a whole exercise
 * (its frame) or a large selection at once — Ctrl+A, Delete — asks first, in the selection bar.
 */
import type { Element } from '@truenorth/shared';
import { Store } from '../lib/store';
import type { BoardContextValue } from './boardContext';

/** A selection this large asks before it is deleted. */
export const CONFIRM_DELETE_AT = 12;

/** What to ask before deleting `elements`, or null when it goes at once. */
export function deletionQuestion(elements: readonly Element[]): string | null {
  const frames = elements.filter((e) => e.type === 'frame').length;
  if (frames === 0 && elements.length < CONFIRM_DELETE_AT) return null;
  const items = `${elements.length} ${elements.length === 1 ? 'item' : 'items'}`;
  const what =
    frames === 0
      ? items
      : frames === elements.length
        ? `${frames === 1 ? 'this frame' : `${frames} frames`}`
        : `${items}, ${frames === 1 ? 'a frame' : `${frames} frames`} among them,`;
  return `Delete ${what} for everyone?`;
}

/** The ids waiting for a yes, one set per open board. */
const pending = new WeakMap<BoardContextValue, Store<readonly string[] | null>>();

export function pendingDelete(ctx: BoardContextValue): Store<readonly string[] | null> {
  let store = pending.get(ctx);
  if (!store) {
    store = new Store<readonly string[] | null>(null);
    pending.set(ctx, store);
  }
  return store;
}
