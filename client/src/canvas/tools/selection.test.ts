import type { Element } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { clickSelect, marqueeHits, noteAt, topLevel } from './selection';

const el = (id: string, x: number, y: number, parent: string | null = null, type = 'sticky') =>
  ({ id, type, x, y, w: 100, h: 100, parent, slot: null, z: 'a0' }) as unknown as Element;

describe('topLevel', () => {
  it('drops members whose container is also moving, at any depth', () => {
    const els = [el('f', 0, 0, null, 'frame'), el('g', 0, 0, 'f', 'grid'), el('s', 0, 0, 'g'), el('t', 0, 0)];
    const byId = new Map(els.map((e) => [e.id, e]));
    expect(topLevel(['s', 'f', 't'], byId).sort()).toEqual(['f', 't']);
    expect(topLevel(['s', 'g'], byId)).toEqual(['g']);
  });
  it('survives a parent cycle written by a bad client', () => {
    const a = el('a', 0, 0, 'b');
    const b = el('b', 0, 0, 'a');
    expect(
      topLevel(
        ['a'],
        new Map([
          ['a', a],
          ['b', b],
        ]),
      ),
    ).toEqual(['a']);
  });
});

describe('marqueeHits', () => {
  it('selects contained elements and mostly-covered cards', () => {
    const els = [
      el('in', 10, 10),
      el('half', 270, 100),
      el('most', 240, 10),
      el('frame', 0, 0, null, 'frame'),
    ];
    (els[3] as { w: number }).w = 1000;
    expect(marqueeHits(els, { x: 0, y: 0, w: 320, h: 200 })).toEqual(['in', 'most']);
  });
});

describe('clickSelect', () => {
  it('toggles with shift and replaces without', () => {
    const s = new Set(['a']);
    expect([...clickSelect(s, 'b', true)]).toEqual(['a', 'b']);
    expect([...clickSelect(s, 'a', true)]).toEqual([]);
    expect([...clickSelect(s, 'b', false)]).toEqual(['b']);
    expect(clickSelect(s, 'a', false)).toBe(s);
  });
});

describe('noteAt', () => {
  it('finds the note drawn topmost at a point, never a container, and nothing on empty canvas', () => {
    const frame = el('frame', 0, 0, null, 'frame');
    (frame as { w: number }).w = 1000;
    const els = [
      frame,
      el('under', 0, 0, 'frame'),
      el('over', 50, 50, 'frame'),
      el('label', 300, 0, null, 'text'),
    ];
    expect(noteAt(els, 75, 75)?.id).toBe('over');
    expect(noteAt(els, 20, 20)?.id).toBe('under');
    expect(noteAt(els, 350, 50)?.id).toBe('label');
    expect(noteAt(els, 600, 50)).toBeUndefined();
  });
});
