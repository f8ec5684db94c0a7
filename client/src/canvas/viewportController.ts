/**
 * The live viewport. Pan and zoom change it many times a second; the stage and the HTML overlays
 * follow it imperatively, so a pan frame does no React rendering.
 */
import type { Rect } from '@truenorth/shared';
import { fitRect, type Viewport, visibleRect, zoomAt } from './viewport';

export class ViewportController {
  private v: Viewport = { x: 0, y: 0, scale: 1 };
  width = 1;
  height = 1;
  private listeners = new Set<(v: Viewport) => void>();
  /** A fit asked for before the screen size was known; applied on the first resize. */
  private pendingFit: { r: Rect; maxScale: number } | null = null;
  private sized = false;

  get = (): Viewport => this.v;

  set(v: Viewport): void {
    if (!Number.isFinite(v.x) || !Number.isFinite(v.y) || !Number.isFinite(v.scale)) return;
    this.v = v;
    for (const fn of this.listeners) fn(v);
  }

  subscribe(fn: (v: Viewport) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  resize(width: number, height: number): void {
    if (width < 2 || height < 2) return;
    const first = !this.sized;
    this.width = width;
    this.height = height;
    this.sized = true;
    if (first && this.pendingFit) this.fit(this.pendingFit.r, this.pendingFit.maxScale);
    // Until someone moves it, an empty board shows its origin in the middle of the screen.
    else if (first) this.set({ x: width / 2, y: height / 2, scale: this.v.scale });
    else this.set(this.v);
    this.pendingFit = null;
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

  fit(r: Rect | null, maxScale = 1): void {
    if (!r) return;
    if (!this.sized) {
      this.pendingFit = { r, maxScale };
      return;
    }
    this.set(fitRect(r, this.width, this.height, 64, maxScale));
  }

  visible(): Rect {
    return visibleRect(this.v, this.width, this.height);
  }

  /** The world point at the centre of the screen. */
  center(): { x: number; y: number } {
    const r = this.visible();
    return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
  }
}
