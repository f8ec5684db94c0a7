/**
 * The sorting actions a person takes on the current selection. Each calls one shared command
 * (one transaction with the local origin, so one undo reverts it).
 */
import {
  addToTheme,
  type BoardState,
  canPark,
  type Element,
  type ElementOf,
  isCard,
  mergeThemes,
  moveToParkingLot,
  splitTheme,
  suggestSimilar,
  themeFromSelection,
} from '@truenorth/shared';
import type { BoardContextValue } from '../app/boardContext';
import { sortingState } from './sortingState';

type Ctx = BoardContextValue;
type Theme = ElementOf<'theme'>;

/** What the selection allows: the cards in it, the theme in it, and a theme its cards share. */
export interface SortingTargets {
  cards: Element[];
  /** The only theme selected, if exactly one is. */
  theme: Theme | null;
  /** The theme every selected card is in (for "split out"), if they share one. */
  cardsTheme: Theme | null;
  /** Themes one could merge the selected theme into. */
  mergeTargets: Theme[];
  /** Whether "park" keeps the selected cards by their exercise (see `canPark`). */
  parkable: boolean;
}

export function sortingTargets(board: BoardState, selection: ReadonlySet<string>): SortingTargets {
  const selected = [...selection].map((id) => board.byId.get(id)).filter((e): e is Element => !!e);
  const cards = selected.filter(isCard);
  const themes = selected.filter((e): e is Theme => e.type === 'theme');
  const theme = themes.length === 1 ? (themes[0] as Theme) : null;
  const parents = new Set(cards.map((c) => c.parent));
  const [only] = parents;
  const shared = parents.size === 1 && only ? board.byId.get(only) : undefined;
  const cardsTheme = shared?.type === 'theme' ? shared : null;
  const mergeTargets =
    theme && !theme.parking
      ? board.elements.filter((e): e is Theme => e.type === 'theme' && e.id !== theme.id)
      : [];
  return {
    cards,
    theme,
    cardsTheme,
    mergeTargets,
    parkable: cards.length > 0 && canPark(board, cards),
  };
}

function targets(ctx: Ctx): SortingTargets {
  return sortingTargets(ctx.store.getSnapshot(), ctx.selection.get());
}

/** Makes a theme of the selected cards, or splits them out of the theme they share. */
export function groupSelection(ctx: Ctx, name: string): string | null {
  if (!ctx.canEdit) return null;
  const { cards, cardsTheme } = targets(ctx);
  const ids = cards.map((c) => c.id);
  const { doc, origin } = ctx.session;
  const id = ctx.session.step(() =>
    cardsTheme && !cardsTheme.parking
      ? splitTheme(doc, cardsTheme.id, ids, name, origin)
      : themeFromSelection(doc, ids, name, origin),
  );
  if (id) ctx.selection.set(new Set([id]));
  return id;
}

export function mergeSelectedInto(ctx: Ctx, targetId: string): void {
  const { theme } = targets(ctx);
  if (!ctx.canEdit || !theme) return;
  const merged = ctx.session.step(() =>
    mergeThemes(ctx.session.doc, targetId, [theme.id], ctx.session.origin),
  );
  if (merged.length) ctx.selection.set(new Set([targetId]));
}

export function parkSelection(ctx: Ctx): void {
  const { cards, parkable } = targets(ctx);
  if (!ctx.canEdit || !parkable) return;
  ctx.session.step(() =>
    moveToParkingLot(
      ctx.session.doc,
      cards.map((c) => c.id),
      ctx.session.origin,
    ),
  );
}

/** Highlights cards like the selected theme's (or the theme the selected cards are in). */
export function suggestForSelection(ctx: Ctx): boolean {
  const { theme, cardsTheme } = targets(ctx);
  const target = theme ?? cardsTheme;
  if (!target) return false;
  const items = suggestSimilar(ctx.store.getSnapshot().elements, target.id, { limit: 12 });
  sortingState(ctx).suggestions.set({ themeId: target.id, items });
  return true;
}

export function addSuggested(ctx: Ctx, ids: readonly string[]): void {
  const current = sortingState(ctx).suggestions.get();
  if (!ctx.canEdit || !current) return;
  ctx.session.step(() => addToTheme(ctx.session.doc, current.themeId, ids, ctx.session.origin));
  const left = current.items.filter((s) => !ids.includes(s.id));
  sortingState(ctx).suggestions.set(left.length ? { ...current, items: left } : null);
}

export function clearSuggestions(ctx: Ctx): void {
  sortingState(ctx).suggestions.set(null);
}

export type SortingActionId = 'groupTheme' | 'mergeTheme' | 'suggestSimilar' | 'parkingLot';

/** Shortcut entry points: those that need a name or a choice open the selection bar's prompt. */
export function runSortingAction(ctx: Ctx, id: SortingActionId): void {
  if (!ctx.canEdit) return;
  const t = targets(ctx);
  const { prompt } = sortingState(ctx);
  switch (id) {
    case 'groupTheme':
      if (t.cards.length) prompt.set({ kind: t.cardsTheme && !t.cardsTheme.parking ? 'split' : 'group' });
      return;
    case 'mergeTheme':
      if (t.mergeTargets.length) prompt.set({ kind: 'merge' });
      return;
    case 'suggestSimilar':
      suggestForSelection(ctx);
      return;
    case 'parkingLot':
      parkSelection(ctx);
      return;
  }
}
