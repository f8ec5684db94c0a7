/**
 * Response schemas are the shared zod schemas themselves, so the serializer writes exactly the
 * documented fields and nothing else leaks (e.g. token hashes of a board record): the answer is
 * the schema's parse of the handler's value (unknown keys stripped), as JSON. A value that does
 * not fit its schema is a 500, as a missing field was with a JSON-schema serializer.
 *
 * Fastify's default compilers (Ajv for validation, fast-json-stringify for responses) are not
 * loaded at all: `schemaCompilers` replaces both, which keeps about 2 MiB of heap and their
 * generated code out of every process. Requests are parsed with zod in the handlers
 * (`parseInput`), never with JSON schemas, so a route declaring a body, querystring, params or
 * headers schema is a startup error rather than a silently different validator.
 */
import type { FastifyServerOptions } from 'fastify';
import { z } from 'zod';

/** A route's response schema: the zod schema, which Fastify hands to `schemaCompilers`. */
export function responseSchema(schema: z.ZodType): z.ZodType {
  return schema;
}

function serializerFor(schema: unknown, method: string, url: string): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) {
    throw new Error(`${method} ${url}: response schemas are zod schemas (routes/schemas.ts)`);
  }
  return (data) => JSON.stringify(schema.parse(data));
}

/** Fastify's `schemaController` option: zod for responses, no JSON-schema request validation. */
export const schemaCompilers: NonNullable<FastifyServerOptions['schemaController']> = {
  compilersFactory: {
    buildSerializer:
      () =>
      ({ schema, method, url }) =>
        serializerFor(schema, method, url),
    buildValidator:
      () =>
      ({ method, url, httpPart }) => {
        throw new Error(
          `${method} ${url}: the request ${httpPart ?? 'part'} is parsed with zod in the handler (parseInput), not a JSON schema`,
        );
      },
  },
};
