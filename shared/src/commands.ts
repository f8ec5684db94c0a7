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
  COORD_LIMIT,
  ELEMENT_SCHEMAS,
  type Element,
  ElementId,
  type ElementInput,
  type ElementKind,
  TEXT_FIELDS,
} from './elements/index.js';
import { center, dropTarget } from './geometry.js';
import { newId } from './ids.js';
import { elementsMap, elementYMap, readBoard } from './layout.js';
import { storedValue, wellFormed } from './stored.js';

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

/** A key `fractional-indexing` can build on; corrupt stored keys are left out of max/min. */
function isOrderKey(z: unknown): z is string {
  if (typeof z !== 'string') return false;
  try {
    generateKeyBetween(z, null);
    return true;
  } catch {
    return false;
  }
}

function maxZ(doc: Y.Doc): string | null {
  let max: string | null = null;
  for (const value of elementsMap(doc).values()) {
    if (!(value instanceof Y.Map)) continue;
    const z = value.get('z');
    if (isOrderKey(z) && (max === null || z > max)) max = z;
  }
  return max;
}

function minZ(doc: Y.Doc): string | null {
  let min: string | null = null;
  for (const value of elementsMap(doc).values()) {
    if (!(value instanceof Y.Map)) continue;
    const z = value.get('z');
    if (isOrderKey(z) && (min === null || z < min)) min = z;
  }
  return min;
}

/** Keep a moved element on the canvas: past the limit it would no longer parse (and vanish). */
function clampCoord(v: number): number {
  return Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, v));
}

function toYMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const ymap = new Y.Map<unknown>();
  for (const [key, raw] of Object.entries(fields)) {
    if (key === 'id' || raw === undefined) continue;
    ymap.set(key, storedValue(key, raw));
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
  const id = opts.id === undefined ? newId() : ElementId.parse(opts.id);
  doc.transact(() => {
    insert(doc, kind, { ...input, type: kind } as ElementInput<K>, id, keyBetween(maxZ(doc), null));
  }, opts.origin);
  return id;
}

/** One element to create; a union over kinds, so `input` is checked against `kind`. */
export type NewElement<K extends ElementKind = ElementKind> = K extends ElementKind
  ? { kind: K; input: Omit<ElementInput<K>, 'type'>; id?: string }
  : never;

/** Create several elements in one transaction (templates, paste, import), in the given order. */
export function createElements(doc: Y.Doc, items: readonly NewElement[], origin?: unknown): string[] {
  const ids = items.map((it) => (it.id === undefined ? newId() : ElementId.parse(it.id)));
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
      ymap.set('x', clampCoord(el.x + dx));
      ymap.set('y', clampCoord(el.y + dy));
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
      // Its container moves with it (both selected): it stays where it is inside that container.
      if (el.parent !== null && el.parent !== id && moving.has(el.parent)) continue;
      const c = center(el);
      const target = dropTarget(elements, c.x, c.y, moving);
      if (el.parent !== target.parent) ymap.set('parent', target.parent);
      if (el.slot !== target.slot) ymap.set('slot', target.slot);
    }
  }, origin);
}

/**
 * Move to absolute positions, containers taking their members along — a drag on its way, which
 * everyone watches; nothing is re-placed until it ends (`moveTo`).
 */
