import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { elementsMap, readBoard, readMeta } from '../layout.js';
import { SEED_ORIGIN, seedTemplate, templateElements } from './index.js';

const frames = (doc: Y.Doc) => readBoard(doc).elements.filter((e) => e.type === 'frame');
const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('seedTemplate', () => {
  it('inserts the content and marks the board seeded, in one transaction with the origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    expect(seedTemplate(doc, 'workshop')).toBe(true);
    expect(origins).toEqual([SEED_ORIGIN]);
    expect(frames(doc)).toHaveLength(7);
    expect(elementsMap(doc).size).toBe(templateElements('workshop').length);
    expect(readMeta(doc)).toMatchObject({ seeded: true, template: 'workshop' });
  });

  it('is a no-op the second time', () => {
    const doc = new Y.Doc();
    seedTemplate(doc, 'lean-canvas');
    const size = elementsMap(doc).size;
    const before = Y.encodeStateVector(doc);
    expect(seedTemplate(doc, 'lean-canvas')).toBe(false);
    expect(seedTemplate(doc, 'workshop')).toBe(false);
    expect(elementsMap(doc).size).toBe(size);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(readMeta(doc).template).toBe('lean-canvas');
  });

  it('marks a blank board seeded without content', () => {
    const doc = new Y.Doc();
    expect(seedTemplate(doc, 'blank')).toBe(true);
    expect(elementsMap(doc).size).toBe(0);
    expect(readMeta(doc)).toMatchObject({ seeded: true, template: 'blank' });
  });

  it('never duplicates once a party has synced the seeded board', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    seedTemplate(server, 'workshop');
    sync(server, client);
    expect(seedTemplate(client, 'workshop')).toBe(false);
    sync(client, server);
    expect(frames(server)).toHaveLength(7);
    expect(frames(client)).toHaveLength(7);
  });

  // Why seeding is the server's job alone: the flag cannot stop two parties that seed before
  // seeing each other's update; their copies (different ids) both survive the merge.
  it('cannot stop two unsynced parties from both seeding', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    seedTemplate(a, 'workshop');
    seedTemplate(b, 'workshop');
    sync(a, b);
    sync(b, a);
    expect(frames(a)).toHaveLength(14);
  });
});
