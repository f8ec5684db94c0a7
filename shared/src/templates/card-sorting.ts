/** Card Sorting: an idea pool everyone dumps ideas into, starter themes, and a parking lot. */
import type { NewElement } from '../commands.js';
import type { Color } from '../elements/index.js';
import { BODY_H, BODY_TOP, BODY_W, FRAME_PAD, FrameLayout, type Point } from './parts.js';

export const IDEA_POOL_CELL = {
  id: 'pool',
  name: 'Ideas',
  hint: 'Every solution idea, one per sticky — quantity first',
} as const;

export const STARTER_THEMES: readonly { name: string; color: Color }[] = [
  { name: 'Theme A', color: 'blue' },
  { name: 'Theme B', color: 'green' },
  { name: 'Theme C', color: 'purple' },
];
export const PARKING_LOT_NAME = 'Parking lot';

const POOL_W = 1080;
const GAP = 40;
const THEMES_H = 640;

export function cardSortingTemplate(origin: Point): NewElement[] {
  const layout = new FrameLayout(
    'card-sorting',
    origin,
    'Dump every solution idea into the pool, one per sticky. Then sort them into themes, live. Cards that fit nowhere go to the parking lot.',
  );
  layout.add('grid', FRAME_PAD, BODY_TOP, {
    title: 'Idea pool',
    w: POOL_W,
    h: BODY_H,
    cols: 1,
    rows: 1,
    cells: [{ ...IDEA_POOL_CELL, col: 0, row: 0 }],
  });
  const left = FRAME_PAD + POOL_W + GAP;
  const width = FRAME_PAD + BODY_W - left;
  const themeW = (width - GAP * (STARTER_THEMES.length - 1)) / STARTER_THEMES.length;
  STARTER_THEMES.forEach((t, i) => {
    layout.add('theme', left + i * (themeW + GAP), BODY_TOP, { ...t, w: themeW, h: THEMES_H });
  });
  layout.add('theme', left, BODY_TOP + THEMES_H + GAP, {
    name: PARKING_LOT_NAME,
    color: 'gray',
    parking: true,
    w: width,
    h: BODY_H - THEMES_H - GAP,
  });
  return layout.items;
}
