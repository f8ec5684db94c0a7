/**
 * Restoring a snapshot as a new change: the live document is edited until its elements and meta
 * equal the snapshot's. Elements missing from the snapshot are deleted, differing fields are
 * overwritten, equal ones are left alone — so the restore is one ordinary transaction that every
 * client receives and that merges with concurrent edits, not a rewrite of history.
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
 * Edit `doc` so its `elements` and `meta` equal those of `snapshot` (a migrated document).
 * Call inside a transaction. The schema version is the live one's.
 */
export function applySnapshot(doc: Y.Doc, snapshot: Y.Doc): void {
  syncMap(elementsMap(doc), elementsMap(snapshot));
  syncMap(metaMap(doc), metaMap(snapshot), new Set(['schemaVersion']));
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
