/** Card sorting's semantics: themes with their cards, the parking lot, and the unsorted pool. */
import type { Color, ElementOf } from '../elements/index.js';
import { IDEA_POOL_CELL } from '../templates/card-sorting.js';
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
