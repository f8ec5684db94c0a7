/** Road Map: vision, now/next/later lanes, broad goals, success metrics, what we test first. */
import type { NewElement } from '../commands.js';
import { BODY_H, BODY_TOP, BODY_W, FRAME_PAD, FrameLayout, type Point } from './parts.js';

export const VISION_CELL = {
  id: 'vision',
  name: 'Vision',
  hint: 'Where we are headed, in a sentence or two',
} as const;

export const ROADMAP_LANES = [
  { id: 'now', name: 'Now' },
  { id: 'next', name: 'Next' },
  { id: 'later', name: 'Later' },
] as const;
export type RoadmapLaneId = (typeof ROADMAP_LANES)[number]['id'];

export const ROADMAP_MEASURES = [
  { id: 'goals', name: 'Broad goals', hint: 'What we want to achieve' },
  { id: 'metrics', name: 'Success metrics', hint: 'How we will know it worked' },
  { id: 'test-first', name: 'What we test first', hint: 'The riskiest assumption, tested immediately' },
] as const;
export type RoadmapMeasureId = (typeof ROADMAP_MEASURES)[number]['id'];

const VISION_H = 260;
const GAP = 40;
const LANES_W = 1520;

export function roadMapTemplate(origin: Point): NewElement[] {
  const layout = new FrameLayout(
    'road-map',
    origin,
    'How might we move forward? The vision, valuable next steps, broad goals, metrics for success — and what we start testing immediately.',
  );
  layout.add('grid', FRAME_PAD, BODY_TOP, {
    title: 'Vision',
    w: BODY_W,
    h: VISION_H,
    cols: 1,
    rows: 1,
    cells: [{ ...VISION_CELL, col: 0, row: 0 }],
  });
  const top = BODY_TOP + VISION_H + GAP;
  const height = BODY_H - VISION_H - GAP;
  layout.add('swimlanes', FRAME_PAD, top, {
    title: 'Next steps',
    w: LANES_W,
    h: height,
    orientation: 'vertical',
    lanes: ROADMAP_LANES.map((l) => ({ ...l })),
  });
  layout.add('grid', FRAME_PAD + LANES_W + GAP, top, {
    title: 'Goals & measures',
    w: BODY_W - LANES_W - GAP,
    h: height,
    cols: 1,
    rows: ROADMAP_MEASURES.length,
    cells: ROADMAP_MEASURES.map((m, i) => ({ ...m, col: 0, row: i })),
  });
  return layout.items;
}
