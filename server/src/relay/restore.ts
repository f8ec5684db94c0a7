/**
 * Restoring a snapshot as a new change: the live document is edited until its elements and meta
 * equal the snapshot's. Elements missing from the snapshot are deleted, differing fields are
 * overwritten, equal ones are left alone — so the restore is one ordinary transaction that every
 * client receives and that merges with concurrent edits, not a rewrite of history.
 *
 * Undoing a restore is not restoring the board as it was before it: people may have worked on
 * since (re-adding the notes they saw vanish, editing restored ones). `undoRestore` takes back
 * only what the restore did and keeps what changed after it.
 */
import { elementsMap, metaMap } from '@truenorth/shared';
import * as Y from 'yjs';

function tag(value: unknown): string {
  if (value instanceof Y.Text) return 'text';
  if (value instanceof Y.Map) return 'map';
  if (value instanceof Y.Array) return 'array';
  if (value instanceof Y.AbstractType) return 'other-type';
  return 'plain';
}

function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

function same(a: unknown, b: unknown): boolean {
  return tag(a) === tag(b) && JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

/** A copy of `value` (from another document) that can be inserted here. */
function copy(value: unknown): unknown {
  if (value instanceof Y.Text) {
    const text = new Y.Text();
    text.applyDelta(value.toDelta());
    return text;
  }
  if (value instanceof Y.Map) {
    return new Y.Map([...value.entries()].map(([k, v]) => [k, copy(v)] as [string, unknown]));
  }
  if (value instanceof Y.Array) {
    const array = new Y.Array<unknown>();
    array.push(value.toArray().map(copy));
    return array;
  }
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

/** Make `target` equal `source`, touching only what differs. */
function syncMap(
  target: Y.Map<unknown>,
  source: Y.Map<unknown>,
  keep: ReadonlySet<string> = new Set(),
): void {
  for (const key of [...target.keys()]) {
    if (!source.has(key) && !keep.has(key)) target.delete(key);
  }
  for (const [key, value] of source.entries()) {
    if (keep.has(key)) continue;
    const current = target.get(key);
    if (current instanceof Y.Map && value instanceof Y.Map) syncMap(current, value);
    else if (!same(current, value)) target.set(key, copy(value));
  }
}

/**
 * Meta keys a restore never copies: the live schema version, the record of the restore, and the
 * title — the board's name, kept with the board record (PATCH /api/boards/:id), not content an
 * older snapshot should bring back.
 */
const OWN_META = new Set(['schemaVersion', 'restored', 'title']);
/** Meta keys restoring a snapshot leaves as they are live. */
const KEPT_ON_RESTORE = new Set(['schemaVersion', 'title']);

/**
 * Edit `doc` so its `elements` and `meta` equal those of `snapshot` (a migrated document).
 * Call inside a transaction. The schema version and the title are the live ones.
 */
export function applySnapshot(doc: Y.Doc, snapshot: Y.Doc): void {
  syncMap(elementsMap(doc), elementsMap(snapshot));
  syncMap(metaMap(doc), metaMap(snapshot), KEPT_ON_RESTORE);
}

/**
 * Three-way: `live` went from `after` on by people's edits; take it back to `before` wherever it
 * still equals `after`, and keep it wherever it changed. Maps changed on both sides are merged
 * key by key; any other value changed since stays as it is.
 */
function revertMap(
  live: Y.Map<unknown>,
  before: Y.Map<unknown> | undefined,
  after: Y.Map<unknown> | undefined,
  keep: ReadonlySet<string> = new Set(),
): void {
  const keys = new Set([...live.keys(), ...(before?.keys() ?? []), ...(after?.keys() ?? [])]);
  for (const key of keys) {
    if (keep.has(key)) continue;
    const now = live.get(key);
    const was = before?.get(key);
    const restored = after?.get(key);
    const untouched = live.has(key) === (after?.has(key) ?? false) && (!live.has(key) || same(now, restored));
    if (untouched) {
      if (before === undefined || !before.has(key)) {
        if (live.has(key)) live.delete(key);
      } else if (now instanceof Y.Map && was instanceof Y.Map) syncMap(now, was);
      else if (!live.has(key) || !same(now, was)) live.set(key, copy(was));
    } else if (now instanceof Y.Map && was instanceof Y.Map && restored instanceof Y.Map) {
      revertMap(now, was, restored);
    }
  }
}

/**
 * Undo a restore in `doc`: `before` is the board just before the restore (its restore point),
 * `after` the snapshot it restored (what the restore made the board; both migrated). What people
 * changed since the restore — notes added, edited or deleted — stays; everything else goes back to
 * `before`. Call inside a transaction.
 */
export function undoRestore(doc: Y.Doc, before: Y.Doc, after: Y.Doc): void {
  revertMap(elementsMap(doc), elementsMap(before), elementsMap(after));
  revertMap(metaMap(doc), metaMap(before), metaMap(after), OWN_META);
}

const BEFORE = /^Before restoring “(.*)”$/s;
const BEFORE_UNDO = /^Before undoing the restore of “(.*)”$/s;

/**
 * The name of the snapshot kept just before `restoring` is restored. Restoring a restore point
 * is undoing a restore: "Before restoring “A”" restored is kept as "Before undoing the restore of
 * “A”", and that one restored is again "Before restoring “A”" — never "Before restoring “Before
 * restoring “A””".
 */
export function restorePointName(restoring: { name: string; kind: string }): string {
  if (restoring.kind === 'restore-point') {
    const undone = BEFORE.exec(restoring.name);
    if (undone) return `Before undoing the restore of “${undone[1]}”`;
    const redone = BEFORE_UNDO.exec(restoring.name);
    if (redone) return `Before restoring “${redone[1]}”`;
  }
  return `Before restoring “${restoring.name}”`;
}
