/**
 * Document migrations. Ids are `truenorth/<n>`, n rising by exactly one from 1; migration n takes
 * a document from schema version n-1 to n. Only one party runs them (the server, on load), so a
 * migration's inserts happen exactly once. Each must be idempotent all the same: a document
 * edited offline by an old client can bring old-shaped values back.
 */
import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { TEXT_FIELDS, ZIndex } from './elements/index.js';
import { elementsMap, metaMap, readMeta } from './layout.js';
import { PART_LIST_FIELDS, storedValue } from './stored.js';

export interface Migration {
  id: `truenorth/${number}`;
  /** The schema version this migration produces. */
  version: number;
  description: string;
  up(doc: Y.Doc): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 'truenorth/1',
    version: 1,
    description:
      'Version 0 is a board written with only the public names (type, x, y, text). Give every element a z-order key and turn plain-string text fields into Y.Text.',
    up(doc) {
      const elements = elementsMap(doc);
      const needZ: Y.Map<unknown>[] = [];
      let max: string | null = null;
      const ids = [...elements.keys()].sort();
      for (const id of ids) {
        const el = elements.get(id);
        if (!(el instanceof Y.Map)) continue;
        const z = el.get('z');
        if (ZIndex.safeParse(z).success && typeof z === 'string') {
          if (max === null || z > max) max = z;
        } else needZ.push(el);
        for (const field of TEXT_FIELDS) {
          const value = el.get(field);
          if (typeof value === 'string') el.set(field, new Y.Text(value));
        }
      }
      for (const el of needZ) {
        max = generateKeyBetween(max, null);
        el.set('z', max);
      }
    },
  },
  {
    id: 'truenorth/2',
    version: 2,
    description:
      "A swimlanes' lanes and steps become a Y.Array of Y.Maps (one per part) instead of one JSON array, so two people renaming or adding different parts at once, or one of them offline, keep both changes.",
    up(doc) {
      for (const el of elementsMap(doc).values()) {
        if (!(el instanceof Y.Map) || el.get('type') !== 'swimlanes') continue;
        for (const field of PART_LIST_FIELDS) {
          const value = el.get(field);
          if (Array.isArray(value)) el.set(field, storedValue(field, value));
        }
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export type MigrationResult =
  | { status: 'current'; version: number }
  | { status: 'migrated'; from: number; to: number; applied: string[] }
  | { status: 'newer'; version: number };

/** Bring a document up to `SCHEMA_VERSION` in one transaction. Never downgrades. */
export function migrateDoc(doc: Y.Doc, origin: unknown = 'migration'): MigrationResult {
  const from = readMeta(doc).schemaVersion;
  if (from > SCHEMA_VERSION) return { status: 'newer', version: from };
  if (from === SCHEMA_VERSION) return { status: 'current', version: from };
  const pending = MIGRATIONS.filter((m) => m.version > from);
  doc.transact(() => {
    for (const m of pending) m.up(doc);
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
  }, origin);
  return { status: 'migrated', from, to: SCHEMA_VERSION, applied: pending.map((m) => m.id) };
}
