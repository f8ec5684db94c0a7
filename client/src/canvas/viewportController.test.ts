import { describe, expect, it } from 'vitest';
import { worldToScreen } from './viewport';
import { ViewportController } from './viewportController';

describe('ViewportController', () => {
  it('holds a fit asked for before the screen size is known', () => {
    const vc = new ViewportController();
    vc.fit({ x: 0, y: 0, w: 1000, h: 500 });
    expect(vc.get().scale).toBe(1);
    vc.resize(1128, 628);
    expect(vc.get().scale).toBeCloseTo(1);
    const c = worldToScreen(vc.get(), { x: 500, y: 250 });
    expect(c).toEqual({ x: 564, y: 314 });
  });
  it('centres the origin of an empty board on first size', () => {
    const vc = new ViewportController();
    vc.resize(800, 600);
    expect(worldToScreen(vc.get(), { x: 0, y: 0 })).toEqual({ x: 400, y: 300 });
    vc.panBy(10, 0);
    vc.resize(1000, 600);
    expect(vc.get().x).toBe(410);
  });
});
