import { createElements, setText, textOf } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DeltaOp, diffDelta, transformIndex } from './caret';

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

  it('keeps an insert exactly at the caret after it', () => {
    expect(transformIndex(5, [{ retain: 5 }, { insert: 'xy' }])).toBe(5);
    expect(transformIndex(0, [{ insert: 'xy' }])).toBe(0);
  });
});

/**
 * Two people typing at the same spot of one note, keystroke by keystroke, each through what the
 * editor does: the textarea's value and caret, `setText` with the caret on input, the caret moved
 * through each remote change. Each person's words must stay together.
 */
describe('two typists at one spot', () => {
  interface Typist {
    doc: Y.Doc;
    value: string;
    caret: number;
  }
  function typist(doc: Y.Doc, id: string, origin: object): Typist {
    const t: Typist = { doc, value: '', caret: 0 };
    const text = textOf(doc, id) as Y.Text;
    t.value = text.toString();
    t.caret = t.value.length;
    text.observe((event, tr) => {
      if (tr.origin === origin) return;
      t.caret = transformIndex(t.caret, event.delta as DeltaOp[]);
      t.value = text.toString();
    });
    const type = (ch: string) => {
      t.value = t.value.slice(0, t.caret) + ch + t.value.slice(t.caret);
      t.caret += ch.length;
      setText(doc, id, t.value, origin, t.caret);
    };
    return Object.assign(t, { type });
  }

  /** `a` and `b` typed at the end of one note, keystroke for keystroke: the final text. */
  function typeTogether(a: string, b: string): { final: string; values: string[] } {
    const one = new Y.Doc();
    one.clientID = 1;
    const [id] = createElements(one, [{ kind: 'sticky', input: { x: 0, y: 0, text: 'Goal:' } }] as never);
    const two = new Y.Doc();
    two.clientID = 2;
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    // Each keystroke reaches the other side before its next one: the two typists interleave.
    const oneOrigin = {};
    const twoOrigin = {};
    const pending: { to: Y.Doc; update: Uint8Array }[] = [];
    one.on('update', (u: Uint8Array, o: unknown) => o === oneOrigin && pending.push({ to: two, update: u }));
    two.on('update', (u: Uint8Array, o: unknown) => o === twoOrigin && pending.push({ to: one, update: u }));
    const ta = typist(one, id as string, oneOrigin) as Typist & { type: (c: string) => void };
    const tb = typist(two, id as string, twoOrigin) as Typist & { type: (c: string) => void };
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i]) ta.type(a[i] as string);
      if (b[i]) tb.type(b[i] as string);
      for (const { to, update } of pending.splice(0)) Y.applyUpdate(to, update);
    }
    const final = (textOf(one, id as string) as Y.Text).toString();
    return { final, values: [(textOf(two, id as string) as Y.Text).toString(), ta.value, tb.value] };
  }

  it.each([
    [' grow revenue', ' delight users'],
    [' dd', ' dd'],
    [' add', ' odd'],
  ])('"%s" and "%s" typed at the end of the same note stay whole', (a, b) => {
    const { final, values } = typeTogether(a, b);
    expect(values).toEqual([final, final, final]);
    expect([`Goal:${a}${b}`, `Goal:${b}${a}`]).toContain(final);
  });

  it('whatever the two type: words of few letters, where the next letter is often the other’s', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const word = () =>
      Array.from({ length: 2 + Math.floor(next() * 5) }, () => (next() < 0.5 ? 'a' : 'b')).join('');
    for (let i = 0; i < 300; i++) {
      const a = word();
      const b = word();
      const { final, values } = typeTogether(a, b);
      expect(values).toEqual([final, final, final]);
      expect([`Goal:${a}${b}`, `Goal:${b}${a}`], `${a} / ${b}`).toContain(final);
    }
  });
});

describe('diffDelta', () => {
  const apply = (prev: string, delta: readonly DeltaOp[]) => {
    let out = '';
    let at = 0;
    for (const op of delta) {
      if (op.retain !== undefined) {
        out += prev.slice(at, at + op.retain);
        at += op.retain;
      } else if (op.delete !== undefined) at += op.delete;
      else out += String(op.insert);
    }
    return out + prev.slice(at);
  };

  it('turns the old text into the new one with one edit', () => {
    for (const [prev, next] of [
      ['日本語のカード', '日本語のカード!!'],
      ['hello world', 'hello brave world'],
      ['hello world', 'hello'],
      ['abc', 'xyz'],
      ['', 'new'],
      ['same', 'same'],
    ] as const) {
      expect(apply(prev, diffDelta(prev, next))).toBe(next);
    }
    expect(diffDelta('same', 'same')).toEqual([]);
    expect(diffDelta('hello world', 'hello brave world')).toEqual([{ retain: 6 }, { insert: 'brave ' }]);
  });

  it('keeps a caret before someone else’s edit where it was, and shifts one after it', () => {
    // Typed at the end while this user's caret sits after "日本語".
    expect(transformIndex(3, diffDelta('日本語のカード', '日本語のカード!!'))).toBe(3);
    // Text removed before the caret pulls it back by as much.
    expect(transformIndex(9, diffDelta('abc def ghi', 'def ghi'))).toBe(5);
  });

  it('places an edit inside a run of equal characters as late as it can', () => {
    expect(diffDelta('aa', 'aaa')).toEqual([{ retain: 2 }, { insert: 'a' }]);
    expect(transformIndex(1, diffDelta('aa', 'aaa'))).toBe(1);
  });
});
