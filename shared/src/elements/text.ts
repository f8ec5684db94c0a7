import { z } from 'zod';
import { baseShape, LongText, Size } from './common.js';

/** Free text on the canvas (headings, hints). `text` is a Y.Text in the document. */
export const TextSchema = z.object({
  type: z.literal('text'),
  ...baseShape,
  w: Size(320),
  h: Size(48),
  text: LongText,
  fontSize: z.number().finite().min(8).max(400).default(24),
});
export type TextElement = z.infer<typeof TextSchema>;
