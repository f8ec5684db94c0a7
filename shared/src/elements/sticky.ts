import { z } from 'zod';
import { baseShape, Color, Label, LongText, Size } from './common.js';

/** A sticky note: the card everyone writes on. `text` is a Y.Text in the document. */
export const StickySchema = z.object({
  type: z.literal('sticky'),
  ...baseShape,
  w: Size(180),
  h: Size(180),
  text: LongText,
  color: Color.default('yellow'),
  /** Display name of the person who wrote it (shown as initials). */
  author: Label(''),
  /** Dot votes this card received, written by the server when a vote is revealed. */
  votes: z.number().int().nonnegative().default(0),
});
export type Sticky = z.infer<typeof StickySchema>;
