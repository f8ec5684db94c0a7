import { z } from 'zod';

/** The seven exercises of a strategy & alignment session, in agenda order. */
export const EXERCISE_KINDS = [
  'introductions',
  'elevator-pitch',
  'lean-canvas',
  'worst-solution',
  'card-sorting',
  'story-spine',
  'road-map',
] as const;

export const ExerciseKind = z.enum(EXERCISE_KINDS);
export type ExerciseKind = z.infer<typeof ExerciseKind>;

export const EXERCISE_TITLES: Record<ExerciseKind, string> = {
  introductions: 'Introductions',
  'elevator-pitch': 'Elevator Pitch',
  'lean-canvas': 'Lean Business Model Canvas',
  'worst-solution': 'The Worst Solution',
  'card-sorting': 'Card Sorting',
  'story-spine': 'Story Spine',
  'road-map': 'Road Map',
};
