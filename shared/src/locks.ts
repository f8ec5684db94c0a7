/**
 * Locking elements (the facilitator's "Lock" and "Lock template"). The server enforces locks for
 * everyone else (server/src/relay/locks.ts); these are the commands that set them.
 */
import type * as Y from 'yjs';
import { withMembers } from './commands.js';
import type { Element, ElementKind } from './elements/index.js';
import { elementYMap } from './layout.js';

/** The parts of a template: locked with its frame. Cards people write (stickies) stay free. */
export const TEMPLATE_PART_KINDS: ReadonlySet<ElementKind> = new Set([
  'frame',
  'grid',
  'swimlanes',
  'theme',
  'text',
]);

/** A frame and its structural members at any depth, without the cards written in it. */
export function templateParts(elements: readonly Element[], frameId: string): string[] {
  const byId = new Map(elements.map((e) => [e.id, e]));
  return [...withMembers(elements, [frameId])].filter((id) => {
    const el = byId.get(id);
    return el !== undefined && TEMPLATE_PART_KINDS.has(el.type);
  });
}

/** Set `locked` on elements, as one transaction. Elements already in that state are left alone. */
export function setLocked(doc: Y.Doc, ids: Iterable<string>, locked: boolean, origin?: unknown): number {
  let changed = 0;
  doc.transact(() => {
    for (const id of ids) {
      const ymap = elementYMap(doc, id);
      if (!ymap || ymap.get('locked') === locked) continue;
      ymap.set('locked', locked);
      changed++;
    }
  }, origin);
  return changed;
}
