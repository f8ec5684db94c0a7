/**
 * Changes this browser made to elements while it was not connected, checked once the connection
 * is back: an element someone else deleted meanwhile is gone after the merge (Yjs keeps no element
 * for an edit whose element was deleted), and the user is told once how many of theirs were lost.
 * Elements this browser created offline (nobody else could delete them) or deleted itself are not
 * at risk; others' changes are not tracked.
 */
import { elementsMap } from '@truenorth/shared';
import type * as Y from 'yjs';

type Kind = 'card' | 'item';
/** A shared type as a transaction names what it changed. */
type Shared = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never;

export class OfflineEdits {
  /** Element ids this browser changed (not created, not deleted) while offline. */
  private readonly touched = new Set<string>();
  /** What each touched element was, for the message (a deleted one cannot say). */
  private readonly kinds = new Map<string, Kind>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly origin: unknown,
  ) {}

  /** Record a transaction made while offline (call from `afterTransaction`). */
  track(tx: Y.Transaction): void {
    if (tx.origin !== this.origin) return;
    const elements = elementsMap(this.doc);
    for (const [type, keys] of tx.changed) {
      if ((type as unknown) === elements) {
        // Created or deleted here: a creation cannot be lost, a deletion is the user's own.
        for (const key of keys) if (key !== null) this.forget(key);
        continue;
      }
      const id = elementIdOf(type, elements);
      if (id === null || this.touched.has(id)) continue;
      const element = elements.get(id) as Y.Map<unknown> | undefined;
      if (!element) continue;
      this.touched.add(id);
      this.kinds.set(id, element.get('type') === 'sticky' ? 'card' : 'item');
    }
  }

  /** After the sync: what of this browser's offline changes the merge dropped. Starts afresh. */
  settle(): { count: number; kind: Kind } {
    const elements = elementsMap(this.doc);
    const lost = [...this.touched].filter((id) => !elements.has(id));
    const kind = lost.every((id) => this.kinds.get(id) === 'card') ? 'card' : 'item';
    this.touched.clear();
    this.kinds.clear();
    return { count: lost.length, kind };
  }

  get pending(): number {
    return this.touched.size;
  }

  private forget(id: string): void {
    this.touched.delete(id);
    this.kinds.delete(id);
  }
}

/** The element a changed type belongs to (its key in the elements map), or null. */
function elementIdOf(type: Shared, elements: unknown): string | null {
  let t: Shared | null = type;
  while (t?._item) {
    const parent = t._item.parent as Shared | null;
    if (parent === elements) return t._item.parentSub;
    t = parent;
  }
  return null;
}

/** What to tell the user; null when nothing was lost. */
export function lostEditsMessage(lost: { count: number; kind: Kind }): string | null {
  if (lost.count === 0) return null;
  const what = lost.count === 1 ? `1 ${lost.kind}` : `${lost.count.toLocaleString('en')} ${lost.kind}s`;
  return `Your changes to ${what} were not kept: someone deleted ${lost.count === 1 ? 'it' : 'them'} while you were offline.`;
}
