import type { Element } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { frameMembers, pixelRatioFor, pngName } from './pngFiles';

describe('PNG export helpers', () => {
  it('names the file as the server names its exports: board, frame and day', () => {
    const at = new Date('2026-11-30T10:00:00Z');
    expect(pngName('Q3 offsite', 'Lean Canvas', at)).toBe('q3-offsite-lean-canvas-2026-11-30.png');
    expect(pngName('A/B: "test"?', null, at)).toBe('a-b-test-2026-11-30.png');
    expect(pngName('Стратегия 2027', '故事', at)).toBe('стратегия-2027-故事-2026-11-30.png');
    expect(pngName('  \u0000  ', null, at)).toBe('board-2026-11-30.png');
  });

  it('keeps the picture within what a browser canvas can hold', () => {
    expect(pixelRatioFor({ x: 0, y: 0, w: 2400, h: 1400 })).toBe(2);
    const huge = { x: 0, y: 0, w: 40_000, h: 20_000 };
    const r = pixelRatioFor(huge);
    expect(huge.w * r).toBeLessThanOrEqual(12_000);
    expect(huge.w * r * huge.h * r).toBeLessThanOrEqual(80_000_000);
  });

  it('takes a frame with its members (nested too) and arrows between them, nothing else', () => {
    const base = { z: 'a0', locked: false, createdBy: '', createdAt: 0, slot: null };
    const els = [
      {
        ...base,
        id: 'f',
        type: 'frame',
        x: 0,
        y: 0,
        w: 100,
        h: 100,
        parent: null,
        title: 'F',
        exercise: null,
      },
      { ...base, id: 't', type: 'theme', x: 0, y: 0, w: 50, h: 50, parent: 'f' },
      { ...base, id: 'in', type: 'sticky', x: 0, y: 0, w: 10, h: 10, parent: 't', text: 'a' },
      { ...base, id: 'out', type: 'sticky', x: 500, y: 0, w: 10, h: 10, parent: null, text: 'b' },
      { ...base, id: 'c1', type: 'connector', x: 0, y: 0, parent: null, from: 'in', to: 't' },
      { ...base, id: 'c2', type: 'connector', x: 0, y: 0, parent: null, from: 'in', to: 'out' },
    ] as unknown as Element[];
    expect(frameMembers(els, 'f').map((e) => e.id)).toEqual(['f', 't', 'in', 'c1']);
  });
});
