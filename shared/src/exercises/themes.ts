/** Card sorting's semantics: themes with their cards, the parking lot, and the unsorted pool. */
import type { Color, ElementOf } from '../elements/index.js';
import { IDEA_POOL_CELL, STARTER_THEMES } from '../templates/card-sorting.js';
import {
  type BoardInput,
  type CardContent,
  cardContent,
  cardsIn,
  cellCards,
  elementsOf,
  exerciseFrames,
  readingOrder,
} from './board.js';

export interface ThemeContent {
  id: string;
  name: string;
  color: Color;
  parking: boolean;
  cards: CardContent[];
}

/**
 * Themes with their cards: all themes on the board, or those in one frame. Themes in reading
 * order, parking lots last.
 */
export function themesWithCards(board: BoardInput, frameId?: string): ThemeContent[] {
  const elements = elementsOf(board);
  return elements
    .filter(
      (e): e is ElementOf<'theme'> => e.type === 'theme' && (frameId === undefined || e.parent === frameId),
    )
    .sort((a, b) => Number(a.parking) - Number(b.parking) || readingOrder(a, b))
    .map((t) => ({
      id: t.id,
      name: t.name,
      color: t.color,
      parking: t.parking,
      cards: cardsIn(elements, t.id).map(cardContent),
    }));
}

const STARTER_NAMES = new Set(STARTER_THEMES.map((t) => t.name));

/**
 * A theme nobody named or filled: a template's starter placeholder still called "Theme C" (or a
 * theme whose name was cleared), with no cards. It says nothing about the workshop, unlike an
 * empty theme the team did name (or the parking lot), which says "we had this, and nothing went
 * in it" — the record lists those and leaves placeholders out.
 */
export function isPlaceholderTheme(theme: Pick<ThemeContent, 'name' | 'parking' | 'cards'>): boolean {
  const name = theme.name.trim();
  return !theme.parking && theme.cards.length === 0 && (name === '' || STARTER_NAMES.has(name));
}

export interface CardSortingContent {
  frameId: string;
  /** Ideas not sorted yet. */
  pool: CardContent[];
  themes: ThemeContent[];
}

export function cardSortingContent(board: BoardInput, frameId?: string): CardSortingContent | null {
  const elements = elementsOf(board);
  const frame =
    frameId === undefined
      ? exerciseFrames(elements, 'card-sorting')[0]
      : elements.find((e) => e.id === frameId && e.type === 'frame');
  if (!frame) return null;
  return {
    frameId: frame.id,
    pool: cellCards(elements, 'card-sorting', frame.id, IDEA_POOL_CELL.id),
    themes: themesWithCards(elements, frame.id),
  };
}
