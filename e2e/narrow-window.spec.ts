/**
 * Phone-sized windows. Upright: the board fits the window (nothing pushes it wider), every top-bar
 * action stays reachable, the workshop panel starts folded instead of covering the canvas, a
 * selection's actions wrap inside the window, the outline takes the whole width, and a note
 * opened for writing at the overview's ~10 % comes up to size. Sideways: the tools sit below the
 * selection bar and scroll. A wide window keeps the panel open.
 */
import type { Locator, Page } from '@playwright/test';
import { createBoard, expect, PHONE, test } from './fixtures.js';
import { worldBox } from './lib/canvas-boxes.js';

async function within(page: Page, locator: Locator): Promise<boolean> {
  const b = await locator.boundingBox();
  const v = page.viewportSize();
  if (!b || !v) return false;
  return b.x >= 0 && b.y >= 0 && b.x + b.width <= v.width + 0.5 && b.y + b.height <= v.height + 0.5;
}

test('on a phone-sized window the board fits and every action is within reach', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, {
    template: 'workshop',
    title: 'Quarterly strategy offsite with a long title',
  });
  const p = await openAs(board.links.facilitator, 'Fran Facilitator', { viewport: PHONE });
  const page = p.page;

  // Nothing widens the page past the window.
  const widths = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    board: document.querySelector('[data-testid="board"]')?.getBoundingClientRect().width ?? 0,
  }));
  expect(widths.doc).toBeLessThanOrEqual(PHONE.width);
  expect(widths.board).toBe(PHONE.width);
  await expect.poll(() => within(page, page.getByTestId('zoom-level'))).toBe(true);
  // The title is shortened, not squeezed out, and the role still shows.
  expect((await page.getByTestId('board-title').boundingBox())?.width).toBeGreaterThan(60);
  expect(await within(page, page.getByTestId('role-badge'))).toBe(true);

  // The workshop panel is folded; its title opens it.
  const toggle = page.getByTestId('workshop-panel').getByRole('button', { name: /^Workshop/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('run-sheet')).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('run-sheet')).toBeVisible();
  await toggle.click();

  // The sync status still reads for screen readers, and the last action of the top bar (the
  // shortcuts) scrolls into view and works.
  await expect(page.getByTestId('sync-status')).toHaveText('saved');
  const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await help.scrollIntoViewIfNeeded();
  expect(await within(page, help)).toBe(true);
  await help.click();
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toBeHidden();

  const share = page.getByRole('button', { name: 'Share links' });
  await share.scrollIntoViewIfNeeded();
  await share.click();
  await expect(page.getByRole('dialog', { name: 'Share links' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Share links' }).getByRole('button', { name: 'Close' }).click();

  // A selection's actions wrap inside the window, above the folded workshop panel: Delete is
  // clickable (a covered button would fail the click's checks).
  await p.addSticky('From my phone');
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(bar).toBeVisible();
  expect(await within(page, bar)).toBe(true);
  await bar.getByRole('button', { name: /^Delete/ }).click();
  await expect.poll(() => p.stickyIds()).toEqual([]);

  // The outline covers the canvas rather than squeezing it to a sliver.
  const outlineButton = page.getByRole('button', { name: 'Outline panel' });
  await outlineButton.scrollIntoViewIfNeeded();
  await outlineButton.click();
  const outline = page.getByTestId('outline');
  await expect(outline).toBeVisible();
  const box = await outline.boundingBox();
  expect(box?.x).toBe(0);
  expect(box?.width).toBe(PHONE.width);
});

test('on a phone held sideways the tools stay clear of the selection and within the window', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string);
  const p = await openAs(board.links.facilitator, 'Fran Facilitator', {
    viewport: { width: PHONE.height, height: PHONE.width },
  });
  await p.addSticky('Sideways');
  const bar = await p.page.getByRole('toolbar', { name: 'Selection' }).boundingBox();
  const tools = p.page.getByRole('toolbar', { name: 'Tools' });
  const box = await tools.boundingBox();
  expect(bar && box).toBeTruthy();
  if (!bar || !box) return;
  // Below the selection bar, not under it, and not past the bottom of the window.
  expect(box.y).toBeGreaterThanOrEqual(bar.y + bar.height);
  expect(await within(p.page, tools)).toBe(true);
  // Its last tool scrolls into view.
  const redo = tools.getByRole('button', { name: /^Redo/ });
  await redo.scrollIntoViewIfNeeded();
  expect(await within(p.page, redo)).toBe(true);
});

test('on a wide window the workshop panel opens with its run-sheet', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const p = await openAs(board.links.participant, 'Pat Participant');
  const toggle = p.page.getByTestId('workshop-panel').getByRole('button', { name: /^Workshop/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(p.page.getByTestId('run-sheet')).toBeVisible();
  const scrollWidth = await p.page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(p.page.viewportSize()?.width ?? 0);
});

test('on a phone a note opened for writing comes up to a size one can type in', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const p = await openAs(board.links.participant, 'Pat Participant', { viewport: PHONE });
  // The opening view shows a whole frame: ~10 % on a phone.
  const before = Number((await p.page.getByTestId('zoom-level').textContent())?.replace('%', ''));
  expect(before).toBeLessThan(25);
  const id = await p.addStickyAt(await p.canvasPoint(0.6, 0.55), 'Hello from a phone');
  await expect(p.page.getByTestId('zoom-level')).toHaveText('100%');
  // Whole on the screen at that size.
  const note = await worldBox(p, (await p.element(id)) as { x: number; y: number; w: number; h: number });
  expect(note.x >= 0 && note.y >= 0 && note.x + note.width <= PHONE.width).toBe(true);
  expect(note.y + note.height).toBeLessThanOrEqual(PHONE.height);
});
