/**
 * The live viewport. Pan and zoom change it many times a second; the stage and the HTML overlays
 * follow it imperatively, so a pan frame does no React rendering.
 */
import type { Rect } from '@truenorth/shared';
import { DETAIL_SCALE } from './cull';
import { clearArea, followViewport, worldOf } from './followView';
import {
  fitRectClear,
  grow,
  overlaps,
  PANEL_GAP,
  type Viewport,
  visibleRect,
  zoomAt,
  zoomToShow,
} from './viewport';

/** Space kept between fitted content and the edges of the screen, in pixels. */
const FIT_PADDING = 64;

interface Fit {
  r: Rect;
  /** `fit`: whole with padding, at most `maxScale`; `follow`: a leader's region, no padding. */
  kind?: 'fit' | 'follow';
  maxScale: number;
  /** Redo this fit when the screen or its panels change, until the view is moved. */
  hold: boolean;
  /**
   * `follow`: the part of the region that matters (the exercise frame the leader shows), fitted
   * instead when the whole region would be too small to read on this screen.
   */
  focus?: Rect;
}

export class ViewportController {
  private v: Viewport = { x: 0, y: 0, scale: 1 };
  width = 1;
  height = 1;
  private listeners = new Set<(v: Viewport) => void>();
  /** A fit asked for before the screen size was known; applied on the first resize. */
  private pendingFit: Fit | null = null;
  /** The held fit and the view it made: any other view releases it. */
  private held: { fit: Fit; v: Viewport } | null = null;
  private sized = false;
  /** Where the last fit put its rectangle on the screen, until the screen size changes. */
  private stage: Rect | null = null;
  /** Screen rectangles (relative to the canvas) that floating panels cover. */
  private obstacles: () => readonly Rect[] = () => [];
  private shown: 'nothing' | 'opening' | 'chosen' = 'nothing';
  private moveListeners = new Set<() => void>();

  /**
   * What the view shows: nothing fitted yet, the view a board opens with, or something chosen
   * since (another fit, follow-me, a pan or a zoom).
   */
  get showing(): 'nothing' | 'opening' | 'chosen' {
    return this.shown;
  }

  get = (): Viewport => this.v;

  set(v: Viewport): void {
    const moved = v !== this.v;
    if (moved) this.shown = 'chosen';
    if (this.held && v !== this.held.v) this.held = null;
    this.apply(v);
    if (moved) this.moved();
  }

  /**
   * Called each time this view is moved to something of its own: a pan, a zoom, a fit of
   * something shown on purpose (an exercise, the selection). Not follow-me, not the view the board
   * opens with, not a fit redone as the window or panels change.
   */
  onMove(fn: () => void): () => void {
    this.moveListeners.add(fn);
    return () => this.moveListeners.delete(fn);
  }

  private moved(): void {
    for (const fn of this.moveListeners) fn();
  }

  private apply(v: Viewport): void {
    if (!Number.isFinite(v.x) || !Number.isFinite(v.y) || !Number.isFinite(v.scale)) return;
    this.v = v;
    for (const fn of this.listeners) fn(v);
  }

