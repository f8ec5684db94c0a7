import { z } from 'zod';

/** Coordinates are finite and bounded so that no client can push the canvas to infinity. */
export const COORD_LIMIT = 10_000_000;
export const MIN_SIZE = 8;
export const MAX_SIZE = 100_000;
/** Longest text shown for a card; longer text is kept in the document but cut on read. */
export const MAX_TEXT = 20_000;
export const MAX_LABEL = 500;

export const Coord = z.number().finite().min(-COORD_LIMIT).max(COORD_LIMIT);
export const Size = (d: number) => z.number().finite().min(MIN_SIZE).max(MAX_SIZE).default(d);
export const Label = (d = '') =>
  z
    .string()
    .default(d)
    .transform((s) => s.slice(0, MAX_LABEL));
export const LongText = z
  .string()
  .default('')
  .transform((s) => s.slice(0, MAX_TEXT));
export const ElementId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** Fractional index key (see `fractional-indexing`); validated loosely, used defensively. */
export const ZIndex = z
  .string()
  .regex(/^[A-Za-z0-9]{1,128}$/)
  .default('a0');

export const COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple', 'gray', 'white'] as const;
export const Color = z.enum(COLORS);
export type Color = z.infer<typeof Color>;

/**
 * Fields every element has. Membership (`parent` + `slot`) lives on the member, so two people
 * moving the same card at once resolve per field, and moving a container moves its members.
 */
export const baseShape = {
  x: Coord,
  y: Coord,
  z: ZIndex,
  parent: ElementId.nullable().default(null),
  /** Which part of the parent: a grid cell id, a lane id, or null for the parent as a whole. */
  slot: z.string().max(64).nullable().default(null),
  locked: z.boolean().default(false),
  createdBy: z.string().max(64).default(''),
  createdAt: z.number().finite().nonnegative().default(0),
};

/**
 * A new card's authorship: who wrote it (shown on the card) and who created it when (`createdBy`
 * cut to what its schema takes).
 */
export function authoredBy(
  name: string,
  at: number,
): { author: string; createdBy: string; createdAt: number } {
  return { author: name, createdBy: name.slice(0, 64), createdAt: at };
}

/** Fields a text-bearing element keeps as a Y.Text (collaborative text). */
export const TEXT_FIELDS = new Set(['text']);
