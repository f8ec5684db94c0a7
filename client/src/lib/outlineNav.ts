/**
 * Small decisions of the outline's keyboard and screen-reader behaviour, kept pure so they are
 * tested apart from the DOM: which card takes the focus when the focused one goes, which keys
 * change a closed <select>'s value, and how a card is named in what is announced.
 */
import { short as shortText } from '../history/format';

/** A card's text as it is named in labels and announcements: one line, at most 40 characters. */
export function short(text: string): string {
  return shortText(text, 40, 'empty card');
}

/**
 * The card to focus when the focused card `gone` is no longer listed: of its group's cards as
 * they were (`ids`, in order), the nearest after it that is still there, else the nearest before
 * it; null when none is left (the group's "add card" field is next in line then).
 */
export function neighbourOf(
  ids: readonly string[],
  gone: string,
  present: (id: string) => boolean,
): string | null {
  const at = ids.indexOf(gone);
  if (at < 0) return ids.find(present) ?? null;
  for (let i = at + 1; i < ids.length; i++) if (present(ids[i] as string)) return ids[i] as string;
  for (let i = at - 1; i >= 0; i--) if (present(ids[i] as string)) return ids[i] as string;
  return null;
}

/**
 * Whether a key pressed on a closed <select> changes its value at once (Chromium and Firefox fire
 * `change` for these): arrows, Home/End, Page Up/Down and type-ahead letters. Alt+arrow opens the
 * list instead, and a choice made in the open list is committed like a click.
 */
export function changesSelectValue(e: {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey) return false;
  if (/^(Arrow(Up|Down|Left|Right)|Home|End|PageUp|PageDown)$/.test(e.key)) return true;
  // Type-ahead: a printable character (Space opens the list).
  return [...e.key].length === 1 && e.key !== ' ';
}