export function dragTo(
  doc: Y.Doc,
  moves: readonly { id: string; x: number; y: number }[],
  origin?: unknown,
): void {
  doc.transact(() => {
    // Targets come from one snapshot: a member dragged along with its container gets its own
    // target, not the container's offset on top of it.
    const { elements, byId } = readBoard(doc);
    const target = new Map<string, { x: number; y: number }>();
    for (const m of moves) {
      const el = byId.get(m.id);
      if (!el || el.type === 'connector' || !Number.isFinite(m.x) || !Number.isFinite(m.y)) continue;
      target.set(m.id, { x: clampCoord(m.x), y: clampCoord(m.y) });
    }
    for (const [id, to] of [...target]) {
      const el = byId.get(id) as Element;
      for (const member of withMembers(elements, [id])) {
        const m = byId.get(member);
        if (!m || target.has(member) || m.type === 'connector') continue;
        target.set(member, { x: clampCoord(m.x + to.x - el.x), y: clampCoord(m.y + to.y - el.y) });
      }
    }
    for (const [id, to] of target) {
      const el = byId.get(id);
      const ymap = elementYMap(doc, id);
      if (!el || !ymap) continue;
      if (el.x !== to.x) ymap.set('x', to.x);
      if (el.y !== to.y) ymap.set('y', to.y);
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
    dragTo(doc, moves, origin);
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
  if (parent !== null && !ElementId.safeParse(parent).success) return;
  if (slot !== null && (typeof slot !== 'string' || slot.length > 64)) return;
  doc.transact(() => {
    ymap.set('parent', parent);
    ymap.set('slot', wellFormed(slot));
  }, origin);
}

/** Distributive over kinds: without a kind given, a patch of any one kind's fields is accepted. */
type Patch<K extends ElementKind> = K extends ElementKind
  ? Partial<Omit<ElementInput<K>, 'type' | 'text'>>
  : never;

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
  // Own keys only: `constructor` or `__proto__` are `in` every object's shape.
  const keys = Object.keys(patch).filter(
    (k) =>
      k !== 'type' &&
      !TEXT_FIELDS.has(k) &&
      Object.hasOwn(schema.shape, k) &&
      (patch as Record<string, unknown>)[k] !== undefined,
  );
  if (keys.length === 0) return false;
  const mask = Object.fromEntries(keys.map((k) => [k, true])) as never;
  const values = Object.fromEntries(keys.map((k) => [k, (patch as Record<string, unknown>)[k]]));
  const parsed = schema.pick(mask).safeParse(values);
  if (!parsed.success) return false;
  doc.transact(() => {
    for (const [key, value] of Object.entries(parsed.data as Record<string, unknown>)) {
      ymap.set(key, storedValue(key, value));
    }
  }, origin);
  return true;
}

/** The element's collaborative text, creating it (from a plain string, if one was stored). */
export function textOf(doc: Y.Doc, id: string, field = 'text'): Y.Text | undefined {
  const ymap = elementYMap(doc, id);
  const type = ymap?.get('type');
  if (!ymap || !TEXT_FIELDS.has(field) || !isTextKind(type, field)) return undefined;
  const value = ymap.get(field);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(typeof value === 'string' ? wellFormed(value) : '');
  ymap.set(field, text);
  return text;
}

/**
 * The element's collaborative text when it has one, without creating it: for following edits
 * where only reading is meant (a text still stored as a plain string has none yet).
 */
export function peekText(doc: Y.Doc, id: string, field = 'text'): Y.Text | undefined {
  const value = elementYMap(doc, id)?.get(field);
  return value instanceof Y.Text ? value : undefined;
}

function isTextKind(type: unknown, field: string): boolean {
  return (
    typeof type === 'string' &&
    Object.hasOwn(ELEMENT_SCHEMAS, type) &&
    Object.hasOwn((ELEMENT_SCHEMAS[type as ElementKind] as unknown as z.ZodObject).shape, field)
  );
}

/**
 * True when `i` falls between the two halves of a surrogate pair. Yjs cannot encode half a pair:
 * an edit there turns the character into U+FFFD on the wire but not locally, and peers diverge.
 */
function splitsPair(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return false;
  const hi = s.charCodeAt(i - 1);
  const lo = s.charCodeAt(i);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
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
    const current = text.toString();
    let at = Math.max(0, Math.min(Math.floor(index) || 0, text.length));
    if (splitsPair(current, at)) at--;
    let end = at + Math.max(0, Math.min(Math.floor(deleteCount) || 0, text.length - at));
    if (splitsPair(current, end)) end++;
    const del = end - at;
    if (del) text.delete(at, del);
    if (insertText) text.insert(at, wellFormed(insertText));
  }, origin);
}

/**
 * The smallest single edit turning `prev` into `next`: their common prefix (`start`) and suffix
 * kept, `prev[start, endPrev)` replaced by `next[start, endNext)`. A run of equal characters makes
 * where the edit happened ambiguous; without `caret` it is placed as late as possible. `caret`,
 * an editor's caret in `next` after the edit, places it where the user made it: an edit of one
 * place ends at the caret (typing "d" before a "d" inserted at the caret, not after the "d").
 */
export function smallestEdit(
  prev: string,
  next: string,
  caret?: number,
): { start: number; endPrev: number; endNext: number } {
  const grown = Math.max(0, next.length - prev.length);
  const before = caret === undefined ? next.length : Math.max(0, Math.min(caret, next.length) - grown);
  const after = caret === undefined ? 0 : Math.min(caret, next.length);
  let start = 0;
  while (start < before && start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > Math.max(start, after) && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--;
    endNext--;
  }
  return { start, endPrev, endNext };
}

/**
 * Replace an element's whole text with the smallest edit (keeps concurrent typing elsewhere).
 * `caret`, the editor's caret in `wanted` after the edit, places an ambiguous edit where the user
 * made it (`smallestEdit`) — which matters when the letter beside it is someone else's, typed at
 * the same spot: each person's words stay together.
 */
export function setText(doc: Y.Doc, id: string, wanted: string, origin?: unknown, caret?: number): void {
  doc.transact(() => {
    const text = textOf(doc, id);
    if (!text) return;
    const prev = text.toString();
    const next = wellFormed(wanted);
    let { start, endPrev, endNext } = smallestEdit(prev, next, caret);
    // Whole characters only (see splitsPair): widen the edit to the pair's boundary.
    if (splitsPair(prev, start)) start--;
    if (splitsPair(prev, endPrev)) {
      endPrev++;
      endNext++;
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
    // A copy has not been voted on: revealed votes stay with the card that received them.
    if (el.type === 'sticky') copy.votes = 0;
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
