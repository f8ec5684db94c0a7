/**
 * The Yjs document layout of a board — the names tools outside the project rely on:
 *
 *   doc.getMap('elements')  element id → Y.Map of the element's fields (`type`, `x`, `y`, …;
 *                           text-bearing kinds keep `text` as a Y.Text)
 *   doc.getMap('meta')      `schemaVersion`, `title`, `template`, `seeded`, `restored`
 *   doc.getMap('people')    who took part (`people.ts`)
 *
 * Reading parses every element (see `parseElement`): a value another client wrote is `unknown`
 * until then.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { BoardTemplate } from './api.js';
import { type Element, type ParseOutcome, parseElement } from './elements/index.js';

export const ELEMENTS_KEY = 'elements';
export const META_KEY = 'meta';

export type ElementsMap = Y.Map<unknown>;

export function elementsMap(doc: Y.Doc): ElementsMap {
  return doc.getMap(ELEMENTS_KEY);
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_KEY);
}

/** The element's Y.Map, or undefined when absent or not a Y.Map. */
export function elementYMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  const value = elementsMap(doc).get(id);
  return value instanceof Y.Map ? value : undefined;
}

/** A plain snapshot of an element's stored fields: Y.Text → string, other shared types → JSON. */
export function rawFields(ymap: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of ymap.entries()) {
    const value = raw instanceof Y.Text ? raw.toString() : raw instanceof Y.AbstractType ? raw.toJSON() : raw;
    // defineProperty, not assignment: a stored key `__proto__` must stay a plain field and never
    // become the snapshot's prototype (which would smuggle fields past the schema's own-key view).
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function readElement(doc: Y.Doc, id: string): ParseOutcome | undefined {
  const value = elementsMap(doc).get(id);
  if (value === undefined) return undefined;
  if (!(value instanceof Y.Map)) return { status: 'skipped', id, problems: ['not a Y.Map'] };
  return parseElement(id, rawFields(value));
}

export interface ElementProblem {
  id: string;
  status: 'repaired' | 'skipped';
  problems: string[];
}

export interface BoardState {
  /** Valid (or repaired) elements, back to front. */
  elements: Element[];
  byId: Map<string, Element>;
  problems: ElementProblem[];
}

/** Back-to-front order: by fractional index, ties broken by id so every client agrees. */
export function compareZ(a: { z: string; id: string }, b: { z: string; id: string }): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Membership as every client must see it: a parent that no longer exists (deleted while someone
 * dropped a card into it) means no parent, and a parent cycle (two people nesting two containers
 * into each other at once) is cut at its smallest id. Pure and deterministic, so peers agree.
 */
function settleMembership(elements: Element[]): Element[] {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const cut = new Set<string>();
  for (const el of elements) {
    if (el.parent === null || !byId.has(el.parent) || cut.has(el.id)) continue;
    const path: string[] = [];
    const seen = new Set<string>();
    let at: Element | undefined = el;
    while (at && at.parent !== null && !cut.has(at.id)) {
      if (seen.has(at.id)) {
        const cycle = path.slice(path.indexOf(at.id));
        cut.add([...cycle].sort()[0] as string);
        break;
      }
      seen.add(at.id);
      path.push(at.id);
      at = byId.get(at.parent);
    }
  }
  return elements.map((el) =>
    el.parent !== null && (!byId.has(el.parent) || cut.has(el.id)) ? { ...el, parent: null, slot: null } : el,
  );
}

export function readBoard(doc: Y.Doc): BoardState {
  const parsed: Element[] = [];
  const problems: ElementProblem[] = [];
  for (const id of elementsMap(doc).keys()) {
    const outcome = readElement(doc, id);
    if (!outcome) continue;
    if (outcome.status === 'skipped') problems.push(outcome);
    else {
      parsed.push(outcome.element);
      if (outcome.status === 'repaired')
        problems.push({ id, status: 'repaired', problems: outcome.problems });
    }
  }
  const elements = settleMembership(parsed).sort(compareZ);
  return { elements, byId: new Map(elements.map((e) => [e.id, e])), problems };
}

export const MetaSchema = z.object({
  /** Missing means version 0: a document written by a tool that only knows the element names. */
  schemaVersion: z.number().int().nonnegative().catch(0).default(0),
  title: z.string().max(200).catch('Untitled board').default('Untitled board'),
  template: BoardTemplate.catch('blank').default('blank'),
  /** Set, once, by the party that inserted the template content. */
  seeded: z.boolean().catch(false).default(false),
  /**
   * The last restore of a snapshot, written by the server in the restore's own transaction, so
   * everyone on the board (on any node, or back from offline) can be told the board changed.
   */
  restored: z
    .object({
      name: z.string().max(500),
      /** Who restored it: `facilitator`, `service`, or null. */
      by: z.string().max(32).nullable(),
      at: z.number().finite(),
      /**
       * Set when this restore took back an earlier one (a restore point restored, keeping what
       * people did since): the name of the snapshot that earlier restore had brought.
       */
      undid: z.string().max(500).optional(),
    })
    .nullable()
    .catch(null)
    .default(null),
});
export type Meta = z.infer<typeof MetaSchema>;

export function readMeta(doc: Y.Doc): Meta {
  const parsed = MetaSchema.safeParse(metaMap(doc).toJSON());
  return parsed.success ? parsed.data : MetaSchema.parse({});
}
