/**
 * Where things are on the page, for specs that check what the canvas shows against the panels
 * floating over it.
 */
import type { Locator } from '@playwright/test';
import { type Element, slotsOf } from '@truenorth/shared';
import type { BoardPage, DocElement } from '../pages/board-page.js';
import { eventually } from './eventually.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on the page');
  return b;
}

/** Where a world rectangle is on `p`'s page. */
export async function worldBox(
  p: BoardPage,
  r: { x: number; y: number; w?: number; h?: number },
): Promise<Box> {
  const tl = await p.pagePoint({ x: r.x, y: r.y });
  const br = await p.pagePoint({ x: r.x + (r.w ?? 0), y: r.y + (r.h ?? 0) });
  return { x: tl.x, y: tl.y, width: br.x - tl.x, height: br.y - tl.y };
}

/**
 * Names of the panels that cover part of `target` (shrunk by `shrink` pixels for rounding), or
 * 'outside the canvas' when it sticks out. The follow banner counts only while it is shown; every
 * other panel must be on the page.
 */
export async function covered(p: BoardPage, target: Box, shrink = 0): Promise<string[]> {
  const t = {
    x: target.x + shrink,
    y: target.y + shrink,
    width: target.width - 2 * shrink,
    height: target.height - 2 * shrink,
  };
  const panels: [string, Locator, boolean][] = [
    ['tools', p.page.getByRole('toolbar', { name: 'Tools' }), false],
    ['workshop', p.page.getByTestId('workshop-panel'), false],
    ['minimap', p.page.getByTestId('minimap'), false],
    ['zoom', p.page.getByRole('group', { name: 'Zoom' }), false],
    ['banner', p.page.getByTestId('follow-banner'), true],
  ];
  const out: string[] = [];
  for (const [name, locator, optional] of panels) {
    if (optional && !(await locator.isVisible())) continue;
    if (overlap(t, await box(locator))) out.push(name);
  }
  const canvas = await box(p.canvas);
  if (
    t.x < canvas.x ||
    t.y < canvas.y ||
    t.x + t.width > canvas.x + canvas.width ||
    t.y + t.height > canvas.y + canvas.height
  )
    out.push('outside the canvas');
  return out;
}

export const scaleOf = (p: BoardPage) =>
  p.page.evaluate(() => window.__truenorth?.viewport?.get().scale ?? 0);

/** The board's frame of `exercise`, once it has arrived. */
export async function frameOf(p: BoardPage, exercise: string): Promise<DocElement> {
  let frame: DocElement | undefined;
  await eventually(async () => {
    frame = (await p.elements()).find((e) => e.type === 'frame' && e.exercise === exercise);
    return frame !== undefined;
  }).toBe(true);
  return frame as DocElement;
}

/** The Lean Canvas grid and the world rectangle of one of its cells, by the cell's name. */
export function leanCanvasCell(page: BoardPage, name: string) {
  return gridCell(page, 'Lean Canvas', name);
}

/** A grid (by its title) and the world rectangle of one of its cells, by the cell's name. */
export async function gridCell(page: BoardPage, title: string, name: string) {
  const grid = (await page.elements()).find((e) => e.type === 'grid' && e.title === title);
  if (!grid) throw new Error(`no ${title} grid on the board`);
  const cells = grid.cells as { id: string; name: string }[];
  const cell = cells.find((c) => c.name === name);
  if (!cell) throw new Error(`no cell named ${name}`);
  const slot = slotsOf(grid as unknown as Element).find((s) => s.slot === cell.id);
  if (!slot) throw new Error(`no slot for cell ${cell.id}`);
  return { grid, cellId: cell.id, rect: slot.rect };
}
