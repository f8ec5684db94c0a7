/**
 * The view a board opens with, and fits that keep clear of the panels floating over the canvas.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { box, covered, frameOf, overlap, scaleOf, worldBox } from './lib/canvas-boxes.js';

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
    await eventually(async () => covered(p, await worldBox(p, intro))).toEqual([]);
    // Readable (the whole workshop fitted would be ~12%), and using the room the panels leave.
    expect(await scaleOf(p)).toBeGreaterThan(0.35);
    const tools = await box(p.page.getByRole('toolbar', { name: 'Tools' }));
    const room = (await box(p.page.getByTestId('workshop-panel'))).x - (tools.x + tools.width);
    expect((await worldBox(p, intro)).width).toBeGreaterThan(room * 0.85);
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
  const all = await Promise.all(frames.map((f) => worldBox(p, f)));
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
  await p.selectAround(roadMap);
  await p.shortcut('Shift+2');
  const shown = await worldBox(p, roadMap);
  expect(await covered(p, shown)).toEqual([]);
  expect(overlap(shown, await box(p.page.getByTestId('selection-count')))).toBe(false);
  expect(await scaleOf(p)).toBeGreaterThan(0.35);
});
