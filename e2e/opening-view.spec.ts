/**
 * The view a board opens with, and fits that keep clear of the panels floating over the canvas.
 */
import type { Locator } from '@playwright/test';
import { createBoard, eventually, expect, test } from './fixtures.js';
import type { BoardPage, DocElement } from './pages/board-page.js';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where an element's rectangle is on the page. */
async function boxOf(p: BoardPage, el: DocElement): Promise<Box> {
  const tl = await p.pagePoint({ x: el.x, y: el.y });
  const br = await p.pagePoint({ x: el.x + (el.w ?? 0), y: el.y + (el.h ?? 0) });
  return { x: tl.x, y: tl.y, width: br.x - tl.x, height: br.y - tl.y };
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on the page');
  return b;
}

/** The panels over the canvas, by name. */
function panels(p: BoardPage) {
  return {
    tools: p.page.getByRole('toolbar', { name: 'Tools' }),
    workshop: p.page.getByTestId('workshop-panel'),
    minimap: p.page.getByTestId('minimap'),
    zoom: p.page.getByRole('group', { name: 'Zoom' }),
  };
}

/** Names of the panels that cover part of `target`, or that it sticks out of the canvas. */
async function covered(p: BoardPage, target: Box): Promise<string[]> {
  const out: string[] = [];
  for (const [name, locator] of Object.entries(panels(p))) {
    if (overlap(target, await box(locator))) out.push(name);
  }
  const canvas = await box(p.canvas);
  if (
    target.x < canvas.x ||
    target.y < canvas.y ||
    target.x + target.width > canvas.x + canvas.width ||
    target.y + target.height > canvas.y + canvas.height
  )
    out.push('outside the canvas');
  return out;
}

const scaleOf = (p: BoardPage) => p.page.evaluate(() => window.__truenorth?.viewport?.get().scale ?? 0);

async function frameOf(p: BoardPage, exercise: string): Promise<DocElement> {
  let frame: DocElement | undefined;
  await eventually(async () => {
    frame = (await p.elements()).find((e) => e.type === 'frame' && e.exercise === exercise);
    return frame !== undefined;
  }).toBe(true);
  return frame as DocElement;
}

test('a new workshop board opens on Introductions, readable and clear of the panels', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  for (const [link, name] of [
    [board.links.facilitator, 'Fran Facilitator'],
    [board.links.participant, 'Pat Participant'],
  ] as const) {
    const p = await openAs(link, name);
    await expect(p.page.getByTestId('run-sheet')).toBeVisible();
    const intro = await frameOf(p, 'introductions');
    // Fitted again once the workshop panel has appeared: nothing of the frame under a panel.
    await eventually(async () => covered(p, await boxOf(p, intro))).toEqual([]);
    // Readable (the whole workshop fitted would be ~12%), and using the room the panels leave.
    expect(await scaleOf(p)).toBeGreaterThan(0.35);
    const tools = await box(panels(p).tools);
    const room = (await box(panels(p).workshop)).x - (tools.x + tools.width);
    expect((await boxOf(p, intro)).width).toBeGreaterThan(room * 0.85);
  }
});

test('a blank board opens at 100%', async ({ board, openAs }) => {
  const p = await openAs(board.links.facilitator, 'Fran Facilitator');
  await expect(p.page.getByTestId('zoom-level')).toHaveText('100%');
  expect(await scaleOf(p)).toBe(1);
});

test('zoom to fit and zoom to selection keep what they show clear of the panels', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const p = await openAs(board.links.facilitator, 'Fran Facilitator');
  await expect(p.page.getByTestId('run-sheet')).toBeVisible();

  // The Road Map is in the right-hand column, where the workshop panel is.
  const roadMap = await frameOf(p, 'road-map');
  await p.shortcut('Shift+1');
  const frames = (await p.elements()).filter((e) => e.type === 'frame');
  const all = await Promise.all(frames.map((f) => boxOf(p, f)));
  const x = Math.min(...all.map((b) => b.x));
  const y = Math.min(...all.map((b) => b.y));
  const everything = {
    x,
    y,
    width: Math.max(...all.map((b) => b.x + b.width)) - x,
    height: Math.max(...all.map((b) => b.y + b.height)) - y,
  };
  expect(await covered(p, everything)).toEqual([]);

  // Select the Road Map with a marquee around it, then zoom to it.
  const from = await p.pagePoint({ x: roadMap.x - 150, y: roadMap.y - 150 });
  const to = await p.pagePoint({
    x: roadMap.x + (roadMap.w ?? 0) + 150,
    y: roadMap.y + (roadMap.h ?? 0) + 150,
  });
  await p.page.mouse.move(from.x, from.y);
  await p.page.mouse.down();
  await p.page.mouse.move(to.x, to.y, { steps: 8 });
  await p.page.mouse.up();
  await expect(p.page.getByTestId('selection-count')).toContainText('selected');
  await p.shortcut('Shift+2');
  const shown = await boxOf(p, roadMap);
  expect(await covered(p, shown)).toEqual([]);
  expect(overlap(shown, await box(p.page.getByTestId('selection-count')))).toBe(false);
  expect(await scaleOf(p)).toBeGreaterThan(0.35);
});
