import { createElement, deleteElements, elementsMap, readBoard, setText } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardStore } from './boardStore';

describe('BoardStore', () => {
  it('tracks creates, text edits and deletes like a full readBoard', () => {
    const doc = new Y.Doc();
    const a = createElement(doc, 'sticky', { x: 0, y: 0, text: 'a' });
    const store = new BoardStore(doc);
    let notified = 0;
    store.subscribe(() => notified++);
    const b = createElement(doc, 'sticky', { x: 10, y: 10, text: 'b' });
    setText(doc, a, 'hello');
    expect(store.getSnapshot().byId.get(a)).toMatchObject({ text: 'hello' });
    deleteElements(doc, [b]);
    expect(store.getSnapshot().elements).toEqual(readBoard(doc).elements);
    expect(notified).toBe(3);
  });

  it('counts elements another client wrote badly, and recovers when they are fixed', () => {
    const doc = new Y.Doc();
    const store = new BoardStore(doc);
    const bad = new Y.Map<unknown>();
    elementsMap(doc).set('bad', bad);
    bad.set('type', 'sticky');
    bad.set('x', 'left');
    expect(store.getSnapshot().problems).toHaveLength(1);
    expect(store.getSnapshot().elements).toHaveLength(0);
    doc.transact(() => {
      bad.set('x', 1);
      bad.set('y', 2);
    });
    expect(store.getSnapshot().problems).toHaveLength(0);
    expect(store.getSnapshot().elements.map((e) => e.id)).toEqual(['bad']);
  });
});
