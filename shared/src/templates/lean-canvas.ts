/**
 * Lean Business Model Canvas: the nine boxes in Ash Maurya's layout. Ten columns so that the
 * bottom row splits in two equal halves under five equal boxes; five rows so that the bottom row
 * is half as tall as the stacked boxes above it.
 *
 *   | Problem | Solution     | UVP | Unfair advantage | Customer  |
 *   |         |--------------|     |------------------| segments  |
 *   |         | Key metrics  |     | Channels         |           |
 *   | Cost structure             | Revenue streams                |
 */
import type { NewElement } from '../commands.js';
import { BODY_H, BODY_TOP, BODY_W, FRAME_PAD, FrameLayout, type Point } from './parts.js';

export const LEAN_CANVAS_COLS = 10;
export const LEAN_CANVAS_ROWS = 5;

/** The nine boxes, in the order a canvas is filled in (and read out in the export). */
export const LEAN_CANVAS_BOXES = [
  {
    id: 'problem',
    name: 'Problem',
    hint: 'Top 3 problems · existing alternatives',
    col: 0,
    row: 0,
    colSpan: 2,
    rowSpan: 4,
  },
  {
    id: 'customer-segments',
    name: 'Customer Segments',
    hint: 'Target customers · early adopters',
    col: 8,
    row: 0,
    colSpan: 2,
    rowSpan: 4,
  },
  {
    id: 'uvp',
    name: 'Unique Value Proposition',
    hint: 'Why you are different and worth attention · high-level concept',
    col: 4,
    row: 0,
    colSpan: 2,
    rowSpan: 4,
  },
  {
    id: 'solution',
    name: 'Solution',
    hint: 'Top 3 features',
    col: 2,
    row: 0,
    colSpan: 2,
    rowSpan: 2,
  },
  {
    id: 'channels',
    name: 'Channels',
    hint: 'Path to customers',
    col: 6,
    row: 2,
    colSpan: 2,
    rowSpan: 2,
  },
  {
    id: 'revenue-streams',
    name: 'Revenue Streams',
    hint: 'Revenue model · lifetime value · gross margin',
    col: 5,
    row: 4,
    colSpan: 5,
    rowSpan: 1,
  },
  {
    id: 'cost-structure',
    name: 'Cost Structure',
    hint: 'Customer acquisition · distribution · hosting · people',
    col: 0,
    row: 4,
    colSpan: 5,
    rowSpan: 1,
  },
  {
    id: 'key-metrics',
    name: 'Key Metrics',
    hint: 'The key activities you measure',
    col: 2,
    row: 2,
    colSpan: 2,
    rowSpan: 2,
  },
  {
    id: 'unfair-advantage',
    name: 'Unfair Advantage',
    hint: 'Cannot easily be copied or bought',
    col: 6,
    row: 0,
    colSpan: 2,
    rowSpan: 2,
  },
] as const;
export type LeanCanvasBoxId = (typeof LEAN_CANVAS_BOXES)[number]['id'];

export function leanCanvasTemplate(origin: Point): NewElement[] {
  const layout = new FrameLayout(
    'lean-canvas',
    origin,
    'Align on the context: customers, problems, metrics, obstacles, opportunities and the unique value proposition. A sticky dropped in a box belongs to it.',
  );
  layout.add('grid', FRAME_PAD, BODY_TOP, {
    title: 'Lean Canvas',
    w: BODY_W,
    h: BODY_H,
    cols: LEAN_CANVAS_COLS,
    rows: LEAN_CANVAS_ROWS,
    cells: LEAN_CANVAS_BOXES.map((b) => ({ ...b })),
  });
  return layout.items;
}
