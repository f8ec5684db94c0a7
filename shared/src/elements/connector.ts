import { z } from 'zod';
import { baseShape, ElementId, Label } from './common.js';

/** An arrow from one element to another (e.g. a worst idea → its "do instead" card). */
export const ConnectorSchema = z.object({
  type: z.literal('connector'),
  ...baseShape,
  x: baseShape.x.default(0),
  y: baseShape.y.default(0),
  from: ElementId,
  to: ElementId,
  label: Label(''),
});
export type Connector = z.infer<typeof ConnectorSchema>;
