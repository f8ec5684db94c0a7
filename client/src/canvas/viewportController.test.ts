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
  it('tells the view a board opens with from one chosen since', () => {
    const vc = new ViewportController();
    vc.resize(1400, 844);
    expect(vc.showing).toBe('nothing');
    vc.fit({ x: 0, y: 0, w: 2400, h: 1400 }, 1, { hold: true, opening: true });
    expect(vc.showing).toBe('opening');
    // Letting go of the minimap without moving it re-sets the same view: still the opening one.
    vc.set(vc.get());
    expect(vc.showing).toBe('opening');
    vc.panBy(10, 0);
    expect(vc.showing).toBe('chosen');

    const followed = new ViewportController();
    followed.follow({ x: 0, y: 0, w: 800, h: 600 });
    expect(followed.showing).toBe('chosen');
    const fitted = new ViewportController();
    fitted.fit({ x: 0, y: 0, w: 800, h: 600 });
    expect(fitted.showing).toBe('chosen');
  });
  it('fits around the panels over the canvas', () => {
    const vc = new ViewportController();
    vc.resize(1400, 844);
    vc.setObstacles(() => [{ x: 1126, y: 70, w: 260, h: 420 }]);
    vc.fit({ x: 0, y: 0, w: 2400, h: 1400 });
    const right = worldToScreen(vc.get(), { x: 2400, y: 0 }).x;
    expect(right).toBeLessThanOrEqual(1126);
  });
  it('redoes the opening fit as panels come and go, until the view is moved', () => {
    const vc = new ViewportController();
    let panels: { x: number; y: number; w: number; h: number }[] = [];
    vc.setObstacles(() => panels);
    vc.fit({ x: 0, y: 0, w: 2400, h: 1400 }, 1, { hold: true });
    vc.resize(1400, 844);
    const before = vc.get();
    panels = [{ x: 1126, y: 70, w: 260, h: 420 }];
    vc.relayout();
    expect(vc.get().scale).toBeLessThan(before.scale);
    expect(worldToScreen(vc.get(), { x: 2400, y: 0 }).x).toBeLessThanOrEqual(1126);
    // A narrower window: the panel keeps to the right edge, the frame to the room left of it.
    panels = [{ x: 726, y: 70, w: 260, h: 420 }];
    vc.resize(1000, 844);
    expect(worldToScreen(vc.get(), { x: 2400, y: 0 }).x).toBeLessThanOrEqual(726);
    // Moved by the user: the view stays where they put it.
    vc.panBy(5, 5);
    const moved = vc.get();
    panels = [];
    vc.relayout();
    vc.resize(1400, 844);
    expect(vc.get()).toEqual(moved);
  });
  it('stops redoing the opening fit once the user presses on the canvas; follow-me goes on', () => {
    const vc = new ViewportController();
    let panels: { x: number; y: number; w: number; h: number }[] = [];
    vc.setObstacles(() => panels);
    vc.fit({ x: 0, y: 0, w: 2400, h: 1400 }, 1, { hold: true, opening: true });
    vc.resize(1400, 844);
    vc.settle();
    const settled = vc.get();
    panels = [{ x: 1126, y: 70, w: 260, h: 420 }];
    vc.relayout();
    expect(vc.get()).toBe(settled);
    // Following the facilitator: the region stays fitted as panels change, clicks or not.
    vc.follow({ x: 0, y: 0, w: 2400, h: 1400 });
    vc.settle();
    const following = vc.get();
    panels = [];
    vc.relayout();
    expect(vc.get()).not.toEqual(following);
  });

  it('tells a pan, a zoom or a chosen fit from follow-me, the opening view and redone fits', () => {
    const vc = new ViewportController();
    let moves = 0;
    const off = vc.onMove(() => moves++);
    vc.fit({ x: 0, y: 0, w: 2400, h: 1400 }, 1, { hold: true, opening: true });
    vc.resize(1400, 844);
    vc.follow({ x: 0, y: 0, w: 1000, h: 600 });
    vc.resize(1200, 800);
    vc.relayout();
    vc.set(vc.get());
    expect(moves).toBe(0);
    vc.panBy(10, 0);
    vc.zoomCenter(1.25);
    vc.fit({ x: 0, y: 0, w: 800, h: 600 }, 1, { hold: true });
    expect(moves).toBe(3);
    off();
    vc.panBy(10, 0);
    expect(moves).toBe(3);
  });

  it('does not hold a fit the user asked for', () => {
    const vc = new ViewportController();
    vc.resize(1400, 844);
    let panels: { x: number; y: number; w: number; h: number }[] = [];
    vc.setObstacles(() => panels);
    vc.fit({ x: 0, y: 0, w: 2400, h: 1400 });
    const fitted = vc.get();
    panels = [{ x: 1126, y: 70, w: 260, h: 420 }];
    vc.relayout();
    expect(vc.get()).toBe(fitted);
  });
});
