/**
 * Response schemas from the shared zod schemas, so the serializer writes exactly the documented
 * fields and nothing else leaks (e.g. token hashes of a board record).
 */
import { z } from 'zod';

export function responseSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' });
  return rest;
}
