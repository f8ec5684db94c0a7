/**
 * Named commands: every user action is one of these, and each runs exactly one Yjs transaction
 * with the caller's origin, so an UndoManager that tracks only the local origin undoes only the
 * local user's actions.
 */
import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import type { z } from 'zod';
import {
  CONTAINER_KINDS,
  ELEMENT_SCHEMAS,
  type Element,
  type ElementInput,
  type ElementKind,
  TEXT_FIELDS,
} from './elements/index.js';
import { center, dropTarget } from './geometry.js';
import { newId } from './ids.js';
import { elementsMap, elementYMap, readBoard } from './layout.js';

/** Safe fractional-index step: a corrupt stored key never makes a command throw. */
function keyBetween(a: string | null, b: string | null): string {
  try {
    return generateKeyBetween(a, b);
  } catch {
    try {
      return generateKeyBetween(a, null);
    } catch {
      return generateKeyBetween(null, null);
    }
  }
}

function maxZ(doc: Y.Doc): string | null {
  let max: string | null = null;
  for (const value of elementsMap(doc).values()) {
    if (!(value instanceof Y.Map)) continue;
    const z = value.get('z');
    if (typeof z === 'string' && (max === null || z > max)) max = z;
  }
  return max;
}

function minZ(doc: Y.Doc): string | null {
  let min: string | null = null;
  for (const value of elementsMap(doc).values()) {
    if (!(value instanceof Y.Map)) continue;
    const z = value.get('z');
    if (typeof z === 'string' && (min === null || z < min)) min = z;
  }
  return min;
}

function toYMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const ymap = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'id' || value === undefined) continue;
    ymap.set(key, TEXT_FIELDS.has(key) && typeof value === 'string' ? new Y.Text(value) : value);
  }
  return ymap;
}

/** Validate and write one element inside the current transaction. */
function insert<K extends ElementKind>(
  doc: Y.Doc,
  kind: K,
  input: ElementInput<K>,
  id: string,
  z: string,
): void {
  const parsed = ELEMENT_SCHEMAS[kind].parse({ ...input, type: kind, z: (input as { z?: string }).z ?? z });
  elementsMap(doc).set(id, toYMap(parsed as Record<string, unknown>));
}

export interface CreateOptions {
  id?: string;
  origin?: unknown;
}

/** Create one element on top of everything. Throws on invalid input (a programming error). */
export function createElement<K extends ElementKind>(
  doc: Y.Doc,
  kind: K,
  input: Omit<ElementInput<K>, 'type'>,
  opts: CreateOptions = {},
): string {
  const id = opts.id ?? newId();
  doc.transact(() => {
    insert(doc, kind, { ...input, type: kind } as ElementInput<K>, id, keyBetween(maxZ(doc), null));
  }, opts.origin);
  return id;
}

export interface NewElement<K extends ElementKind = ElementKind> {
  kind: K;
  input: Omit<ElementInput<K>, 'type'>;
  id?: string;
}

/** Create several elements in one transaction (templates, paste, import), in the given order. */
export function createElements(doc: Y.Doc, items: readonly NewElement[], origin?: unknown): string[] {
  const ids = items.map((it) => it.id ?? newId());
  doc.transact(() => {
    let z = maxZ(doc);
    items.forEach((it, i) => {
      z = keyBetween(z, null);
      insert(doc, it.kind, { ...it.input, type: it.kind } as ElementInput, ids[i] as string, z);
    });
  }, origin);
  return ids;
}

/** Ids plus every member of any container among them, recursively. */
export function withMembers(elements: readonly Element[], ids: Iterable<string>): Set<string> {
  const out = new Set(ids);
  const children = new Map<string, string[]>();
  for (const el of elements) {
    if (el.parent) children.set(el.parent, [...(children.get(el.parent) ?? []), el.id]);
  }
  const stack = [...out];
  while (stack.length) {
    const id = stack.pop() as string;
    for (const child of children.get(id) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        stack.push(child);
      }
    }
  }
  return out;
}

