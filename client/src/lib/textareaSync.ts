/**
 * A textarea showing an element's collaborative text while someone else edits it too: their
 * changes are merged in with this user's caret and selection kept where they were in the text
 * (not thrown to the end, as replacing a controlled value would). Local input is written by the
 * caller with `setText`, which applies it as the smallest edit, so typing by both is kept.
 */
import type * as Y from 'yjs';
import { type DeltaOp, diffDelta, transformIndex } from './caret';

/**
 * Puts `next` into the textarea, shifting its selection through `delta` (what changed between its
 * value and `next`; worked out from the two strings when not given).
 */
export function replaceKeepingSelection(
  ta: HTMLTextAreaElement,
  next: string,
  delta: readonly DeltaOp[] = diffDelta(ta.value, next),
): void {
  if (ta.value === next) return;
  const { selectionStart, selectionEnd, selectionDirection } = ta;
  ta.value = next;
  ta.setSelectionRange(
    transformIndex(selectionStart, delta),
    transformIndex(selectionEnd, delta),
    selectionDirection ?? undefined,
  );
}

/**
 * Follows edits of `ytext` made by anyone but `origin` (this user's own typing is already in the
 * textarea) into it, keeping the selection. Returns the function that stops following.
 */
export function followRemoteEdits(
  ta: HTMLTextAreaElement,
  ytext: Y.Text,
  origin: unknown,
  afterChange?: () => void,
): () => void {
  const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
    if (tr.origin === origin) return;
    replaceKeepingSelection(ta, ytext.toString(), event.delta as DeltaOp[]);
    afterChange?.();
  };
  ytext.observe(onChange);
  return () => ytext.unobserve(onChange);
}
