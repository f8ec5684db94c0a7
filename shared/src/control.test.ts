import { describe, expect, it } from 'vitest';
import { ControlCommand } from './control';

describe('follow.viewport', () => {
  it('carries the leader’s visible size, optional for older clients', () => {
    const withSize = { type: 'follow.viewport', viewport: { x: 10, y: -20, zoom: 0.5, w: 1200, h: 800 } };
    expect(ControlCommand.parse(withSize)).toEqual(withSize);
    const without = { type: 'follow.viewport', viewport: { x: 10, y: -20, zoom: 0.5 } };
    expect(ControlCommand.parse(without)).toEqual(without);
  });

  it('refuses sizes outside 1–20,000 screen pixels', () => {
    for (const w of [0, -5, 20_001, Number.POSITIVE_INFINITY]) {
      const r = ControlCommand.safeParse({
        type: 'follow.viewport',
        viewport: { x: 0, y: 0, zoom: 1, w, h: 500 },
      });
      expect(r.success, `w = ${w}`).toBe(false);
    }
  });
});
