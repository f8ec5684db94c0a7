import { describe, expect, it } from 'vitest';
import {
  fitRect,
  MAX_SCALE,
  rectFromPoints,
  screenToWorld,
  visibleRect,
  wheelZoomFactor,
  worldToScreen,
  zoomAt,
} from './viewport';

describe('viewport', () => {
  const v = { x: 100, y: -50, scale: 2 };
  it('maps screen and world points both ways', () => {
    const w = screenToWorld(v, { x: 300, y: 150 });
    expect(w).toEqual({ x: 100, y: 100 });
    expect(worldToScreen(v, w)).toEqual({ x: 300, y: 150 });
  });
  it('zooms toward the cursor: the point under it stays put', () => {
    const at = { x: 420, y: 260 };
    const before = screenToWorld(v, at);
    const z = zoomAt(v, at, 1.7);
    const after = screenToWorld(z, at);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(z.scale).toBeCloseTo(3.4);
  });
  it('clamps the scale', () => {
    expect(zoomAt(v, { x: 0, y: 0 }, 100).scale).toBe(MAX_SCALE);
  });
  it('fits a rectangle centred in the screen', () => {
    const f = fitRect({ x: 1000, y: 1000, w: 2000, h: 1000 }, 1048, 1048, 24, 1);
    expect(f.scale).toBeCloseTo(0.5);
    const c = worldToScreen(f, { x: 2000, y: 1500 });
    expect(c.x).toBeCloseTo(524);
    expect(c.y).toBeCloseTo(524);
  });
  it('reports the visible world rectangle', () => {
    expect(visibleRect({ x: -200, y: -100, scale: 0.5 }, 800, 600)).toEqual({
      x: 400,
      y: 200,
      w: 1600,
      h: 1200,
    });
  });
  it('normalises marquee corners', () => {
    expect(rectFromPoints({ x: 5, y: 9 }, { x: 1, y: 2 })).toEqual({ x: 1, y: 2, w: 4, h: 7 });
  });
  it('zooms in on wheel up and out on wheel down', () => {
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100, 0)).toBeLessThan(1);
    expect(wheelZoomFactor(1e9, 0)).toBeCloseTo(Math.exp(-1));
  });
});
