/**
 * Locks, enforced by the server. A participant's update is applied like any other (Yjs cannot
 * un-apply one), and then, before the batch is stored or broadcast, a repair transaction by the
 * server puts every locked element it touched back as it was, and takes back any change it made
 * to a `locked` field. Everyone receives the update and its repair together, so all copies
 * converge on the locked state; the writer is not disconnected (its provider would only resend).
 *
 * The pre-image of every locked element is kept up to date after each privileged transaction
 * (the facilitator's, the server's, another node's), so a repair never needs a snapshot taken
 * per write: locked elements are few, and only the elements a transaction touched are looked at.
 *
 * Dot votes are the server's too: a card's `votes` is written when a vote is revealed, and a
 * participant's write to it (a forged count pasted in, set by hand) is put back the same way —
 * to what the server last wrote there, or to none.
 */
import {
  elementsMap,
  PART_LIST_FIELDS,
  partListOf,
  rawFields,
  setText,
  storedValue,
  TEXT_FIELDS,
} from '@truenorth/shared';
import * as Y from 'yjs';

interface PreImage {
  /** Plain field values (Y.Text as its string, other shared types as JSON). */
  fields: Record<string, unknown>;
  /** Fields stored as a Y.Text. */
  texts: Set<string>;
}

function preImageOf(ymap: Y.Map<unknown>): PreImage {
  const texts = new Set<string>();
  for (const [key, value] of ymap.entries()) if (value instanceof Y.Text) texts.add(key);
  return { fields: rawFields(ymap), texts };
}

/** A pre-image's plain value as it is stored (a part list as a Y.Array of Y.Maps: stored.ts). */
const asStored = (key: string, value: unknown): unknown =>
  PART_LIST_FIELDS.has(key) ? storedValue(key, value) : value;

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

function matches(ymap: Y.Map<unknown>, image: PreImage): boolean {
  const now = rawFields(ymap);
  const keys = new Set([...Object.keys(now), ...Object.keys(image.fields)]);
  for (const key of keys) {
    if (!Object.hasOwn(now, key) || !Object.hasOwn(image.fields, key)) return false;
    if (!same(now[key], image.fields[key])) return false;
    if (image.texts.has(key) !== ymap.get(key) instanceof Y.Text) return false;
  }
  return true;
}

/** An element whose `locked` field holds anything but unset/false. */
function lockedField(value: unknown): boolean {
  if (!(value instanceof Y.Map)) return false;
  const locked = value.get('locked');
  return locked !== undefined && locked !== false;
}

export interface LockGuardOptions {
  /** Whether a transaction with this origin may touch locked elements and `locked` fields. */
  privileged(origin: unknown): boolean;
  /** Origin of the repair transactions (must be privileged). */
  repairOrigin: unknown;
}

/** A card's revealed votes as stored (`votes`); 0 and absent are the same. */
function votesOf(value: unknown): unknown {
  const votes = value instanceof Y.Map ? value.get('votes') : undefined;
  return votes === undefined ? 0 : votes;
}

