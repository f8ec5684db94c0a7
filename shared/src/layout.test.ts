import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement } from './commands.js';
import { compareZ, elementsMap, metaMap, readBoard, readElement, readMeta } from './layout.js';

/** Write raw fields straight into the document, as a foreign client could. */
function put(doc: Y.Doc, id: string, fields: Record<string, unknown>): Y.Map<unknown> {
  const ymap = new Y.Map<unknown>();
  elementsMap(doc).set(id, ymap);
  for (const [k, v] of Object.entries(fields)) ymap.set(k, v);
  return ymap;
}

/** Send a document through the wire encoding, as every peer would see it. */
function roundTrip(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('readBoard: parse on read', () => {
  it('reads a sticky whose text is a Y.Text, and one whose text is a plain string', () => {
    const doc = new Y.Doc();
    put(doc, 'a', { type: 'sticky', x: 1, y: 2, text: new Y.Text('hello'), z: 'a0' });
    put(doc, 'b', { type: 'sticky', x: 3, y: 4, text: 'plain', z: 'a1' });
    const board = readBoard(roundTrip(doc));
    expect(board.problems).toEqual([]);
    expect(board.elements.map((e) => e.type === 'sticky' && e.text)).toEqual(['hello', 'plain']);
  });

  it('skips or repairs garbage and never throws', () => {
    const doc = new Y.Doc();
    put(doc, 'ok', { type: 'sticky', x: 0, y: 0, text: new Y.Text('fine') });
    put(doc, 'numText', { type: 'sticky', x: 0, y: 0, text: 42 });
    put(doc, 'mapText', { type: 'sticky', x: 0, y: 0, text: new Y.Map() });
    put(doc, 'strX', { type: 'sticky', x: '10', y: 0 });
    put(doc, 'nanX', { type: 'sticky', x: Number.NaN, y: 0 });
    put(doc, 'infY', { type: 'sticky', x: 0, y: Number.POSITIVE_INFINITY });
    put(doc, 'nanW', { type: 'sticky', x: 0, y: 0, w: Number.NaN });
    put(doc, 'unknown', { type: 'hologram', x: 0, y: 0 });
    put(doc, 'noType', { x: 0, y: 0 });
    put(doc, 'hugeArr', { type: 'sticky', x: 0, y: 0, color: Array.from({ length: 50_000 }, (_, i) => i) });
    put(doc, 'yArrCells', {
      type: 'grid',
      x: 0,
      y: 0,
      cells: Y.Array.from([{ id: 'c1', col: 0, row: 0 }, 'junk']),
    });
    put(doc, 'titleAsText', { type: 'frame', x: 0, y: 0, title: new Y.Text('From a Y.Text') });
    elementsMap(doc).set('notAMap', 'just a string');
    elementsMap(doc).set('array', Y.Array.from([1, 2, 3]));
    elementsMap(doc).set('num', 7);

    const board = readBoard(roundTrip(doc));
    const status = Object.fromEntries(board.problems.map((p) => [p.id, p.status]));
    expect(status).toEqual({
      numText: 'repaired',
      mapText: 'repaired',
      strX: 'skipped',
      nanX: 'skipped',
      infY: 'skipped',
      nanW: 'repaired',
      unknown: 'skipped',
      noType: 'skipped',
      hugeArr: 'repaired',
      yArrCells: 'repaired',
      notAMap: 'skipped',
      array: 'skipped',
      num: 'skipped',
    });
    expect(board.elements.map((e) => e.id).sort()).toEqual(
      ['ok', 'numText', 'mapText', 'nanW', 'hugeArr', 'yArrCells', 'titleAsText'].sort(),
    );
    expect(board.byId.get('yArrCells')).toMatchObject({ cells: [{ id: 'c1' }] });
    expect(board.byId.get('titleAsText')).toMatchObject({ title: 'From a Y.Text' });
    expect(board.byId.get('nanW')).toMatchObject({ w: 180 });
    for (const p of board.problems) expect(p.problems.length).toBeGreaterThan(0);
  });

  it('a `__proto__` field stays a field: it cannot smuggle an element past the schema', () => {
    const doc = new Y.Doc();
    put(doc, 'sneaky', {}).set('__proto__', { type: 'sticky', x: 0, y: 0 });
    put(doc, 'locked', { type: 'sticky', x: 0, y: 0 }).set('__proto__', { locked: true });
    expect(elementsMap(doc).get('sneaky')).toBeInstanceOf(Y.Map);
    const board = readBoard(roundTrip(doc));
    expect(board.problems).toMatchObject([{ id: 'sneaky', status: 'skipped' }]);
    expect(board.byId.get('locked')).toMatchObject({ locked: false });
    expect(({} as Record<string, unknown>).locked).toBeUndefined();
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('element ids like `__proto__` or `constructor` are plain keys', () => {
    const doc = new Y.Doc();
    put(doc, '__proto__', { type: 'sticky', x: 1, y: 1, z: 'a0' });
    put(doc, 'constructor', { type: 'sticky', x: 2, y: 2, z: 'a1' });
    const board = readBoard(roundTrip(doc));
    expect(board.elements.map((e) => e.id)).toEqual(['__proto__', 'constructor']);
    expect(board.byId.get('__proto__')).toMatchObject({ x: 1 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('orders back to front by fractional index, ties broken by id', () => {
    const doc = new Y.Doc();
    put(doc, 'b', { type: 'sticky', x: 0, y: 0, z: 'a1' });
    put(doc, 'a', { type: 'sticky', x: 0, y: 0, z: 'a1' });
    put(doc, 'c', { type: 'sticky', x: 0, y: 0, z: 'a0' });
    put(doc, 'd', { type: 'sticky', x: 0, y: 0, z: 'Zz' });
    expect(readBoard(doc).elements.map((e) => e.id)).toEqual(['d', 'c', 'a', 'b']);
    expect(compareZ({ z: 'a0', id: 'x' }, { z: 'a0', id: 'x' })).toBe(0);
  });

  it('a parent that no longer exists reads as no parent', () => {
    const doc = new Y.Doc();
    put(doc, 'card', { type: 'sticky', x: 0, y: 0, parent: 'gone', slot: 'c1' });
    expect(readBoard(doc).byId.get('card')).toMatchObject({ parent: null, slot: null });
  });

  it('a parent cycle is cut at its smallest id, the same on every peer', () => {
    const doc = new Y.Doc();
    put(doc, 'q', { type: 'theme', x: 0, y: 0, parent: 'p' });
    put(doc, 'p', { type: 'grid', x: 0, y: 0, parent: 'r' });
    put(doc, 'r', { type: 'theme', x: 0, y: 0, parent: 'q' });
    put(doc, 'tail', { type: 'sticky', x: 0, y: 0, parent: 'q' });
    put(doc, 'self', { type: 'theme', x: 0, y: 0, parent: 'self' });
    const { byId } = readBoard(doc);
    expect(byId.get('p')?.parent).toBeNull();
    expect(byId.get('q')?.parent).toBe('p');
    expect(byId.get('r')?.parent).toBe('q');
    expect(byId.get('tail')?.parent).toBe('q');
    expect(byId.get('self')?.parent).toBeNull();
  });

  it('readElement: absent is undefined, present is parsed', () => {
    const doc = new Y.Doc();
    const id = createElement(doc, 'sticky', { x: 5, y: 6, text: 'hi' });
    expect(readElement(doc, 'nope')).toBeUndefined();
    expect(readElement(doc, id)).toMatchObject({ status: 'ok', element: { x: 5, text: 'hi' } });
  });
});

describe('readMeta', () => {
  it('an empty meta map is version 0 with defaults', () => {
    expect(readMeta(new Y.Doc())).toEqual({
      schemaVersion: 0,
      title: 'Untitled board',
      template: 'blank',
      seeded: false,
      restored: null,
    });
  });

  it('bad values fall back one by one', () => {
    const doc = new Y.Doc();
    const meta = metaMap(doc);
    meta.set('schemaVersion', -3);
    meta.set('title', 'Q3 offsite');
    meta.set('template', 'karaoke');
    meta.set('seeded', 'yes');
    meta.set('restored', { name: 'End of day 1', by: 'facilitator', at: 'noon' });
    expect(readMeta(roundTrip(doc))).toEqual({
      schemaVersion: 0,
      title: 'Q3 offsite',
      template: 'blank',
      seeded: false,
      restored: null,
    });
    meta.set('restored', { name: 'End of day 1', by: 'facilitator', at: 1_764_500_000_000 });
    expect(readMeta(roundTrip(doc)).restored).toEqual({
      name: 'End of day 1',
      by: 'facilitator',
      at: 1_764_500_000_000,
    });
  });
});
