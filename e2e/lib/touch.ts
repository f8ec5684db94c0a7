/**
 * A touch phone or tablet for specs: a browser context with a touch screen (a coarse pointer),
 * a one-finger drag as real input, and where the canvas is empty. Taps are `page.touchscreen.tap`;
 * drags go through the DevTools protocol's `Input.dispatchTouchEvent`, from which Chromium makes
 * the pointer and touch events a finger would.
 */
import { type Browser, expect, type Page } from '@playwright/test';
import { createBoard } from '../fixtures.js';
import { BoardPage, type Point } from '../pages/board-page.js';

export const TABLET = { width: 820, height: 1180 };

export async function touchDevice(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, hasTouch: true, isMobile: true });
  return new BoardPage(await context.newPage());
}

/**
 * A workshop board (or another template) made and, for a workshop, started by Fran on a desktop,
 * opened on a touch device by Pat, a participant.
 */
export async function participantOnTouch(
  browser: Browser,
  openAs: (link: string, name: string) => Promise<BoardPage>,
  baseURL: string,
  viewport: { width: number; height: number },
  template = 'workshop',
) {
  const board = await createBoard(baseURL, { template, title: 'Offsite' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  if (template === 'workshop') await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  const pat = await touchDevice(browser, viewport);
  await pat.open(board.links.participant, 'Pat');
  return { board, fran, pat };
}

/** Writes a note with the sticky tool, by touch; it stays selected. Returns its id. */
export async function writeNoteByTouch(pat: BoardPage, text: string): Promise<string> {
  const before = new Set(await pat.stickyIds());
  await pat.page.getByTestId('tool-sticky').tap();
  await expect(pat.editor).toBeVisible();
  await pat.page.keyboard.type(text);
  await pat.closeEditor();
  const id = (await pat.stickyIds()).find((s) => !before.has(s));
  if (!id) throw new Error('no new note');
  return id;
}

/** One finger put down at `from`, moved to `to` in `steps`, and lifted. */
export async function touchDrag(page: Page, from: Point, to: Point, steps = 8): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let i = 1; i <= steps; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/**
 * What the canvas answers at a page point: `element` (a card, a container's handle), `other` (a
 * shape of no element), null for empty canvas, `covered` where a panel is over the canvas. While
 * the view moves the canvas answers nothing (BoardCanvas): poll for `element` on a card first.
 */
export function canvasHit(page: Page, at: Point): Promise<'element' | 'other' | 'covered' | null> {
  return page.evaluate((p) => {
    type Stage = {
      container(): HTMLElement;
      getIntersection(p: Point): { findAncestor(s: string, self: boolean): unknown } | null;
    };
    const stage = (window as unknown as { Konva: { stages: Stage[] } }).Konva.stages[0];
    if (!stage) return 'covered';
    const box = stage.container();
    if (!box.contains(document.elementFromPoint(p.x, p.y))) return 'covered';
    const r = box.getBoundingClientRect();
    const shape = stage.getIntersection({ x: p.x - r.left, y: p.y - r.top });
    if (!shape) return null;
    return shape.findAncestor('.element', true) ? 'element' : 'other';
  }, at);
}

/** A page point on empty canvas: no element there and no panel over it. */
export async function emptyCanvasPoint(p: BoardPage): Promise<Point> {
  for (const fy of [0.85, 0.75, 0.65, 0.95, 0.55]) {
    for (const fx of [0.5, 0.7, 0.3, 0.85]) {
      const at = await p.canvasPoint(fx, fy);
      if ((await canvasHit(p.page, at)) === null) return at;
    }
  }
  throw new Error('no empty canvas on screen');
}

/** The size in screen pixels of the text in an editor field: its font size times the zoom. */
export async function screenTextPx(page: Page, field: import('@playwright/test').Locator): Promise<number> {
  const font = await field.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  const scale = (await page.evaluate(() => window.__truenorth?.viewport?.get().scale)) ?? 0;
  return font * scale;
}
