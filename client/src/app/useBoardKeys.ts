/** Global keyboard shortcuts and clipboard events for the board. */
import { createElements, placeByDrop } from '@truenorth/shared';
import { useEffect } from 'react';
import { parseClipboard, pasteItems, pasteLimitMessage, serializeSelection } from '../lib/clipboard';
import { flash } from '../lib/flash';
import { deleteSelection } from './actions';
import type { BoardContextValue } from './boardContext';
import { type ActionId, matchShortcut, shortcutFor } from './shortcuts';

export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) ||
      !!target.closest('[role="dialog"], [role="alertdialog"]'))
  );
}

/** What Enter and Space press when it has focus: buttons, links and their ARIA kin. */
const CONTROL =
  'button, a[href], summary, [role="button"], [role="link"], [role="menuitem"], [role="tab"], [role="checkbox"], [role="radio"], [role="switch"], [role="option"]';

/**
 * Whether this key press belongs to the focused control: Enter or Space on a button (or a link,
 * a tab…) presses it, as it would anywhere else on the web, instead of a board shortcut (Enter
 * edits the selection, Space held pans).
 */
export function pressesControl(e: Pick<KeyboardEvent, 'key' | 'target'>): boolean {
  if (e.key !== 'Enter' && e.key !== ' ') return false;
  return e.target instanceof Element && e.target.closest(CONTROL) !== null;
}

/** Inside a panel whose controls have keys of their own (`data-own-keys`: the outline). */
function inOwnKeys(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-own-keys]') !== null;
}

export function useBoardKeys(ctx: BoardContextValue | null, run: (id: ActionId) => void) {
  useEffect(() => {
    if (!ctx) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target) || pressesControl(e)) return;
      const id = matchShortcut(e);
      if (!id) return;
      if (shortcutFor(id).edit && !ctx.canEdit) return;
      // A panel with controls of its own (the outline): keys there never change the board behind
      // it — Delete on its Vote button must not delete the card it selected. Zoom, help and the
      // panel's own toggle still work.
      if (shortcutFor(id).edit && inOwnKeys(e.target)) return;
      // Let the browser handle ctrl+A etc. when nothing on the board would use it.
      e.preventDefault();
      run(id);
    };
    const onCopy = (e: ClipboardEvent) => {
      if (isTyping(e.target) || inOwnKeys(e.target) || ctx.selection.get().size === 0 || !e.clipboardData)
        return;
      e.clipboardData.setData(
        'text/plain',
        serializeSelection(ctx.store.getSnapshot().elements, ctx.selection.get()),
      );
      e.preventDefault();
      // Cut: what goes is on the clipboard, to paste back — no question.
      if (e.type === 'cut') deleteSelection(ctx, true);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target) || inOwnKeys(e.target) || !ctx.canEdit || !e.clipboardData) return;
      const content = parseClipboard(e.clipboardData.getData('text/plain'));
      if (!content) return;
      e.preventDefault();
      const cut = pasteLimitMessage(content);
      if (cut) flash.show(cut);
      const at = ctx.pointer.current ?? ctx.viewport.clearCenter();
      const items = pasteItems(content, at, ctx.user.name);
      const { doc, origin } = ctx.session;
      let ids: string[] = [];
      doc.transact(() => {
        ids = createElements(doc, items, origin);
        // Members of pasted containers keep their membership; the rest join what they land in.
        const loose = ids.filter(
          (_, i) => !(items[i]?.input as { parent?: string | null } | undefined)?.parent,
        );
        placeByDrop(doc, loose, origin);
      }, origin);
      ctx.selection.set(new Set(ids));
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [ctx, run]);
}
