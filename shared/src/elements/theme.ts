import { z } from 'zod';
import { baseShape, Color, Label, Size } from './common.js';

/** A named group of cards for card sorting. Members have `parent` = theme id. */
export const ThemeSchema = z.object({
  type: z.literal('theme'),
  ...baseShape,
  w: Size(420),
  h: Size(520),
  name: Label('Theme'),
  color: Color.default('blue'),
  /** The parking lot is a theme for cards that fit nowhere. */
  parking: z.boolean().default(false),
});
export type Theme = z.infer<typeof ThemeSchema>;
