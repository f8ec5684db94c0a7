import { z } from 'zod';
import { ExerciseKind } from '../exercises.js';
import { baseShape, Label, Size } from './common.js';

/** An exercise's area on the canvas. Everything inside belongs to it (parent = frame id). */
export const FrameSchema = z.object({
  type: z.literal('frame'),
  ...baseShape,
  w: Size(1600),
  h: Size(1000),
  title: Label('Frame'),
  exercise: ExerciseKind.nullable().default(null),
});
export type Frame = z.infer<typeof FrameSchema>;
