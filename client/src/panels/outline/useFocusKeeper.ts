/**
 * Keeps a keyboard user's place in the outline while the board changes under them. A card that
 * moves to another group is drawn anew there, and the control that had the focus is gone (the
 * focus falls to <body>): the same control of the same card gets it back, with the caret where
 * it was, and a move someone else made is announced. When the focused card is deleted (by this
 * user's Delete button or by someone else), its nearest neighbour in the group takes the focus,
 * else the group's "add card" field.
 *
 * The outline's rows say what they are in the DOM: `data-card-id` on a card's row,
 * `data-control` on each of its controls, `data-group-key` on its group.
 */
import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';
import { neighbourOf, short } from '../../lib/outlineNav';

interface Place {
  el: HTMLElement;
  cardId: string;
  control: string;
  groupKey: string;
  text: string;
  /** The group's cards as they were listed, for a neighbour when this one goes. */
  siblings: string[];
  selection: { start: number; end: number; direction: 'forward' | 'backward' | 'none' } | null;
}

export interface FocusKeeper {
  /** This user is moving the card (announced by the move itself, not as someone else's). */
  movingHere(cardId: string): void;
  /** This user is deleting the card. */
  deletingHere(cardId: string): void;
}

const byAttr = (name: string, value: string) => `[${name}="${CSS.escape(value)}"]`;

export function useFocusKeeper(
  root: RefObject<HTMLElement | null>,
  announce: (message: string) => void,
  /** How a group is named in "moved to …", seen from the group the card was in. */
  labelOf: (groupKey: string, fromKey: string) => string,
): FocusKeeper {
  const focused = useRef<Place | null>(null);
  const mine = useRef({ moved: new Set<string>(), deleted: new Set<string>() });
  const said = useRef({ announce, labelOf });
  said.current = { announce, labelOf };

  const placeOf = (el: HTMLElement): Place | null => {
    const control = el.dataset.control;
    const row = el.closest<HTMLElement>('[data-card-id]');
    const group = row?.closest<HTMLElement>('[data-group-key]');
    if (!control || !row || !group || !root.current?.contains(row)) return null;
    return {
      el,
      control,
      cardId: row.dataset.cardId ?? '',
      groupKey: group.dataset.groupKey ?? '',
      text: row.querySelector('textarea')?.value ?? '',
      siblings: [...group.querySelectorAll<HTMLElement>('[data-card-id]')].map((r) => r.dataset.cardId ?? ''),
      selection: selectionOf(el),
    };
  };

  /** After the focused control left the page: put the focus back on its card, or next to it. */
  const restore = () => {
    const place = focused.current;
    const panel = root.current;
    if (!place || place.el.isConnected || !panel?.isConnected) return;
    // Only a focus that fell to the page itself: one the user put elsewhere stays there.
    const active = document.activeElement;
    if (active && active !== document.body) return;
    focused.current = null;
    const row = panel.querySelector<HTMLElement>(byAttr('data-card-id', place.cardId));
    if (row) {
      const el =
        row.querySelector<HTMLElement>(byAttr('data-control', place.control)) ??
        row.querySelector<HTMLElement>('[data-control="text"]');
      el?.focus();
      if (el instanceof HTMLTextAreaElement && place.selection) {
        const { start, end, direction } = place.selection;
        el.setSelectionRange(start, end, direction);
      }
      const now = row.closest<HTMLElement>('[data-group-key]')?.dataset.groupKey;
      if (now !== undefined && now !== place.groupKey && !mine.current.moved.delete(place.cardId)) {
        said.current.announce(`“${short(place.text)}” moved to ${said.current.labelOf(now, place.groupKey)}`);
      }
      return;
    }
    const group = panel.querySelector<HTMLElement>(byAttr('data-group-key', place.groupKey));
    const inGroup = (id: string) => !!group?.querySelector(byAttr('data-card-id', id));
    const next = neighbourOf(place.siblings, place.cardId, inGroup);
    const target =
      (next && group?.querySelector<HTMLElement>(`${byAttr('data-card-id', next)} [data-control="text"]`)) ||
      group?.querySelector<HTMLElement>('[data-control="add"]') ||
      group?.querySelector<HTMLElement>('h4') ||
      panel.querySelector<HTMLElement>('h2');
    target?.focus();
    if (!mine.current.deleted.delete(place.cardId)) {
      said.current.announce(`“${short(place.text)}” was deleted by someone else`);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: placeOf and restore read refs only
  useEffect(() => {
    const onFocusIn = (e: FocusEvent) => {
      focused.current = e.target instanceof HTMLElement ? placeOf(e.target) : null;
    };
    const onFocusOut = (e: FocusEvent) => {
      const place = focused.current;
      if (!place || place.el !== e.target) return;
      // The last caret, while the control is still whole (Chromium blurs it as it is removed).
      place.selection = selectionOf(place.el) ?? place.selection;
      queueMicrotask(() => {
        if (focused.current !== place) return;
        // Still on the page: the user went elsewhere (or to another window), nothing to keep.
        if (place.el.isConnected) focused.current = null;
        else restore();
      });
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
    };
  }, []);

  // After every render: the focused control was just removed (restore at once, before paint), or
  // is still there (note where its card now is, for a later removal).
  useLayoutEffect(() => {
    const place = focused.current;
    if (!place) return;
    if (!place.el.isConnected) restore();
    else focused.current = placeOf(place.el) ?? place;
  });

  return {
    movingHere: (id) => mine.current.moved.add(id),
    deletingHere: (id) => mine.current.deleted.add(id),
  };
}

function selectionOf(el: HTMLElement): Place['selection'] {
  if (!(el instanceof HTMLTextAreaElement) || !el.isConnected) return null;
  return { start: el.selectionStart, end: el.selectionEnd, direction: el.selectionDirection ?? 'none' };
}
