/**
 * Follow-me: what the facilitator shows — the part of the board under their canvas clear of
 * panels — is within each follower's canvas, clear of the follower's panels, whatever the size of
 * the follower's window.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { box, covered, frameOf, scaleOf, worldBox } from './lib/canvas-boxes.js';
import type { BoardPage } from './pages/board-page.js';

/** The world rectangle under the part of `p`'s canvas no panel covers. */
async function regionShown(p: BoardPage) {
  return p.page.evaluate(() => {
    const vp = window.__truenorth?.viewport;
    const a = vp?.clearArea?.();
    if (!vp || !a) throw new Error('no viewport');
    const v = vp.get();
    return { x: (a.x - v.x) / v.scale, y: (a.y - v.y) / v.scale, w: a.w / v.scale, h: a.h / v.scale };
  });
}

test('followers see what the facilitator shows, clear of their panels, in any window size', async ({
  baseURL,
  openAs,
}, testInfo) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const small = await openAs(board.links.participant, 'Sam Small');
  await small.page.setViewportSize({ width: 1000, height: 700 });
  const large = await openAs(board.links.participant, 'Lee Large');
  await large.page.setViewportSize({ width: 1920, height: 1200 });
  for (const p of [fran, small, large]) await expect(p.page.getByTestId('run-sheet')).toBeVisible();

  // Fran shows the Road Map (right-hand column, where everyone's workshop panel is): select it
  // with a marquee, zoom to it, deselect.
  const roadMap = await frameOf(fran, 'road-map');
  await fran.shortcut('Shift+1');
  await fran.selectAround(roadMap);
  await fran.shortcut('Shift+2');
  await fran.page.keyboard.press('Escape');
  await expect(fran.page.getByTestId('selection-count')).toHaveCount(0);
  const frameBox = (p: BoardPage) =>
    worldBox(p, { x: roadMap.x, y: roadMap.y, w: roadMap.w ?? 0, h: roadMap.h ?? 0 });
  expect(await covered(fran, await frameBox(fran), 1)).toEqual([]);

  await fran.page.getByRole('button', { name: 'Follow me' }).click();
  for (const p of [small, large]) await expect(p.page.getByText('Following the facilitator')).toBeVisible();

  // Then Fran zooms out a little around a point left of the middle: followers come along.
  const c = await box(fran.canvas);
  await fran.page.mouse.move(c.x + c.width * 0.4, c.y + c.height * 0.5);
  await fran.page.mouse.wheel(0, 60);
  const franScale = await scaleOf(fran);

  // What Fran shows: the part of his canvas clear of his panels that the Road Map was fitted in.
  const region = await regionShown(fran);
  expect(await covered(fran, await worldBox(fran, region), 1)).toEqual([]);
  const inRegion = { x: region.x + 1, y: region.y + 1, w: region.w - 2, h: region.h - 2 };
  expect(roadMap.x).toBeGreaterThan(inRegion.x);
  expect(roadMap.x + (roadMap.w ?? 0)).toBeLessThan(inRegion.x + inRegion.w);
  for (const p of [small, large]) {
    // All of it is on the follower's canvas, under none of their panels, the Road Map with it…
    await eventually(async () => covered(p, await worldBox(p, region), 1)).toEqual([]);
    expect(await covered(p, await frameBox(p), 1)).toEqual([]);
    // …fitted: most of the room left between the follower's side panels, or of its height.
    const shown = await worldBox(p, region);
    const tools = await box(p.page.getByRole('toolbar', { name: 'Tools' }));
    const room = (await box(p.page.getByTestId('workshop-panel'))).x - (tools.x + tools.width);
    const canvas = await box(p.canvas);
    expect(Math.max(shown.width / room, shown.height / canvas.height)).toBeGreaterThan(0.7);
  }
  // The zoom adapts to the window: smaller for the small one, larger for the large one.
  expect(await scaleOf(small)).toBeLessThan(franScale * 0.95);
  expect(await scaleOf(large)).toBeGreaterThan(franScale * 1.05);

  await fran.page.screenshot({ path: testInfo.outputPath('facilitator.png') });
  await small.page.screenshot({ path: testInfo.outputPath('follower-small.png') });
  await large.page.screenshot({ path: testInfo.outputPath('follower-large.png') });
  const dir = process.env.FOLLOW_SHOTS;
  if (dir) {
    await fran.page.screenshot({ path: `${dir}/facilitator.png` });
    await small.page.screenshot({ path: `${dir}/follower-small.png` });
    await large.page.screenshot({ path: `${dir}/follower-large.png` });
  }
});

