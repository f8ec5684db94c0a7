/** Reading a board's exercises: membership, cards in reading order, and finding an exercise's parts. */
import * as Y from 'yjs';
import type { Color, Element, ElementOf } from '../elements/index.js';
import type { ExerciseKind } from '../exercises.js';
import { type BoardState, readBoard } from '../layout.js';

/** Anything a board can be read from: the live document, a parsed board, or its elements. */
export type BoardInput = Y.Doc | BoardState | readonly Element[];

export function elementsOf(board: BoardInput): readonly Element[] {
  if (board instanceof Y.Doc) return readBoard(board).elements;
  if (Array.isArray(board)) return board;
  return (board as BoardState).elements;
}

/** A card as the outline, the export and the tests see it. */
export interface CardContent {
  id: string;
  kind: 'sticky' | 'text';
  text: string;
  /** Display name of the writer ('' when unknown or for free text). */
  author: string;
  /** The sticky's colour; null for free text. */
  color: Color | null;
}

export type Card = ElementOf<'sticky' | 'text'>;

export function isCard(el: Element): el is Card {
  return el.type === 'sticky' || el.type === 'text';
}

export function cardContent(card: Card): CardContent {
  return card.type === 'sticky'
    ? { id: card.id, kind: 'sticky', text: card.text, author: card.author, color: card.color }
    : { id: card.id, kind: 'text', text: card.text, author: '', color: null };
}

/** Top to bottom, then left to right; ids break ties so every reader agrees. */
export function readingOrder(a: Element, b: Element): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The members of a container (elements whose `parent` is it), in the given order. With `slot`,
 * only those in that part (a grid cell id, `laneId` or `laneId:stepId`; null for the container as
 * a whole).
 */
export function membersOf(
  elements: readonly Element[],
  containerId: string,
  slot?: string | null,
): Element[] {
  return elements.filter((e) => e.parent === containerId && (slot === undefined || e.slot === slot));
}

/** The cards in a container (or one of its slots), in reading order. */
export function cardsIn(elements: readonly Element[], containerId: string, slot?: string | null): Card[] {
  return membersOf(elements, containerId, slot).filter(isCard).sort(readingOrder);
}

/** The frames of one exercise kind, back to front. */
export function exerciseFrames(board: BoardInput, kind: ExerciseKind): ElementOf<'frame'>[] {
  return elementsOf(board).filter((e): e is ElementOf<'frame'> => e.type === 'frame' && e.exercise === kind);
}

/**
 * The part of an exercise that `match` recognises: among the members of the frame `frameId` (or of
 * the first frame of `kind`), else — only when no frame was asked for and none exists, e.g. the
 * frame was deleted and its parts released — anywhere on the board.
 */
export function findPart<T extends Element>(
  elements: readonly Element[],
  kind: ExerciseKind,
  frameId: string | undefined,
  match: (el: Element) => el is T,
): { frameId: string | null; part: T } | null {
  const frame =
    frameId === undefined
      ? exerciseFrames(elements, kind)[0]
      : elements.find((e) => e.id === frameId && e.type === 'frame');
  if (frame) {
    const part = elements.find((e): e is T => e.parent === frame.id && match(e));
    return part ? { frameId: frame.id, part } : null;
  }
  if (frameId !== undefined) return null;
  const part = elements.find(match);
  return part ? { frameId: null, part } : null;
}

/** A matcher for the grid that has a cell with this id. */
export function gridWithCell(cellId: string) {
  return (el: Element): el is ElementOf<'grid'> =>
    el.type === 'grid' && el.cells.some((c) => c.id === cellId);
}

export interface CellContent {
  id: string;
  name: string;
  hint: string;
  col: number;
  row: number;
  colSpan: number;
  rowSpan: number;
  cards: CardContent[];
}

/** A grid's cells in stored order, each with its cards. */
export function gridCells(elements: readonly Element[], grid: ElementOf<'grid'>): CellContent[] {
  return grid.cells.map((c) => ({ ...c, cards: cardsIn(elements, grid.id, c.id).map(cardContent) }));
}

/** The cards of one cell of the grid that `findPart` finds for `cellId` ([] when there is none). */
export function cellCards(
  elements: readonly Element[],
  kind: ExerciseKind,
  frameId: string | undefined,
  cellId: string,
): CardContent[] {
  const found = findPart(elements, kind, frameId, gridWithCell(cellId));
  return found ? cardsIn(elements, found.part.id, cellId).map(cardContent) : [];
}
