import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isUpdate } from './localCopy';

describe('records of the browser’s copy', () => {
  it('are kept when they decode as Yjs updates, and set aside otherwise', () => {
    const doc = new Y.Doc();
    doc.getMap('elements').set('a', 1);
    expect(isUpdate(Y.encodeStateAsUpdate(doc))).toBe(true);
    expect(isUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(isUpdate(new Uint8Array([0xff, 0xff, 0x01, 0x02]))).toBe(false);
    expect(isUpdate(Y.encodeStateAsUpdate(doc).subarray(0, 5))).toBe(false);
    expect(isUpdate('not bytes')).toBe(false);
    expect(isUpdate(null)).toBe(false);
  });
});
