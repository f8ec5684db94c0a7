/** Introductions: each person adds one card about themselves (name, role, experience, perspective). */
import type { NewElement } from '../commands.js';
import { BODY_H, BODY_TOP, BODY_W, FRAME_PAD, FrameLayout, type Point } from './parts.js';

/** The single area people put their card in (a one-cell grid). */
export const INTRODUCTIONS_CELL = {
  id: 'people',
  name: 'One card per person',
  hint: 'Name · Role · Experience · The perspective you bring',
} as const;

export function introductionsTemplate(origin: Point): NewElement[] {
  const layout = new FrameLayout(
    'introductions',
    origin,
    'Each person shares their role, experience and perspective. Add one card about yourself.',
  );
  layout.add('grid', FRAME_PAD, BODY_TOP, {
    title: 'Our team',
    w: BODY_W,
    h: BODY_H,
    cols: 1,
    rows: 1,
    cells: [{ ...INTRODUCTIONS_CELL, col: 0, row: 0 }],
  });
  return layout.items;
}
