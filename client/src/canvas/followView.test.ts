import type { Rect } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { DETAIL_SCALE } from './cull';
import { clearArea, clearAreas, focusOf, followViewport, leadOf, regionOf, worldOf } from './followView';
import { PANEL_GAP, type Viewport, worldToScreen } from './viewport';
import { ViewportController } from './viewportController';

/** A laptop-sized canvas with the toolbar, workshop panel, minimap and zoom controls over it. */
function panels(width: number, height: number): Rect[] {
  return [
    { x: 12, y: 120, w: 52, h: 420 }, // tools, left
    { x: width - 292, y: 12, w: 280, h: Math.min(640, height - 200) }, // workshop panel, right
    { x: width - 212, y: height - 152, w: 200, h: 140 }, // minimap, bottom right
    { x: 12, y: height - 52, w: 160, h: 40 }, // zoom, bottom left
  ];
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Where `region` (world) lands on a screen with view `v`. */
function onScreen(v: Viewport, region: Rect): Rect {
  const tl = worldToScreen(v, { x: region.x, y: region.y });
  const br = worldToScreen(v, { x: region.x + region.w, y: region.y + region.h });
  return { x: tl.x, y: tl.y, w: br.x - tl.x, h: br.y - tl.y };
}

const eps = 1e-6;

/** `inner` lies within the screen and clear of every panel. */
function expectClear(inner: Rect, width: number, height: number, obstacles: Rect[]) {
  expect(inner.x).toBeGreaterThanOrEqual(-eps);
  expect(inner.y).toBeGreaterThanOrEqual(-eps);
  expect(inner.x + inner.w).toBeLessThanOrEqual(width + eps);
  expect(inner.y + inner.h).toBeLessThanOrEqual(height + eps);
  for (const o of obstacles) expect(overlaps(inner, o), JSON.stringify(o)).toBe(false);
}

describe('clearArea', () => {
  it('is the whole screen without panels', () => {
    expect(clearArea(800, 600, [])).toEqual({ x: 0, y: 0, w: 800, h: 600 });
  });
  it('keeps clear of side panels, with the gap', () => {
    const obs = panels(1400, 844);
    const a = clearArea(1400, 844, obs);
    expectClear(a, 1400, 844, obs);
    // Between the tools and the workshop panel, above the zoom controls.
    expect(a).toEqual({
      x: 64 + PANEL_GAP,
      y: 0,
      w: 1400 - 292 - PANEL_GAP - (64 + PANEL_GAP),
      h: 844 - 52 - PANEL_GAP,
    });
  });
  it('prefers the area holding what the last fit filled', () => {
    // The facilitator's screen: minimap bottom left, reaching right of the tools.
    const obs = [
      { x: 14, y: 240, w: 50, h: 365 },
      { x: 1126, y: 72, w: 260, h: 480 },
      { x: 14, y: 690, w: 208, h: 135 },
      { x: 1210, y: 780, w: 176, h: 50 },
    ];
    // Largest: right of the minimap, full height.
    const largest = clearArea(1400, 845, obs);
    expect(largest.x).toBe(14 + 208 + PANEL_GAP);
    expect(largest.h).toBe(845);
    // A wide frame fitted between the tools and the workshop panel: the wide area above the minimap.
    const stage = { x: 85, y: 17, w: 1020, h: 584 };
    const wide = clearArea(1400, 845, obs, stage);
    expect(wide).toEqual({
      x: 64 + PANEL_GAP,
      y: 0,
      w: 1126 - PANEL_GAP - (64 + PANEL_GAP),
      h: 690 - PANEL_GAP,
    });
    expectClear(wide, 1400, 845, obs);
    // A stage no area holds (it is under a panel now) counts for nothing.
    expect(clearArea(1400, 845, obs, { x: 0, y: 0, w: 1400, h: 845 })).toEqual(largest);
  });
  it('lists only areas not contained in another', () => {
    const areas = clearAreas(1400, 844, panels(1400, 844));
    for (const a of areas)
      for (const b of areas)
        if (a !== b)
          expect(a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h).toBe(false);
  });
});

describe('follow-me', () => {
  const leaderV: Viewport = { x: 137.5, y: -420.25, scale: 0.7 };

  it('gives a follower with the same screen and panels the leader’s own view', () => {
    const obs = panels(1400, 844);
    const lead = leadOf(leaderV, clearArea(1400, 844, obs));
    const v = followViewport(regionOf(lead, lead), 1400, 844, obs);
    expect(v.scale).toBeCloseTo(leaderV.scale, 9);
    expect(v.x).toBeCloseTo(leaderV.x, 6);
    expect(v.y).toBeCloseTo(leaderV.y, 6);
  });

  it('the region is what the leader sees clear of their panels', () => {
    const obs = panels(1400, 844);
    const area = clearArea(1400, 844, obs);
    const lead = leadOf(leaderV, area);
    const region = regionOf(lead, lead);
    const shown = onScreen(leaderV, region);
    expect(shown.x).toBeCloseTo(area.x, 6);
    expect(shown.w).toBeCloseTo(area.w, 6);
    expectClear(
      { x: shown.x + eps, y: shown.y + eps, w: shown.w - 2 * eps, h: shown.h - 2 * eps },
      1400,
      844,
      obs,
    );
    expect(worldOf(leaderV, area)).toEqual(expect.objectContaining({ w: area.w / 0.7, h: area.h / 0.7 }));
  });

  for (const [w, h] of [
    [900, 700],
    [1920, 1000],
    [1024, 1300],
  ] as const) {
    it(`fits the whole region, centred and clear of the panels, into a ${w}×${h} follower`, () => {
      const lead = leadOf(leaderV, clearArea(1400, 844, panels(1400, 844)));
      const region = regionOf(lead, lead);
      const obs = panels(w, h);
      const v = followViewport(region, w, h, obs);
      const shown = onScreen(v, region);
      expectClear(
        { x: shown.x + eps, y: shown.y + eps, w: shown.w - 2 * eps, h: shown.h - 2 * eps },
        w,
        h,
        obs,
      );
      // Tight in one direction: the zoom is the one that fits, not the leader's.
      const area = clearAreas(w, h, obs).find(
        (a) =>
          shown.x >= a.x - eps &&
          shown.y >= a.y - eps &&
          shown.x + shown.w <= a.x + a.w + eps &&
          shown.y + shown.h <= a.y + a.h + eps,
      ) as Rect;
      expect(area).toBeDefined();
      expect(Math.max(shown.w / area.w, shown.h / area.h)).toBeCloseTo(1, 6);
      // Centred in that area.
      expect(shown.x + shown.w / 2).toBeCloseTo(area.x + area.w / 2, 6);
      expect(shown.y + shown.h / 2).toBeCloseTo(area.y + area.h / 2, 6);
      if (w < 1400) expect(v.scale).toBeLessThan(leaderV.scale);
      if (w > 1400 && h > 844) expect(v.scale).toBeGreaterThan(leaderV.scale);
    });
  }

  it('centring on the whole canvas (the old way) puts part of the region under a panel', () => {
    // What followers did before: the leader's canvas centre, at the leader's zoom.
    const obs = panels(1400, 844);
    const c = { x: (700 - leaderV.x) / leaderV.scale, y: (422 - leaderV.y) / leaderV.scale };
    const region = regionOf(leadOf(leaderV, clearArea(1400, 844, obs)), clearArea(1400, 844, obs));
    const old = { scale: leaderV.scale, x: 450 - c.x * leaderV.scale, y: 350 - c.y * leaderV.scale };
    const shown = onScreen(old, region);
    expect(obs.some((o) => overlaps(shown, o)) || shown.x < 0 || shown.x + shown.w > 900).toBe(true);
  });
});

describe('ViewportController.follow', () => {
  it('keeps the region fitted as the window and its panels change, until the view is moved', () => {
    const vc = new ViewportController();
    let obs = panels(1400, 844);
    vc.setObstacles(() => obs);
    const region = { x: 100, y: 50, w: 1200, h: 700 };
    vc.follow(region);
    vc.resize(1400, 844);
    expectClear(onScreen(vc.get(), { x: 101, y: 51, w: 1198, h: 698 }), 1400, 844, obs);
    obs = panels(1000, 700);
    vc.resize(1000, 700);
    expectClear(onScreen(vc.get(), { x: 101, y: 51, w: 1198, h: 698 }), 1000, 700, obs);
    vc.panBy(300, 0);
    const moved = vc.get();
    vc.resize(1400, 844);
    expect(vc.get()).toEqual(moved); // not refitted
  });
  it('reports the clear area its last fit was made for, until the screen size changes', () => {
    const obs = [
      { x: 14, y: 240, w: 50, h: 365 },
      { x: 1126, y: 72, w: 260, h: 480 },
      { x: 14, y: 690, w: 208, h: 135 },
    ];
    const vc = new ViewportController();
    vc.setObstacles(() => obs);
    vc.resize(1400, 845);
    const largest = clearArea(1400, 845, obs);
    expect(vc.clearArea()).toEqual(largest);
    vc.fit({ x: 0, y: 0, w: 2000, h: 1100 });
    const area = vc.clearArea();
    expect(area).not.toEqual(largest);
    const shown = onScreen(vc.get(), { x: 0, y: 0, w: 2000, h: 1100 });
    expect(shown.x).toBeGreaterThanOrEqual(area.x);
    expect(shown.x + shown.w).toBeLessThanOrEqual(area.x + area.w);
    vc.panBy(-200, 40);
    expect(vc.clearArea()).toEqual(area);
    vc.resize(1300, 845);
    expect(vc.clearArea()).toEqual(clearArea(1300, 845, obs));
  });
  it('reports the clear area of its screen', () => {
    const vc = new ViewportController();
    vc.setObstacles(() => panels(1400, 844));
    vc.resize(1400, 844);
    expect(vc.clearArea()).toEqual(clearArea(1400, 844, panels(1400, 844)));
  });
});

describe('following from a big screen on a small laptop', () => {
  // Measured in a workshop: the facilitator's 1440×900 window showing the Story Spine frame at
  // 44 % with follow-me on, and a participant's 1280×720 laptop (panels as they were on each).
  const frame = { x: 2800, y: 1800, w: 2400, h: 1400 };
  const frames = [{ x: 0, y: 1800, w: 2400, h: 1400 }, frame, { x: 5600, y: 1800, w: 2400, h: 1400 }];
  const leaderPanels: Rect[] = [
    { x: 14, y: 240, w: 50, h: 365 }, // tools
    { x: 1250, y: 784, w: 176, h: 46 }, // zoom
    { x: 14, y: 690, w: 210, h: 140 }, // minimap
    { x: 1334, y: 14, w: 92, h: 36 }, // timer
    { x: 1166, y: 124, w: 260, h: 500 }, // workshop panel
  ];
  const leaderView = { scale: 0.4357142857142857, x: -1135.857142857143, y: -720.2857142857142 };
  const lead = leadOf(leaderView, clearArea(1440, 844, leaderPanels));
  const region = regionOf(lead, lead);
  const laptopPanels: Rect[] = [
    { x: 14, y: 150, w: 50, h: 365 }, // tools
    { x: 278, y: 14, w: 724, h: 48 }, // selection bar
    { x: 1090, y: 604, w: 176, h: 46 }, // zoom
    { x: 14, y: 510, w: 210, h: 140 }, // minimap
    { x: 1174, y: 14, w: 92, h: 36 }, // timer
    { x: 545, y: 540, w: 190, h: 28 }, // "Following the facilitator"
    { x: 1006, y: 124, w: 260, h: 290 }, // workshop panel
  ];

  it("shows the leader's frame at a zoom that keeps the cards' text, not the margins round it", () => {
    const focus = focusOf(region, frames);
    expect(focus).not.toBeNull();
    const laptop = new ViewportController();
    laptop.setObstacles(() => laptopPanels);
    laptop.resize(1280, 664);
    // The whole region: cards and box names would be drawn as blank blocks on this screen.
    laptop.follow(region);
    expect(laptop.get().scale).toBeLessThan(DETAIL_SCALE);
    laptop.follow(region, focus ?? undefined);
    expect(laptop.get().scale).toBeGreaterThanOrEqual(DETAIL_SCALE);
    // The part of the frame the leader shows, whole and clear of the panels.
    expectClear(onScreen(laptop.get(), focus as Rect), 1280, 664, laptopPanels);
  });

  it("changes nothing for a screen like the leader's", () => {
    const same = new ViewportController();
    same.setObstacles(() => leaderPanels);
    same.resize(1440, 844);
    same.follow(region, focusOf(region, frames) ?? undefined);
    expect(same.get().scale).toBeCloseTo(leaderView.scale);
    expect(same.get().x).toBeCloseTo(leaderView.x);
    expect(same.get().y).toBeCloseTo(leaderView.y);
  });

  it('has no focus away from any frame; else the part of the region on the frame', () => {
    expect(focusOf({ x: 20_000, y: 0, w: 100, h: 100 }, frames)).toBeNull();
    expect(focusOf({ x: 2600, y: 1700, w: 1000, h: 400 }, frames)).toEqual({
      x: 2800,
      y: 1800,
      w: 800,
      h: 300,
    });
  });
});
