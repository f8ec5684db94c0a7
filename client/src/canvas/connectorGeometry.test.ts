import { describe, expect, it } from 'vitest';
import { arrowPoints, borderPoint } from './connectorGeometry';

describe('connector geometry', () => {
  it('finds the border point toward a target', () => {
    expect(borderPoint({ x: 0, y: 0, w: 100, h: 50 }, 500, 25)).toEqual({ x: 100, y: 25 });
    expect(borderPoint({ x: 0, y: 0, w: 100, h: 50 }, 50, -500)).toEqual({ x: 50, y: 0 });
  });
  it('joins two boxes border to border', () => {
    expect(arrowPoints({ x: 0, y: 0, w: 100, h: 100 }, { x: 300, y: 0, w: 100, h: 100 })).toEqual([
      100, 50, 300, 50,
    ]);
  });
});