/** A page's view: where the board's origin is on its canvas, and the zoom. */
async function viewOf(p: BoardPage) {
  return p.page.evaluate(() => {
    const v = window.__truenorth?.viewport?.get();
    if (!v) throw new Error('no viewport');
    return { x: Math.round(v.x), y: Math.round(v.y), scale: v.scale };
  });
}

test('a follower who moves their own view stops following until they choose to follow again', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant');
  for (const p of [fran, pat]) await expect(p.page.getByTestId('run-sheet')).toBeVisible();
  await fran.page.getByTestId('run-sheet').getByRole('button', { name: 'Card Sorting' }).click();
  await fran.page.getByRole('button', { name: 'Follow me' }).click();
  const banner = pat.page.getByTestId('follow-banner');
  await expect(banner).toHaveText('Following the facilitator');
  await eventually(async () => covered(pat, await frameBox(pat, 'card-sorting'), 1)).toEqual([]);

  // Pat looks at another exercise from the run-sheet: he is not following any more, and says so.
  await pat.page.getByTestId('run-sheet').getByRole('button', { name: 'Story Spine' }).click();
  await expect(banner).toContainText('Not following the facilitator');
  await expect(banner).not.toContainText('Following the facilitator');
  const own = await viewOf(pat);
  expect(await covered(pat, await frameBox(pat, 'story-spine'), 1)).toEqual([]);

  // Fran scrolls on: Pat's view stays where he put it.
  const c = await box(fran.canvas);
  await fran.page.mouse.move(c.x + c.width * 0.4, c.y + c.height * 0.5);
  const franBefore = await viewOf(fran);
  await fran.page.mouse.wheel(0, 240);
  await eventually(async () => (await viewOf(fran)).y).not.toBe(franBefore.y);
  await pat.page.waitForTimeout(600);
  expect(await viewOf(pat)).toEqual(own);

  // He follows again: he is taken to what Fran shows now, and comes along as she moves.
  await banner.getByRole('button', { name: 'Follow again' }).click();
  await expect(banner).toHaveText('Following the facilitator');
  await eventually(async () => (await viewOf(pat)).y).not.toBe(own.y);
  const following = await viewOf(pat);
  await fran.page.mouse.wheel(0, 240);
  await eventually(async () => (await viewOf(pat)).y).not.toBe(following.y);

  // A pan of his own (the wheel) pauses it the same way.
  await eventually(async () => {
    const before = await viewOf(pat);
    await pat.page.waitForTimeout(300);
    return (await viewOf(pat)).y === before.y;
  }).toBe(true);
  const pc = await box(pat.canvas);
  await pat.page.mouse.move(pc.x + pc.width * 0.4, pc.y + pc.height * 0.5);
  await pat.page.mouse.wheel(0, -300);
  await expect(banner).toContainText('Not following the facilitator');
  const panned = await viewOf(pat);
  await fran.page.mouse.wheel(0, 240);
  await pat.page.waitForTimeout(600);
  expect(await viewOf(pat)).toEqual(panned);

  // Fran stops follow-me and starts it again: everyone follows anew.
  await fran.page.getByRole('button', { name: 'Stop follow me' }).click();
  await expect(banner).toHaveCount(0);
  await fran.page.getByRole('button', { name: 'Follow me' }).click();
  await expect(banner).toHaveText('Following the facilitator');
  await eventually(async () => (await viewOf(pat)).y).not.toBe(panned.y);
});

/** Where an exercise's frame is on `p`'s screen. */
async function frameBox(p: BoardPage, exercise: string) {
  const f = await frameOf(p, exercise);
  return worldBox(p, { x: f.x, y: f.y, w: f.w ?? 0, h: f.h ?? 0 });
}
