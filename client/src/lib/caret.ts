/**
 * Keep a caret where the user meant it while someone else types in the same text: shift an index
 * through a Y.Text delta (retain / insert / delete ops, in document order).
 */
import { smallestEdit } from '@truenorth/shared';

export type DeltaOp = { retain?: number; insert?: unknown; delete?: number };

export function transformIndex(index: number, delta: readonly DeltaOp[]): number {
  let pos = 0; // position in the old text
  let shift = 0;
  for (const op of delta) {
    if (pos > index) break;
    if (op.retain !== undefined) pos += op.retain;
    else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      // An insert exactly at the caret goes after it: the caret stays with the text on its left
      // (the user's own, as they type), so two people typing at one spot keep their words whole.
      if (pos < index) shift += len;
    } else if (op.delete !== undefined) {
      const removed = Math.min(op.delete, Math.max(0, index - pos));
      shift -= removed;
      pos += op.delete;
    }
  }
  return Math.max(0, index + shift);
}

/**
 * The smallest single edit turning `prev` into `next` (`smallestEdit`), as a delta: for mapping
 * a caret through a change that came without a Y.Text event (a text that was stored as a plain
 * string, or a Y.Text replaced whole). In a run of equal characters the edit is placed as late as
 * possible, so a caret inside such a run stays where it was.
 */
export function diffDelta(prev: string, next: string): DeltaOp[] {
  const { start, endPrev, endNext } = smallestEdit(prev, next);
  if (endPrev === start && endNext === start) return [];
  const delta: DeltaOp[] = [];
  if (start) delta.push({ retain: start });
  if (endPrev > start) delta.push({ delete: endPrev - start });
  if (endNext > start) delta.push({ insert: next.slice(start, endNext) });
  return delta;
}
