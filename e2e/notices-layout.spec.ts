/**
 * Notices (a restore everyone is told about, a flash about what one just did) keep clear of the
 * panels floating over the canvas and of each other, at the window sizes people use: laptops and
 * desktops with the outline open, and an upright phone with the workshop panel unfolded.
 */
import type { Locator, Page } from '@playwright/test';
import { createBoard, expect, PHONE, test } from './fixtures.js';
import type { BoardPage } from './pages/board-page.js';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** What each visible panel of `panels` shares with `notice` (the names of those it overlaps). */
async function overlapped(page: Page, notice: Locator, panels: Record<string, Locator>): Promise<string[]> {
  const box = await notice.boundingBox();
  if (!box) throw new Error('the notice is not shown');
  const v = page.viewportSize();
  expect(box.x >= 0 && box.x + box.width <= (v?.width ?? 0), 'inside the window').toBe(true);
  const hit: string[] = [];
  for (const [name, panel] of Object.entries(panels)) {
    if (!(await panel.isVisible())) continue;
    const other = await panel.boundingBox();
    if (other && intersects(box, other)) hit.push(name);
  }
  return hit;
}

async function restoreSnapshot(baseURL: string, board: { id: string; tokens: { facilitator: string } }) {
  const auth = { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' };
  const res = await fetch(`${baseURL}/api/boards/${board.id}/snapshots`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: 'Before lunch' }),
  });
  const { id } = (await res.json()) as { id: string };
  const restored = await fetch(`${baseURL}/api/boards/${board.id}/snapshots/${id}/restore`, {
    method: 'POST',
    headers: { authorization: auth.authorization },
  });
  expect(restored.status).toBe(200);
}

/** A paste of one line past the text limit: the flash says it was cut. */
async function flashSomething(p: BoardPage): Promise<void> {
  await p.page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, 'x'.repeat(20_050));
  await expect(p.page.getByTestId('flash')).toBeVisible();
}

function panelsOf(page: Page): Record<string, Locator> {
  return {
    'workshop panel': page.getByTestId('workshop-panel'),
    outline: page.getByTestId('outline'),
    tools: page.getByRole('toolbar', { name: 'Tools' }),
    zoom: page.getByRole('group', { name: 'Zoom' }),
    minimap: page.getByTestId('minimap'),
    timer: page.getByTestId('workshop-timer'),
    'top bar': page.locator('header.topbar'),
  };
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${size.width}×${size.height} with the outline open, the restore notice and a flash keep clear of the panels`, async ({
    baseURL,
    openAs,
  }) => {
    const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Offsite' });
    const fay = await openAs(board.links.facilitator, 'Fay', { viewport: size });
    const page = fay.page;
    await expect(page.getByTestId('run-sheet')).toBeVisible();
    await fay.shortcut('o');
    await expect(page.getByTestId('outline')).toBeVisible();

    await restoreSnapshot(baseURL as string, board);
    const notice = page.getByTestId('restore-notice');
    await expect(notice).toBeVisible();
    await page.getByTestId('canvas').click({ position: { x: 300, y: 400 } });
    await flashSomething(fay);

    expect(await overlapped(page, notice, panelsOf(page))).toEqual([]);
    const flash = page.getByTestId('flash');
    expect(await overlapped(page, flash, { ...panelsOf(page), 'restore notice': notice })).toEqual([]);
  });
}

test('on a phone, the restore notice and a flash keep clear of the unfolded workshop panel', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Offsite' });
  const fay = await openAs(board.links.facilitator, 'Fay', { viewport: PHONE });
  const page = fay.page;
  const toggle = page.getByTestId('workshop-panel').getByRole('button', { name: /^Workshop/ });
  await toggle.click();
  await expect(page.getByTestId('run-sheet')).toBeVisible();

  await restoreSnapshot(baseURL as string, board);
  const notice = page.getByTestId('restore-notice');
  await expect(notice).toBeVisible();
  await flashSomething(fay);

  expect(await overlapped(page, notice, panelsOf(page))).toEqual([]);
  const flash = page.getByTestId('flash');
  expect(await overlapped(page, flash, { ...panelsOf(page), 'restore notice': notice })).toEqual([]);
  // Folded again, the panel's title row stays clear too.
  await toggle.click();
  expect(await overlapped(page, notice, panelsOf(page))).toEqual([]);
});
