/**
 * What each grid-based exercise holds, as structured text: for the PDF record, the outline view
 * and the Markdown/CSV export. Each takes a frame id, or reads the first frame of its kind.
 */
import type { Element, ElementOf } from '../elements/index.js';
import { PITCH_PARTS, REACTIONS_CELL } from '../templates/elevator-pitch.js';
import { INTRODUCTIONS_CELL } from '../templates/introductions.js';
import { LEAN_CANVAS_BOXES, type LeanCanvasBoxId } from '../templates/lean-canvas.js';
import { ROADMAP_LANES, ROADMAP_MEASURES, VISION_CELL } from '../templates/road-map.js';
import { DO_INSTEAD_LABEL, INSTEAD_CELL, WORST_CELL } from '../templates/worst-solution.js';
import {
  type BoardInput,
  type Card,
  type CardContent,
  type CellContent,
  cardContent,
  cardsIn,
  cellCards,
  elementsOf,
  findPart,
  gridCells,
  gridWithCell,
  isCard,
} from './board.js';

export type LeanCanvasBox = CellContent & { id: LeanCanvasBoxId };

export interface LeanCanvasContent {
  frameId: string | null;
  gridId: string;
  /** The nine boxes in fill order (Problem first), with their layout and cards. */
  boxes: LeanCanvasBox[];
}

export function leanCanvasContent(board: BoardInput, frameId?: string): LeanCanvasContent | null {
  const elements = elementsOf(board);
  const found = findPart(elements, 'lean-canvas', frameId, gridWithCell('problem'));
  if (!found) return null;
  const cells = new Map(gridCells(elements, found.part).map((c) => [c.id, c]));
  // A box whose cell was removed from the grid still appears (empty) so the record has all nine.
  const boxes = LEAN_CANVAS_BOXES.map((b) => ({ ...b, cards: [], ...cells.get(b.id), id: b.id }));
  return { frameId: found.frameId, gridId: found.part.id, boxes };
}

export interface PitchContent {
  frameId: string | null;
  /** For / Who / The … is a / That / Unlike / Our product, in that order. */
  parts: CellContent[];
  reactions: CardContent[];
}

export function pitchContent(board: BoardInput, frameId?: string): PitchContent | null {
  const elements = elementsOf(board);
  const found = findPart(elements, 'elevator-pitch', frameId, gridWithCell('for'));
  if (!found) return null;
  const cells = new Map(gridCells(elements, found.part).map((c) => [c.id, c]));
  const parts = PITCH_PARTS.map((p, i) => ({
    ...p,
    col: i % 2,
    row: Math.floor(i / 2),
    colSpan: 1,
    rowSpan: 1,
    cards: [],
    ...cells.get(p.id),
  }));
  const reactions = cellCards(elements, 'elevator-pitch', found.frameId ?? undefined, REACTIONS_CELL.id);
  return { frameId: found.frameId, parts, reactions };
}

export function introductionsContent(board: BoardInput, frameId?: string): CardContent[] {
  return cellCards(elementsOf(board), 'introductions', frameId, INTRODUCTIONS_CELL.id);
}

export interface WorstSolutionContent {
  frameId: string | null;
  /** Each worst idea with the do-instead cards it was flipped into. */
  worst: (CardContent & { doInstead: CardContent[] })[];
  /** Do-instead cards, linked or not. */
  doInstead: CardContent[];
}

export function worstSolutionContent(board: BoardInput, frameId?: string): WorstSolutionContent | null {
  const elements = elementsOf(board);
  const found = findPart(elements, 'worst-solution', frameId, gridWithCell(INSTEAD_CELL.id));
  if (!found) return null;
  const byId = new Map(elements.map((e) => [e.id, e]));
  const links = elements.filter(
    (e): e is ElementOf<'connector'> => e.type === 'connector' && e.label === DO_INSTEAD_LABEL,
  );
  const worst = cardsIn(elements, found.part.id, WORST_CELL.id).map((card) => ({
    ...cardContent(card),
    doInstead: links
      .filter((l) => l.from === card.id)
      .map((l) => byId.get(l.to))
      .filter((e): e is Card => e !== undefined && isCard(e))
      .map(cardContent),
  }));
  const doInstead = cardsIn(elements, found.part.id, INSTEAD_CELL.id).map(cardContent);
  return { frameId: found.frameId, worst, doInstead };
}

export interface RoadmapContent {
  frameId: string | null;
  vision: CardContent[];
  /** Now / Next / Later (whatever lanes the swimlanes holds, in order). */
  lanes: { id: string; name: string; cards: CardContent[] }[];
  goals: CardContent[];
  metrics: CardContent[];
  testFirst: CardContent[];
  /** The boxes' hints as the board shows them ('' when a box has none or is missing). */
  hints: { vision: string; goals: string; metrics: string; testFirst: string };
}

function isRoadmapLanes(el: Element): el is ElementOf<'swimlanes'> {
  return el.type === 'swimlanes' && el.lanes.some((l) => l.id === ROADMAP_LANES[0].id);
}

export function roadmapContent(board: BoardInput, frameId?: string): RoadmapContent | null {
  const elements = elementsOf(board);
  const vision = findPart(elements, 'road-map', frameId, gridWithCell(VISION_CELL.id));
  const lanes = findPart(elements, 'road-map', frameId, isRoadmapLanes);
  const measures = findPart(elements, 'road-map', frameId, gridWithCell(ROADMAP_MEASURES[0].id));
  const any = vision ?? lanes ?? measures;
  if (!any) return null;
  const inMeasures = (cell: string) =>
    measures ? cardsIn(elements, measures.part.id, cell).map(cardContent) : [];
  const hintOf = (grid: { part: ElementOf<'grid'> } | null, cell: string) =>
    grid?.part.cells.find((c) => c.id === cell)?.hint ?? '';
  return {
    frameId: any.frameId,
    vision: vision ? cardsIn(elements, vision.part.id, VISION_CELL.id).map(cardContent) : [],
    lanes: lanes
      ? lanes.part.lanes.map((l) => ({
          id: l.id,
          name: l.name,
          cards: cardsIn(elements, lanes.part.id, l.id).map(cardContent),
        }))
      : [],
    goals: inMeasures('goals'),
    metrics: inMeasures('metrics'),
    testFirst: inMeasures('test-first'),
    hints: {
      vision: hintOf(vision, VISION_CELL.id),
      goals: hintOf(measures, 'goals'),
      metrics: hintOf(measures, 'metrics'),
      testFirst: hintOf(measures, 'test-first'),
    },
  };
}
