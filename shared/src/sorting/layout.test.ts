import { describe, expect, it } from 'vitest';
import { HEADER, intersects } from '../geometry.js';
import { CARD_GAP, freeThemeSpot, layoutMembers, themeSizeFor } from './layout.js';

describe('layoutMembers', () => {
  it('fills rows inside the theme body and grows the theme only in height', () => {
    const theme = { x: 100, y: 200, w: 420, h: 520 };
    const small = layoutMembers(theme, 3);
    expect(small).toMatchObject({ w: 420, h: 520 });
    expect(small.positions[0]?.y).toBe(200 + HEADER + CARD_GAP);
    expect(small.positions[1]?.y).toBe(small.positions[0]?.y);
    expect(small.positions[2]?.y).toBeGreaterThan(small.positions[0]?.y ?? 0);
    const many = layoutMembers(theme, 9);
    expect(many.w).toBe(420);
    expect(many.h).toBeGreaterThan(520);
    for (const p of many.positions) {
      expect(p.x).toBeGreaterThanOrEqual(theme.x);
      expect(p.x + 180).toBeLessThanOrEqual(theme.x + many.w);
      expect(p.y + 180).toBeLessThanOrEqual(theme.y + many.h);
    }
  });
  it('widens a theme too narrow for one card', () => {
    expect(layoutMembers({ x: 0, y: 0, w: 50, h: 50 }, 1, { w: 400, h: 100 }).w).toBe(400 + 2 * CARD_GAP);
  });
});

describe('themeSizeFor / freeThemeSpot', () => {
  it('sizes a new theme roughly square', () => {
    const s = themeSizeFor(4);
    expect(layoutMembers({ x: 0, y: 0, ...s }, 4)).toMatchObject(s);
    expect(themeSizeFor(40).w).toBe(themeSizeFor(16).w);
  });
  it('keeps the wanted spot when free, else the nearest free spot', () => {
    const size = { w: 300, h: 300 };
    expect(freeThemeSpot({ x: 0, y: 0 }, size, [])).toEqual({ x: 0, y: 0 });
    const wall = { x: -100, y: -100, w: 600, h: 600 };
    const at = freeThemeSpot({ x: 0, y: 0 }, size, [wall]);
    expect(intersects({ ...at, ...size }, wall)).toBe(false);
    expect(Math.hypot(at.x, at.y)).toBeLessThan(1000);
  });
});
