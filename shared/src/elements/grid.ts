import { z } from 'zod';
import { baseShape, Label, Size } from './common.js';

export const GridCellSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: Label(''),
  hint: Label(''),
  col: z.number().int().min(0).max(63),
  row: z.number().int().min(0).max(63),
  colSpan: z.number().int().min(1).max(64).default(1),
  rowSpan: z.number().int().min(1).max(64).default(1),
});
export type GridCell = z.infer<typeof GridCellSchema>;

/**
 * A canvas grid with named cells (the nine boxes of the Lean Canvas). A card dropped in a cell
 * gets `parent` = grid id and `slot` = cell id.
 */
export const GridSchema = z.object({
  type: z.literal('grid'),
  ...baseShape,
  w: Size(1500),
  h: Size(900),
  title: Label(''),
  cols: z.number().int().min(1).max(64).default(3),
  rows: z.number().int().min(1).max(64).default(3),
  cells: z.array(GridCellSchema).max(512).default([]),
});
export type Grid = z.infer<typeof GridSchema>;
