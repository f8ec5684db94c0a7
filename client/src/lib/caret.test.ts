import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DeltaOp, transformIndex } from './caret';

describe('transformIndex', () => {
  it('moves the caret right when text is inserted before it', () => {
    expect(transformIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
  });
  it('leaves it alone for inserts after it', () => {
    expect(transformIndex(2, [{ retain: 4 }, { insert: 'abc' }])).toBe(2);
  });
  it('moves it left for deletions before it, clamped to the deletion start', () => {
    expect(transformIndex(6, [{ retain: 1 }, { delete: 2 }])).toBe(4);
    expect(transformIndex(3, [{ retain: 1 }, { delete: 5 }])).toBe(1);
  });
  it('agrees with a real Y.Text edit', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'hello world');
    let delta: DeltaOp[] = [];
    text.observe((e) => {
      delta = e.delta as DeltaOp[];
    });
    const caret = 'hello wor'.length; // before "ld"
    doc.transact(() => {
      text.delete(0, 5);
      text.insert(0, 'goodbye cruel');
    });
    const moved = transformIndex(caret, delta);
    expect(text.toString().slice(moved)).toBe('ld');
  });
});
