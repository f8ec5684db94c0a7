import { describe, expect, it } from 'vitest';
import { centredOn, fromMinimap, minimapTransform, minimapWorld, toMinimap } from './minimap';
import { visibleRect } from './viewport';

describe('minimap', () => {
  const content = { x: 0, y: 0, w: 1000, h: 500 };

  it('shows the content and the view, even when the view is far away', () => {
    const view = { x: 3000, y: -400, w: 200, h: 100 };
    const world = minimapWorld(content, view, 0);
    expect(world).toEqual({ x: 0, y: -400, w: 3200, h: 900 });
    expect(minimapWorld(null, view, 0)).toEqual(view);
  });

  it('fits the world into the box, centred, keeping proportions', () => {
    const t = minimapTransform(content, 200, 200);
    expect(t.scale).toBeCloseTo(0.2);
    const r = toMinimap(t, content);
    expect(r.x).toBeCloseTo(0);
    expect(r.w).toBeCloseTo(200);
    expect(r.h).toBeCloseTo(100);
    // Centred vertically: 50px above and below.
    expect(r.y).toBeCloseTo(50);
  });

  it('maps minimap points back to the world points drawn there', () => {
    const t = minimapTransform({ x: -300, y: 120, w: 4000, h: 2500 }, 180, 120);
    const world = { x: 1234, y: 987 };
    const m = toMinimap(t, { ...world, w: 0, h: 0 });
    const back = fromMinimap(t, m);
    expect(back.x).toBeCloseTo(world.x);
    expect(back.y).toBeCloseTo(world.y);
  });

  it('centres the view on a point without changing the zoom', () => {
    const v = centredOn({ x: 10, y: 20, scale: 0.5 }, 800, 600, { x: 1000, y: 400 });
    expect(v.scale).toBe(0.5);
    const r = visibleRect(v, 800, 600);
    expect(r.x + r.w / 2).toBeCloseTo(1000);
    expect(r.y + r.h / 2).toBeCloseTo(400);
  });
});