/** Move elements by (dx, dy); containers take their members along. */
export function moveBy(doc: Y.Doc, ids: readonly string[], dx: number, dy: number, origin?: unknown): void {
  if (!Number.isFinite(dx) || !Number.isFinite(dy) || (dx === 0 && dy === 0)) return;
  const { elements, byId } = readBoard(doc);
  const all = withMembers(elements, ids);
  doc.transact(() => {
    for (const id of all) {
      const el = byId.get(id);
      const ymap = elementYMap(doc, id);
      if (!el || !ymap || el.type === 'connector') continue;
      ymap.set('x', el.x + dx);
      ymap.set('y', el.y + dy);
    }
  }, origin);
}

/** Put a card where it was dropped: the container slot under its centre becomes its parent. */
export function placeByDrop(doc: Y.Doc, ids: readonly string[], origin?: unknown): void {
  const { elements, byId } = readBoard(doc);
  const moving = withMembers(elements, ids);
  doc.transact(() => {
    for (const id of ids) {
      const el = byId.get(id);
      const ymap = elementYMap(doc, id);
      if (!el || !ymap || el.type === 'connector' || el.type === 'frame') continue;
      const c = center(el);
      const target = dropTarget(elements, c.x, c.y, moving);
      if (el.parent !== target.parent) ymap.set('parent', target.parent);
      if (el.slot !== target.slot) ymap.set('slot', target.slot);
    }
  }, origin);
}

/** Move to absolute positions, then re-place by drop (a drag's end). */
export function moveTo(
  doc: Y.Doc,
  moves: readonly { id: string; x: number; y: number }[],
  origin?: unknown,
): void {
  doc.transact(() => {
    const { byId } = readBoard(doc);
    for (const m of moves) {
      const el = byId.get(m.id);
      if (!el || !Number.isFinite(m.x) || !Number.isFinite(m.y)) continue;
      moveBy(doc, [m.id], m.x - el.x, m.y - el.y, origin);
    }
    placeByDrop(
      doc,
      moves.map((m) => m.id),
      origin,
    );
  }, origin);
}

/** Set membership explicitly (outline view, "move to theme"). */
export function setMembership(
  doc: Y.Doc,
  id: string,
  parent: string | null,
  slot: string | null,
  origin?: unknown,
): void {
  const ymap = elementYMap(doc, id);
  if (!ymap || parent === id) return;
  doc.transact(() => {
    ymap.set('parent', parent);
    ymap.set('slot', slot);
  }, origin);
}

type Patch<K extends ElementKind> = Partial<Omit<ElementInput<K>, 'type' | 'text'>>;

/** Set plain fields of one element; the patch is validated against the element's schema. */
export function updateElement<K extends ElementKind>(
  doc: Y.Doc,
  id: string,
  patch: Patch<K>,
  origin?: unknown,
): boolean {
  const ymap = elementYMap(doc, id);
  const type = ymap?.get('type');
  if (!ymap || typeof type !== 'string' || !Object.hasOwn(ELEMENT_SCHEMAS, type)) return false;
  const schema = ELEMENT_SCHEMAS[type as ElementKind] as unknown as z.ZodObject;
  const keys = Object.keys(patch).filter((k) => k !== 'type' && !TEXT_FIELDS.has(k) && k in schema.shape);
  if (keys.length === 0) return false;
  const mask = Object.fromEntries(keys.map((k) => [k, true])) as never;
  const values = Object.fromEntries(keys.map((k) => [k, (patch as Record<string, unknown>)[k]]));
  const parsed = schema.pick(mask).safeParse(values);
  if (!parsed.success) return false;
  doc.transact(() => {
    for (const [key, value] of Object.entries(parsed.data as Record<string, unknown>)) ymap.set(key, value);
  }, origin);
  return true;
}

/** The element's collaborative text, creating it (from a plain string, if one was stored). */
export function textOf(doc: Y.Doc, id: string, field = 'text'): Y.Text | undefined {
  const ymap = elementYMap(doc, id);
  if (!ymap) return undefined;
  const value = ymap.get(field);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(typeof value === 'string' ? value : '');
  ymap.set(field, text);
  return text;
}

