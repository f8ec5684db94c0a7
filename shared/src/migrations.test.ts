import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { elementsMap, metaMap, readBoard, readMeta } from './layout.js';
import { MIGRATIONS, migrateDoc, SCHEMA_VERSION } from './migrations.js';
import { partListOf } from './stored.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const VERSIONS = Array.from({ length: SCHEMA_VERSION + 1 }, (_, v) => v);

/** Open a committed fixture (a stored board of that schema version). */
function open(version: number): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, readFileSync(`${FIXTURES}v${version}.bin`));
  return doc;
}

function snapshot(doc: Y.Doc): unknown {
  return { elements: elementsMap(doc).toJSON(), meta: metaMap(doc).toJSON() };
}

describe('migration ids', () => {
  it('are truenorth/1..N, rising by exactly one, each producing its own version', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    MIGRATIONS.forEach((m, i) => {
      expect(m.id).toBe(`truenorth/${i + 1}`);
      expect(m.version).toBe(i + 1);
      expect(m.description.length).toBeGreaterThan(10);
    });
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });
});

describe.each(VERSIONS)('fixture v%i', (version) => {
  it('exists (one committed fixture per schema version)', () => {
    expect(existsSync(`${FIXTURES}v${version}.bin`)).toBe(true);
  });

  it(`opens, migrates to the current version and parses with no problems`, () => {
    const doc = open(version);
    expect(readMeta(doc).schemaVersion).toBe(version);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const result = migrateDoc(doc);
    if (version < SCHEMA_VERSION) {
      expect(result).toEqual({
        status: 'migrated',
        from: version,
        to: SCHEMA_VERSION,
        applied: MIGRATIONS.slice(version).map((m) => m.id),
      });
      expect(origins).toEqual(['migration']);
    } else {
      expect(result).toEqual({ status: 'current', version });
      expect(origins).toEqual([]);
    }
    expect(readMeta(doc).schemaVersion).toBe(SCHEMA_VERSION);
    const board = readBoard(doc);
    expect(board.problems).toEqual([]);
    expect(board.elements.length).toBe(elementsMap(doc).size);
    expect(board.elements.length).toBeGreaterThan(0);
  });

  it('migrating twice is a no-op', () => {
    const doc = open(version);
    migrateDoc(doc);
    const before = Y.encodeStateVector(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrateDoc(doc)).toEqual({ status: 'current', version: SCHEMA_VERSION });
    expect(updates).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('each migration step is idempotent (an offline old client can bring old shapes back)', () => {
    const doc = open(version);
    for (const m of MIGRATIONS.slice(version)) {
      m.up(doc);
      const once = snapshot(doc);
      m.up(doc);
      expect(snapshot(doc)).toEqual(once);
    }
  });
});

describe('version 0 → 1', () => {
  it('keeps every text, makes it a Y.Text, and gives every element a distinct z key', () => {
    const doc = open(0);
    migrateDoc(doc);
    const { byId, elements } = readBoard(doc);
    expect(byId.get('plain')).toMatchObject({
      type: 'sticky',
      x: 100,
      y: 120,
      text: 'text as a plain string',
    });
    expect(byId.get('ytext')).toMatchObject({ text: 'text as a Y.Text ✓ 😀' });
    expect(byId.get('empty')).toMatchObject({ text: '', color: 'yellow', w: 180 });
    expect(byId.get('frame')).toMatchObject({ type: 'frame', exercise: 'lean-canvas', title: 'Frame' });
    for (const id of ['plain', 'ytext']) expect(elementsMap(doc).get(id)).toBeDefined();
    expect((elementsMap(doc).get('plain') as Y.Map<unknown>).get('text')).toBeInstanceOf(Y.Text);
    expect(new Set(elements.map((e) => e.z)).size).toBe(elements.length);
    expect(readMeta(doc).title).toBe('Written by an outside tool');
  });

  it('a plain string written again by an old client after migration is converted by re-running', () => {
    const doc = open(0);
    migrateDoc(doc);
    (elementsMap(doc).get('plain') as Y.Map<unknown>).set('text', 'old client wrote this');
    MIGRATIONS[0]?.up(doc);
    const text = (elementsMap(doc).get('plain') as Y.Map<unknown>).get('text');
    expect(text).toBeInstanceOf(Y.Text);
    expect(String(text)).toBe('old client wrote this');
  });

  it('the migrated document converges with a replica that receives the migration as an update', () => {
    const server = open(0);
    const replica = open(0);
    const updates: Uint8Array[] = [];
    server.on('update', (u: Uint8Array) => updates.push(u));
    migrateDoc(server);
    for (const u of updates) Y.applyUpdate(replica, u);
    expect(readBoard(replica).elements).toEqual(readBoard(server).elements);
    expect(readMeta(replica).schemaVersion).toBe(SCHEMA_VERSION);
  });
});

describe('version 1 → 2', () => {
  const lanesOf = (doc: Y.Doc) => elementsMap(doc).get('lanes') as Y.Map<unknown>;

  it("keeps a swimlanes' lanes and steps, each part now a Y.Map in a Y.Array", () => {
    const doc = open(1);
    const before = readBoard(doc).byId.get('lanes');
    expect(Array.isArray(lanesOf(doc).get('lanes'))).toBe(true);
    migrateDoc(doc);
    expect(readBoard(doc).byId.get('lanes')).toEqual(before);
    for (const field of ['lanes', 'steps']) {
      const list = partListOf(lanesOf(doc), field);
      expect(list).toBeInstanceOf(Y.Array);
      expect(list?.toArray().every((part) => part instanceof Y.Map)).toBe(true);
    }
    expect(partListOf(lanesOf(doc), 'lanes')?.toJSON()).toEqual([{ id: 'product', name: 'Product' }]);
    expect(partListOf(lanesOf(doc), 'steps')?.toJSON()).toEqual([{ id: 'q1', name: 'Q1' }]);
    // Other kinds' lists (a grid's cells) are left as they are.
    expect(Array.isArray((elementsMap(doc).get('grid') as Y.Map<unknown>).get('cells'))).toBe(true);
  });

  it('a JSON list written again by an old client after migration is converted by re-running', () => {
    const doc = open(1);
    migrateDoc(doc);
    lanesOf(doc).set('lanes', [{ id: 'product', name: 'Product, renamed offline' }]);
    MIGRATIONS[1]?.up(doc);
    expect(partListOf(lanesOf(doc), 'lanes')?.toJSON()).toEqual([
      { id: 'product', name: 'Product, renamed offline' },
    ]);
  });

  it('the migrated document converges with a replica that receives the migration as an update', () => {
    const server = open(1);
    const replica = open(1);
    const updates: Uint8Array[] = [];
    server.on('update', (u: Uint8Array) => updates.push(u));
    migrateDoc(server);
    for (const u of updates) Y.applyUpdate(replica, u);
    expect(readBoard(replica).elements).toEqual(readBoard(server).elements);
    expect(partListOf(lanesOf(replica), 'steps')?.toJSON()).toEqual([{ id: 'q1', name: 'Q1' }]);
  });
});

describe('a document from a newer version', () => {
  it('reports `newer` and is left alone', () => {
    const doc = open(SCHEMA_VERSION);
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION + 1);
    (elementsMap(doc).get('card') as Y.Map<unknown>).set('text', 'future shape');
    const before = Y.encodeStateVector(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrateDoc(doc)).toEqual({ status: 'newer', version: SCHEMA_VERSION + 1 });
    expect(updates).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect((elementsMap(doc).get('card') as Y.Map<unknown>).get('text')).toBe('future shape');
  });
});
