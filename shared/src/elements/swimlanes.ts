import { z } from 'zod';
import { baseShape, Label, Size } from './common.js';

export const LaneSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: Label(''),
});
export type Lane = z.infer<typeof LaneSchema>;

/**
 * Named lanes (rows when horizontal, columns when vertical), optionally crossed by named steps,
 * and an optional movable line. A card's `slot` is `laneId` or `laneId:stepId`.
 * `line` is the line's position as a fraction (0–1) across the lanes; cards above it (or left of
 * it, when vertical) are on the "core" side, the rest on the "mission-critical" side.
 */
export const SwimlanesSchema = z.object({
  type: z.literal('swimlanes'),
  ...baseShape,
  w: Size(1500),
  h: Size(800),
  title: Label(''),
  orientation: z.enum(['horizontal', 'vertical']).default('horizontal'),
  lanes: z.array(LaneSchema).max(256).default([]),
  steps: z.array(LaneSchema).max(256).default([]),
  line: z.number().finite().min(0).max(1).nullable().default(null),
  lineLabels: z.tuple([z.string().max(100), z.string().max(100)]).default(['Core', 'Mission-critical']),
});
export type Swimlanes = z.infer<typeof SwimlanesSchema>;