/** Insert/delete characters in an element's text (indexes are clamped to the text). */
export function editText(
  doc: Y.Doc,
  id: string,
  index: number,
  deleteCount: number,
  insertText: string,
  origin?: unknown,
): void {
  doc.transact(() => {
    const text = textOf(doc, id);
    if (!text) return;
    const at = Math.max(0, Math.min(Math.floor(index), text.length));
    const del = Math.max(0, Math.min(Math.floor(deleteCount), text.length - at));
    if (del) text.delete(at, del);
    if (insertText) text.insert(at, insertText);
  }, origin);
}

/** Replace an element's whole text with the smallest edit (keeps concurrent typing elsewhere). */
export function setText(doc: Y.Doc, id: string, next: string, origin?: unknown): void {
  doc.transact(() => {
    const text = textOf(doc, id);
    if (!text) return;
    const prev = text.toString();
    let start = 0;
    while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
    let endPrev = prev.length;
    let endNext = next.length;
    while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
      endPrev--;
      endNext--;
    }
    if (endPrev > start) text.delete(start, endPrev - start);
    if (endNext > start) text.insert(start, next.slice(start, endNext));
  }, origin);
}

/** Delete elements. Members of a deleted container stay, released; arrows to them go. */
export function deleteElements(doc: Y.Doc, ids: readonly string[], origin?: unknown): void {
  const gone = new Set(ids);
  const { elements } = readBoard(doc);
  doc.transact(() => {
    const map = elementsMap(doc);
    for (const el of elements) {
      if (gone.has(el.id)) continue;
      if (el.type === 'connector' && (gone.has(el.from) || gone.has(el.to))) map.delete(el.id);
      else if (el.parent && gone.has(el.parent)) {
        const ymap = elementYMap(doc, el.id);
        ymap?.set('parent', null);
        ymap?.set('slot', null);
      }
    }
    for (const id of ids) map.delete(id);
  }, origin);
}

/** Copy elements (and their members) shifted by (dx, dy); returns a map old id → new id. */
export function duplicateElements(
  doc: Y.Doc,
  ids: readonly string[],
  dx = 24,
  dy = 24,
  origin?: unknown,
): Map<string, string> {
  const { elements, byId } = readBoard(doc);
  const all = [...withMembers(elements, ids)].filter((id) => byId.has(id));
  const mapping = new Map(all.map((id) => [id, newId()]));
  const items: NewElement[] = [];
  for (const el of elements) {
    const nid = mapping.get(el.id);
    if (!nid) continue;
    const { id: _old, type, z: _z, ...rest } = el;
    const copy: Record<string, unknown> = { ...rest, x: el.x + dx, y: el.y + dy, locked: false };
    if (el.parent && mapping.has(el.parent)) copy.parent = mapping.get(el.parent);
    if (el.type === 'connector') {
      copy.from = mapping.get(el.from) ?? el.from;
      copy.to = mapping.get(el.to) ?? el.to;
    }
    items.push({ kind: type, input: copy as never, id: nid });
  }
  createElements(doc, items, origin);
  return mapping;
}

/** Bring to front / send to back, keeping the relative order of the moved elements. */
export function reorder(doc: Y.Doc, ids: readonly string[], where: 'front' | 'back', origin?: unknown): void {
  const { byId, elements } = readBoard(doc);
  const ordered = elements.filter((e) => ids.includes(e.id)).map((e) => e.id);
  if (!ordered.length) return;
  doc.transact(() => {
    let z = where === 'front' ? maxZ(doc) : null;
    const first = where === 'back' ? minZ(doc) : null;
    for (const id of ordered) {
      z = where === 'front' ? keyBetween(z, null) : keyBetween(z, first);
      if (byId.has(id)) elementYMap(doc, id)?.set('z', z);
    }
  }, origin);
}

/** True for kinds that can hold members. */
export function isContainer(el: Element): boolean {
  return CONTAINER_KINDS.has(el.type);
}
