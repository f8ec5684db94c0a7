/**
 * Local UI state of live card sorting, one set per open board: which prompt the selection bar
 * shows, and the cards suggested for a theme. Kept beside the board's context rather than in
 * it, so the sorting tools plug in without the board knowing them.
 */
import type { Suggestion } from '@truenorth/shared';
import type { BoardContextValue } from '../app/boardContext';
import { Store } from '../lib/store';

/** What the selection bar asks for: a name for a new theme, or a theme to merge into. */
export type SortingPrompt = { kind: 'group' } | { kind: 'split' } | { kind: 'merge' } | null;

export interface Suggestions {
  themeId: string;
  items: Suggestion[];
}

interface SortingState {
  prompt: Store<SortingPrompt>;
  suggestions: Store<Suggestions | null>;
}

const states = new WeakMap<BoardContextValue, SortingState>();

export function sortingState(ctx: BoardContextValue): SortingState {
  let state = states.get(ctx);
  if (!state) {
    state = { prompt: new Store<SortingPrompt>(null), suggestions: new Store<Suggestions | null>(null) };
    states.set(ctx, state);
  }
  return state;
}
