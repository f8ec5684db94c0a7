import { describe, expect, it } from 'vitest';
import {
  fitRect,
  fitRectClear,
  MAX_SCALE,
  PANEL_GAP,
  rectFromPoints,
  screenToWorld,
  visibleRect,
  wheelZoomFactor,
  worldToScreen,
  zoomAt,
  zoomToShow,
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

describe('fitRectClear', () => {
  /** The board's floating panels on a 1400 × 844 canvas: tools, workshop panel, minimap, zoom. */
  const W = 1400;
  const H = 844;
  const toolbar = { x: 14, y: 255, w: 48, h: 334 };
  const workshop = { x: 1126, y: 70, w: 260, h: 420 };
  const minimap = { x: 14, y: 690, w: 204, h: 140 };
  const zoom = { x: 1214, y: 790, w: 172, h: 40 };
  const panels = [toolbar, workshop, minimap, zoom];
  const onScreen = (
    v: { x: number; y: number; scale: number },
    r: { x: number; y: number; w: number; h: number },
  ) => ({
    x: v.x + r.x * v.scale,
    y: v.y + r.y * v.scale,
    w: r.w * v.scale,
    h: r.h * v.scale,
  });
  const overlap = (a: Rect, b: Rect) =>
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  type Rect = { x: number; y: number; w: number; h: number };

  it('is fitRect when nothing covers the screen', () => {
    const r = { x: 100, y: 200, w: 2400, h: 1400 };
    expect(fitRectClear(r, W, H, [], 64, 1)).toEqual(fitRect(r, W, H, 64, 1));
  });

  it('keeps a wide frame clear of every panel, as large as the room between them allows', () => {
    const frame = { x: 0, y: 0, w: 2400, h: 1400 };
    const v = fitRectClear(frame, W, H, panels, 64, 1);
    const shown = onScreen(v, frame);
    for (const p of panels) expect(overlap(shown, p)).toBe(false);
    // Between the toolbar and the workshop panel (gaps on both sides), not the whole width.
    const room = workshop.x - PANEL_GAP - (toolbar.x + toolbar.w + PANEL_GAP);
    expect(shown.w).toBeCloseTo(room);
    expect(shown.x).toBeCloseTo(toolbar.x + toolbar.w + PANEL_GAP);
    // Plain fitRect would put its right edge under the workshop panel.
    expect(overlap(onScreen(fitRect(frame, W, H, 64, 1), frame), workshop)).toBe(true);
  });

  it('leaves a small fit where it is when no panel is in the way', () => {
    const note = { x: 0, y: 0, w: 180, h: 180 };
    const v = fitRectClear(note, W, H, panels, 64, 2);
    expect(v).toEqual(fitRect(note, W, H, 64, 2));
  });

  it('moves a tall selection out from under the workshop panel rather than shrinking it away', () => {
    const tall = { x: 0, y: 0, w: 300, h: 2000 };
    const v = fitRectClear(tall, W, H, panels, 64, 2);
    const shown = onScreen(v, tall);
    for (const p of panels) expect(overlap(shown, p)).toBe(false);
    expect(v.scale).toBeCloseTo(fitRect(tall, W, H, 64, 2).scale);
  });
});

describe('zoomToShow', () => {
  const area = { x: 16, y: 16, w: 768, h: 1000 };
  const onScreen = (
    v: { x: number; y: number; scale: number },
    r: { x: number; y: number; w: number; h: number },
  ) => ({
    x: v.x + r.x * v.scale,
    y: v.y + r.y * v.scale,
    w: r.w * v.scale,
    h: r.h * v.scale,
  });

  it('zooms about the middle of a note that stays in the area', () => {
    const v = { x: 100, y: 50, scale: 0.27 };
    const note = { x: 1000, y: 1200, w: 220, h: 220 };
    const z = zoomToShow(v, note, 0.5, area);
    expect(z.scale).toBe(0.5);
    const before = onScreen(v, note);
    const after = onScreen(z, note);
    expect(after.x + after.w / 2).toBeCloseTo(before.x + before.w / 2);
    expect(after.y + after.h / 2).toBeCloseTo(before.y + before.h / 2);
  });

  it('moves the view the least that brings a note near an edge into the area', () => {
    const v = { x: 0, y: 0, scale: 0.27 };
    const note = { x: 2800, y: 0, w: 220, h: 220 };
    const z = zoomToShow(v, note, 0.5, area);
    const shown = onScreen(z, note);
    expect(shown.x + shown.w).toBeCloseTo(area.x + area.w);
    expect(shown.y).toBeCloseTo(area.y);
  });

  it('shows the start of what is larger than the area', () => {
    const band = { x: 0, y: 0, w: 4000, h: 72 };
    const z = zoomToShow({ x: 300, y: 300, scale: 0.1 }, band, 0.7, area);
    const shown = onScreen(z, band);
    expect(shown.x).toBeCloseTo(area.x);
    expect(shown.y).toBeGreaterThanOrEqual(area.y);
  });
});
