/** Elevator Pitch: the product owner's structured pitch, plus the team's reactions. */
import type { NewElement } from '../commands.js';
import { BODY_H, BODY_TOP, BODY_W, FRAME_PAD, FrameLayout, type Point } from './parts.js';

/** The pitch, in reading order (two columns, three rows: it reads as one sentence). */
export const PITCH_PARTS = [
  { id: 'for', name: 'For', hint: '(target customer)' },
  { id: 'who', name: 'Who', hint: '(statement of the need or opportunity)' },
  { id: 'product', name: 'The … is a', hint: '(product name) is a (product category)' },
  { id: 'benefit', name: 'That', hint: '(key benefit, compelling reason to buy)' },
  { id: 'unlike', name: 'Unlike', hint: '(primary competitive alternative)' },
  { id: 'differentiation', name: 'Our product', hint: '(statement of primary differentiation)' },
] as const;
export type PitchPartId = (typeof PITCH_PARTS)[number]['id'];

export const REACTIONS_CELL = {
  id: 'reactions',
  name: 'Reactions',
  hint: 'What excites you? What worries you? What is missing?',
} as const;

const PITCH_W = 1520;

export function elevatorPitchTemplate(origin: Point): NewElement[] {
  const layout = new FrameLayout(
    'elevator-pitch',
    origin,
    'The product owner pitches the original “why” behind exploring this solution. Then everyone adds reactions.',
  );
  layout.add('grid', FRAME_PAD, BODY_TOP, {
    title: 'The pitch',
    w: PITCH_W,
    h: BODY_H,
    cols: 2,
    rows: 3,
    cells: PITCH_PARTS.map((p, i) => ({ ...p, col: i % 2, row: Math.floor(i / 2) })),
  });
  const gap = 40;
  layout.add('grid', FRAME_PAD + PITCH_W + gap, BODY_TOP, {
    title: 'Team reactions',
    w: BODY_W - PITCH_W - gap,
    h: BODY_H,
    cols: 1,
    rows: 1,
    cells: [{ ...REACTIONS_CELL, col: 0, row: 0 }],
  });
  return layout.items;
}
