/**
 * How an element's fields are stored as Yjs values, so that people editing the same element at
 * once keep each other's work where they edited different things:
 *
 * - `text` is a Y.Text: two people typing in one note keep both their characters.
 * - A swimlanes' `lanes` and `steps` are a Y.Array of Y.Maps `{ id, name }` (since schema version
 *   2): two people renaming two different steps, or adding one each, keep both changes — also when
 *   one of them did it offline and comes back an hour later. Stored as one JSON value (version 1),
 *   the later write took the whole list and the other rename or step was gone.
 * - Everything else is a plain value, last writer wins per field.
 *
 * Readers accept every shape (`rawFields` turns shared types into JSON before parsing); writers
 * use `storedValue`, and the part commands edit the list in place (`partListOf`).
 */
import * as Y from 'yjs';
import { TEXT_FIELDS } from './elements/index.js';

/** Fields kept as a Y.Array of Y.Maps, one per part (a swimlanes' lanes and steps). */
export const PART_LIST_FIELDS: ReadonlySet<string> = new Set(['lanes', 'steps']);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Strings with every lone surrogate replaced by U+FFFD. Yjs sends strings as UTF-8, which has no
 * lone surrogates: written as they are, the local doc would keep them and every peer would get
 * U+FFFD instead, and the docs would differ for good.
 */
export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wellFormed(v)])) as T;
  }
  return value;
}

/** One part (`{ id, name }`) as the Y.Map it is stored as. */
export function partMap(part: Record<string, unknown>): Y.Map<unknown> {
  const ymap = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(wellFormed(part))) if (value !== undefined) ymap.set(key, value);
  return ymap;
}

/**
 * The value to store under `key` for a parsed field value: a Y.Text for a text field, a Y.Array of
 * Y.Maps for a part list, the plain value (well-formed) otherwise.
 */
export function storedValue(key: string, value: unknown): unknown {
  const clean = wellFormed(value);
  if (TEXT_FIELDS.has(key) && typeof clean === 'string') return new Y.Text(clean);
  if (PART_LIST_FIELDS.has(key) && Array.isArray(clean)) {
    const list = new Y.Array<unknown>();
    list.push(
      clean.map((part) =>
        part !== null && typeof part === 'object' && !Array.isArray(part)
          ? partMap(part as Record<string, unknown>)
          : part,
      ),
    );
    return list;
  }
  return clean;
}

/**
 * The element's part list under `key` when it is stored as a Y.Array of Y.Maps (version 2), for
 * editing one part in place; undefined when it is absent or a plain JSON array (a board from
 * version 1, or an old client's write), which a caller replaces whole with `storedValue`.
 */
export function partListOf(ymap: Y.Map<unknown>, key: string): Y.Array<unknown> | undefined {
  const list = ymap.get(key);
  if (!(list instanceof Y.Array)) return undefined;
  return list.toArray().every((part) => part instanceof Y.Map) ? list : undefined;
}

/** Index of the part with this id in a stored part list; -1 when there is none. */
export function partIndex(list: Y.Array<unknown>, id: string): number {
  return list.toArray().findIndex((part) => part instanceof Y.Map && part.get('id') === id);
}
