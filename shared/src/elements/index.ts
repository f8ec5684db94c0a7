import { z } from 'zod';
import { ConnectorSchema } from './connector.js';
import { FrameSchema } from './frame.js';
import { GridSchema } from './grid.js';
import { StickySchema } from './sticky.js';
import { SwimlanesSchema } from './swimlanes.js';
import { TextSchema } from './text.js';
import { ThemeSchema } from './theme.js';

export * from './common.js';
export * from './connector.js';
export * from './frame.js';
export * from './grid.js';
export * from './palette.js';
export * from './sticky.js';
export * from './swimlanes.js';
export * from './text.js';
export * from './theme.js';

/** One schema per element kind, keyed by the `type` field stored in the document. */
export const ELEMENT_SCHEMAS = {
  sticky: StickySchema,
  text: TextSchema,
  frame: FrameSchema,
  grid: GridSchema,
  swimlanes: SwimlanesSchema,
  theme: ThemeSchema,
  connector: ConnectorSchema,
} as const;

export type ElementKind = keyof typeof ELEMENT_SCHEMAS;
export const ELEMENT_KINDS = Object.keys(ELEMENT_SCHEMAS) as ElementKind[];
export const ElementKindSchema = z.enum(ELEMENT_KINDS as [ElementKind, ...ElementKind[]]);

export const ElementSchema = z.discriminatedUnion('type', [
  StickySchema,
  TextSchema,
  FrameSchema,
  GridSchema,
  SwimlanesSchema,
  ThemeSchema,
  ConnectorSchema,
]);
/** An element as the app sees it after parsing, plus its id (the key in `elements`). */
export type ElementData = z.infer<typeof ElementSchema>;
export type Element = ElementData & { id: string };
export type ElementOf<K extends ElementKind> = Extract<Element, { type: K }>;
/** Input accepted when creating an element: defaults fill the rest. */
export type ElementInput<K extends ElementKind = ElementKind> = z.input<(typeof ELEMENT_SCHEMAS)[K]>;

/** Kinds that can hold members (cards with `parent` set to them). */
export const CONTAINER_KINDS: ReadonlySet<ElementKind> = new Set(['frame', 'grid', 'swimlanes', 'theme']);
/** Kinds that are cards: they can be members of a container. */
export const CARD_KINDS: ReadonlySet<ElementKind> = new Set(['sticky', 'text']);

export function isKind(value: unknown): value is ElementKind {
  return typeof value === 'string' && Object.hasOwn(ELEMENT_SCHEMAS, value);
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled element kind: ${JSON.stringify(value)}`);
}

/**
 * The lenient twin of a schema: every field that has a default falls back to it when its stored
 * value is invalid. Fields without a default (x, y of most kinds) still fail: such an element is
 * skipped rather than guessed.
 */
function lenient<S extends z.ZodObject>(schema: S): S {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const fallback = field.safeParse(undefined);
    if (!fallback.success) shape[key] = field;
    else shape[key] = keepValidItems(field).catch(fallback.data as never);
  }
  return z.object(shape) as unknown as S;
}

/**
 * For a list field (grid cells, lanes, steps): one bad item costs that item, not the whole list,
 * and an overlong list is cut to its maximum rather than dropped.
 */
function keepValidItems(field: z.ZodType): z.ZodType {
  const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
  if (!(inner instanceof z.ZodArray)) return field;
  const item = inner.element as z.ZodType;
  const max = maxLength(inner);
  return z.preprocess((value) => {
    if (!Array.isArray(value)) return value;
    const kept: unknown[] = [];
    for (const v of value) {
      if (kept.length >= max) break;
      if (item.safeParse(v).success) kept.push(v);
    }
    return kept;
  }, field);
}

function maxLength(array: z.ZodArray): number {
  for (const check of array._zod.def.checks ?? []) {
    const def = check._zod.def as { check?: string; maximum?: number };
    if (def.check === 'max_length' && typeof def.maximum === 'number') return def.maximum;
  }
  return Number.POSITIVE_INFINITY;
}

const LENIENT = Object.fromEntries(
  Object.entries(ELEMENT_SCHEMAS).map(([k, s]) => [k, lenient(s as z.ZodObject)]),
) as unknown as typeof ELEMENT_SCHEMAS;

export type ParseOutcome =
  | { status: 'ok'; element: Element }
  | { status: 'repaired'; element: Element; problems: string[] }
  | { status: 'skipped'; id: string; problems: string[] };

function describe(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(element)'}: ${i.message}`);
}

/**
 * Parse an element's raw value (as read out of the document, which any client may have written).
 * Valid → `ok`; fixable by defaults → `repaired`; otherwise `skipped`. Never throws.
 */
export function parseElement(id: string, raw: unknown): ParseOutcome {
  if (typeof raw !== 'object' || raw === null) {
    return { status: 'skipped', id, problems: ['not an object'] };
  }
  const type = (raw as { type?: unknown }).type;
  if (!isKind(type)) return { status: 'skipped', id, problems: [`unknown type ${JSON.stringify(type)}`] };
  const strict = ELEMENT_SCHEMAS[type].safeParse(raw);
  if (strict.success) return { status: 'ok', element: { ...strict.data, id } as Element };
  const repaired = LENIENT[type].safeParse(raw);
  if (repaired.success) {
    return {
      status: 'repaired',
      element: { ...repaired.data, id } as Element,
      problems: describe(strict.error),
    };
  }
  return { status: 'skipped', id, problems: describe(repaired.error) };
}