export class LockGuard {
  private readonly images = new Map<string, PreImage>();
  /**
   * `votes` as privileged writers left it, by element id (only where not 0). Kept after a card is
   * deleted, so a participant undoing the deletion gets the card back with its votes.
   */
  private readonly votes = new Map<string, unknown>();
  private readonly elements: Y.Map<unknown>;
  /** Elements an unprivileged transaction touched since the last `repair`. */
  private suspect = new Set<string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly opts: LockGuardOptions,
  ) {
    this.elements = elementsMap(doc);
    for (const [id, value] of this.elements.entries()) this.refresh(id, value);
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Ids of the locked elements now (for tests and tools). */
  lockedIds(): string[] {
    return [...this.images.keys()];
  }

  /**
   * Undo what unprivileged writers did to locked elements and `locked` fields since the last
   * call, as one transaction with the repair origin. Returns how many elements were repaired.
   */
  repair(): number {
    if (this.suspect.size === 0) return 0;
    const ids = this.suspect;
    this.suspect = new Set();
    let repaired = 0;
    this.doc.transact(() => {
      for (const id of ids) if (this.repairOne(id)) repaired++;
    }, this.opts.repairOrigin);
    return repaired;
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
  }

  private repairOne(id: string): boolean {
    const current = this.elements.get(id);
    const image = this.images.get(id);
    let repaired = false;
    if (!image && current instanceof Y.Map && !same(votesOf(current), this.votes.get(id) ?? 0)) {
      const known = this.votes.get(id);
      if (known === undefined) current.delete('votes');
      else current.set('votes', known);
      repaired = true;
    }
    if (!image) {
      // Not locked before: only the `locked` field itself is out of bounds.
      if (current instanceof Y.Map && lockedField(current)) {
        current.set('locked', false);
        return true;
      }
      return repaired;
    }
    if (current instanceof Y.Map && matches(current, image)) return false;
    if (!(current instanceof Y.Map)) {
      // Deleted (or replaced by something that is not an element): bring it back under its id.
      const ymap = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(image.fields)) {
        ymap.set(
          key,
          image.texts.has(key) && typeof value === 'string' ? new Y.Text(value) : asStored(key, value),
        );
      }
      this.elements.set(id, ymap);
      return true;
    }
    for (const key of [...current.keys()]) if (!Object.hasOwn(image.fields, key)) current.delete(key);
    for (const [key, value] of Object.entries(image.fields)) {
      const now = current.get(key);
      if (image.texts.has(key) && typeof value === 'string' && TEXT_FIELDS.has(key)) {
        if (!(now instanceof Y.Text)) current.set(key, new Y.Text(value));
        else if (now.toString() !== value) setText(this.doc, id, value, this.opts.repairOrigin);
        continue;
      }
      const plain = now instanceof Y.AbstractType ? now.toJSON() : now;
      // A part list (a swimlanes' lanes) belongs in a Y.Array of Y.Maps; any other shared type
      // where a plain value was is put back plain.
      const shaped = PART_LIST_FIELDS.has(key)
        ? partListOf(current, key) !== undefined
        : !(now instanceof Y.AbstractType);
      if (!shaped || !same(plain, value)) current.set(key, asStored(key, value));
    }
    return true;
  }

  private readonly onTransaction = (tr: Y.Transaction): void => {
    const touched = this.touched(tr);
    if (touched.size === 0) return;
    if (this.opts.privileged(tr.origin)) {
      for (const id of touched) this.refresh(id, this.elements.get(id));
      return;
    }
    // Only what `repairOne` could change: a locked element, a `locked` field set without the
    // right to, or a card's votes changed (not a voted card deleted: undoing that restores them).
    // Anything else needs no repair transaction (the common case: nothing is locked).
    for (const id of touched) {
      const value = this.elements.get(id);
      const forgedVotes = value instanceof Y.Map && !same(votesOf(value), this.votes.get(id) ?? 0);
      if (this.images.has(id) || lockedField(value) || forgedVotes) this.suspect.add(id);
    }
  };

  private refresh(id: string, value: unknown): void {
    if (value instanceof Y.Map && value.get('locked') === true) this.images.set(id, preImageOf(value));
    else this.images.delete(id);
    if (value instanceof Y.Map) {
      const votes = votesOf(value);
      if (same(votes, 0)) this.votes.delete(id);
      else this.votes.set(id, votes);
    }
  }

  /** Ids of the elements a transaction changed: keys of `elements`, or the element a nested type is in. */
  private touched(tr: Y.Transaction): Set<string> {
    const ids = new Set<string>();
    for (const [type, keys] of tr.changed) {
      if ((type as unknown) === this.elements) {
        for (const key of keys) if (key !== null) ids.add(key);
        continue;
      }
      // biome-ignore lint/suspicious/noExplicitAny: the parent chain holds shared types of any kind
      let at: Y.AbstractType<Y.YEvent<any>> = type;
      // Walk up to the child of the `elements` map; its key there is the element id.
      for (let depth = 0; depth < 64; depth++) {
        const item = at._item;
        if (!item) break;
        if ((item.parent as unknown) === this.elements) {
          if (item.parentSub !== null) ids.add(item.parentSub);
          break;
        }
        if (!(item.parent instanceof Y.AbstractType)) break;
        at = item.parent;
      }
    }
    return ids;
  }
}
