/**
 * Keep a caret where the user meant it while someone else types in the same text: shift an index
 * through a Y.Text delta (retain / insert / delete ops, in document order).
 */
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
