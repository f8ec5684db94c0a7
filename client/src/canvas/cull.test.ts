import type { Element } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { cull, cullAreaFor, needsRecull } from './cull';

const sticky = (id: string, x: number, y: number) =>
  ({ id, type: 'sticky', x, y, w: 100, h: 100, z: 'a0', text: '', color: 'yellow' }) as unknown as Element;
const arrow = (id: string, from: string, to: string) =>
  ({ id, type: 'connector', x: 0, y: 0, z: 'a0', from, to }) as unknown as Element;

describe('cull', () => {
  const els = [
    sticky('in', 50, 50),
    sticky('out', 5000, 5000),
    sticky('left', -3000, 300),
    sticky('right', 3000, 300),
  ];
  const byId = new Map(els.map((e) => [e.id, e]));
  const area = { x: 0, y: 0, w: 1000, h: 1000 };
  it('keeps what intersects the area', () => {
    expect(cull(els, area, byId).map((e) => e.id)).toEqual(['in']);
  });
  it('keeps arrows whose line can cross the area and drops dangling ones', () => {
    const all = [...els, arrow('a1', 'in', 'out'), arrow('a2', 'left', 'right'), arrow('a3', 'in', 'gone')];
    const ids = cull(all, area, new Map(all.map((e) => [e.id, e]))).map((e) => e.id);
    expect(ids).toEqual(['in', 'a1', 'a2']);
  });
});

describe('needsRecull', () => {
  const visible = { x: 0, y: 0, w: 1000, h: 800 };
  const area = cullAreaFor(visible, 1);
  it('is false while panning inside the margin', () => {
    expect(needsRecull(area, { ...visible, x: 400, y: -300 }, 1)).toBe(false);
  });
  it('is true once the view leaves the drawn area', () => {
    expect(needsRecull(area, { ...visible, x: 600 }, 1)).toBe(true);
  });
  it('is true after a large zoom change', () => {
    expect(needsRecull(area, visible, 2)).toBe(true);
    expect(needsRecull(null, visible, 1)).toBe(true);
  });
});