  subscribe(fn: (v: Viewport) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Where the panels over the canvas are; fits keep clear of them. */
  setObstacles(fn: () => readonly Rect[]): void {
    this.obstacles = fn;
  }

  resize(width: number, height: number): void {
    if (width < 2 || height < 2) return;
    const first = !this.sized;
    if (width !== this.width || height !== this.height) this.stage = null;
    this.width = width;
    this.height = height;
    this.sized = true;
    const pending = first ? this.pendingFit : (this.held?.fit ?? null);
    this.pendingFit = null;
    if (pending) this.applyFit(pending);
    // Until someone moves it, an empty board shows its origin in the middle of the screen.
    else if (first) this.apply({ x: width / 2, y: height / 2, scale: this.v.scale });
    else this.apply(this.v);
  }

  /**
   * The user started working in the view (pressed on the canvas): the opening fit stops being
   * redone, so nothing moves under their pointer when a panel grows (a vote's list in the
   * workshop panel). Follow-me goes on following.
   */
  settle(): void {
    if (this.held && this.held.fit.kind !== 'follow') this.held = null;
  }

  /** The panels over the canvas changed: a held fit is redone for the room now left. */
  relayout(): void {
    if (this.held && this.sized) this.applyFit(this.held.fit);
  }

  panBy(dx: number, dy: number): void {
    this.set({ ...this.v, x: this.v.x + dx, y: this.v.y + dy });
  }

  zoomAt(at: { x: number; y: number }, factor: number): void {
    this.set(zoomAt(this.v, at, factor));
  }

  zoomCenter(factor: number): void {
    this.zoomAt({ x: this.width / 2, y: this.height / 2 }, factor);
  }

  /**
   * Zoom to `scale` about `r`, moving the view no more than it takes to show `r` clear of the
   * panels (its start when it is larger than the room): a note opened for typing brought up to a
   * size one can read, without losing the place it is in.
   */
  zoomToShow(r: Rect, scale: number): void {
    const screen = { x: 0, y: 0, w: this.width, h: this.height };
    const inset = (a: Rect) => grow(a, -PANEL_GAP);
    let v = zoomToShow(this.v, r, scale, inset(screen));
    const shown = { x: v.x + r.x * v.scale, y: v.y + r.y * v.scale, w: r.w * v.scale, h: r.h * v.scale };
    if (this.obstacles().some((o) => overlaps(grow(o, PANEL_GAP), shown)))
      v = zoomToShow(this.v, r, scale, inset(this.clearArea()));
    this.set(v);
  }

  /**
   * Show `r` whole in the part of the screen no panel covers. With `hold`, the fit is redone as
   * panels open and close and the window resizes, until the view is moved some other way (the
   * view a board opens with).
   */
  fit(r: Rect | null, maxScale = 1, opts: { hold?: boolean; opening?: boolean } = {}): void {
    if (!r) return;
    this.shown = opts.opening ? 'opening' : 'chosen';
    const fit = { r, maxScale, hold: opts.hold ?? false };
    if (!this.sized) this.pendingFit = fit;
    else this.applyFit(fit);
    if (!opts.opening) this.moved();
  }

  /**
   * Follow-me: show the region a leader shows, whole and centred in the part of the screen no
   * panel covers; redone as the window and panels change, until the view is moved some other way.
   */
  follow(region: Rect, focus?: Rect): void {
    this.shown = 'chosen';
    const fit: Fit = { r: region, maxScale: Number.POSITIVE_INFINITY, hold: true, kind: 'follow', focus };
    if (!this.sized) {
      this.pendingFit = fit;
      return;
    }
    this.applyFit(fit);
  }

  /**
   * The part of the screen no panel covers that this view is shown in (screen rectangle): the
   * largest that holds what the last fit showed, else the largest.
   */
  clearArea(): Rect {
    return clearArea(this.width, this.height, this.obstacles(), this.stage);
  }

  private applyFit(fit: Fit): void {
    let v =
      fit.kind === 'follow'
        ? followViewport(fit.r, this.width, this.height, this.obstacles())
        : fitRectClear(fit.r, this.width, this.height, this.obstacles(), FIT_PADDING, fit.maxScale);
    // A leader on a bigger screen shows more than a small laptop can draw legibly: below the zoom
    // at which cards lose their text, the follower is shown the leader's frame instead of the
    // margins around it (as large as it fits), so they can still read what is being discussed.
    let shown = fit.r;
    if (fit.kind === 'follow' && fit.focus && v.scale < DETAIL_SCALE) {
      const closer = followViewport(fit.focus, this.width, this.height, this.obstacles());
      if (closer.scale > v.scale) {
        v = closer;
        shown = fit.focus;
      }
    }
    this.held = fit.hold ? { fit, v } : null;
    const tl = { x: v.x + shown.x * v.scale, y: v.y + shown.y * v.scale };
    const br = { x: tl.x + shown.w * v.scale, y: tl.y + shown.h * v.scale };
    // What it fills of the screen (a fit of something larger than the screen fills all of it).
    const x = Math.max(0, tl.x);
    const y = Math.max(0, tl.y);
    this.stage = { x, y, w: Math.min(this.width, br.x) - x, h: Math.min(this.height, br.y) - y };
    this.apply(v);
  }

  visible(): Rect {
    return visibleRect(this.v, this.width, this.height);
  }

  /** The world point at the centre of the screen. */
  center(): { x: number; y: number } {
    const r = this.visible();
    return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
  }

  /**
   * The world point at the centre of what the screen shows clear of the panels: where the opening
   * view and a step put the exercise, so where new things go when no pointer says where (a touch
   * screen, the outline, a paste from the menu). The screen's centre can fall on the exercise's
   * edge when the workshop panel pushes it aside.
   */
  clearCenter(): { x: number; y: number } {
    const r = worldOf(this.v, this.clearArea());
    return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
  }
}
