/**
 * On a phone the top bar's actions do not all fit: they scroll sideways, and the side with more
 * says so (a fading edge with a chevron that scrolls there). Every action stays reachable by touch
 * and by keyboard, and what it opens (Share's links) is shown whole, not cut off by the row.
 */
import type { Locator, Page } from '@playwright/test';
import { createBoard, expect, PHONE, test } from './fixtures.js';

async function within(page: Page, locator: Locator): Promise<boolean> {
  const b = await locator.boundingBox();
  const v = page.viewportSize();
  if (!b || !v) return false;
  return b.x >= 0 && b.y >= 0 && b.x + b.width <= v.width + 0.5 && b.y + b.height <= v.height + 0.5;
}

/** The element a tap at the centre of `locator` would reach is `locator` itself (or inside it). */
async function tappable(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
}

test('on a phone the top bar shows which side has more actions, and each is reachable by touch and keyboard', async ({
  baseURL,
  browser,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Quarterly offsite' });
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('truenorth:name', JSON.stringify('Fran')));
  await page.goto(board.links.facilitator);
  await expect(page.getByTestId('board')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveText('saved');

  const start = page.getByTestId('topbar-more-start');
  const end = page.getByTestId('topbar-more-end');
  const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
  // At rest: more past the end, nothing before the start.
  await expect(end).toBeVisible();
  await expect(start).toBeHidden();
  expect(await tappable(help)).toBe(false);

  // A tap on the end's hint scrolls that way, until the last action is in reach.
  for (let i = 0; i < 6 && (await end.isVisible()); i++) {
    await end.tap();
    await page.waitForTimeout(400);
  }
  await expect(end).toBeHidden();
  await expect(start).toBeVisible();
  expect(await within(page, help)).toBe(true);
  expect(await tappable(help)).toBe(true);
  await help.tap();
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toBeHidden();

  // And back: the start's hint scrolls to the first actions again.
  for (let i = 0; i < 6 && (await start.isVisible()); i++) {
    await start.tap();
    await page.waitForTimeout(400);
  }
  await expect(start).toBeHidden();
  await expect(end).toBeVisible();

  // Share opens its links whole below the bar, not cut off by the scrolling row.
  const share = page.getByRole('button', { name: 'Share links' });
  expect(await tappable(share)).toBe(true);
  await share.tap();
  const dialog = page.getByRole('dialog', { name: 'Share links' });
  await expect(dialog).toBeVisible();
  expect(await within(page, dialog)).toBe(true);
  const copy = dialog.getByRole('button', { name: 'Copy link for facilitators' });
  expect(await tappable(copy)).toBe(true);
  await dialog.getByRole('button', { name: 'Close' }).tap();
  await expect(dialog).toBeHidden();

  // By keyboard: Tab walks through every action, each scrolled whole into view and not under a hint.
  await page.getByRole('link', { name: 'Truenorth home' }).focus();
  const names: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    const name = (await focused.getAttribute('aria-label')) ?? (await focused.textContent()) ?? '';
    if (!(await focused.evaluate((el) => el.closest('.topbar') !== null))) break;
    names.push(name);
    expect(await within(page, focused), name).toBe(true);
    expect(await tappable(focused), name).toBe(true);
  }
  expect(names).toEqual(
    expect.arrayContaining(['Share links', 'History', 'Export', 'Outline panel', 'Keyboard shortcuts']),
  );
  await context.close();
});

test('on a wide window every action fits and no hint shows', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Quarterly offsite' });
  const fay = await openAs(board.links.facilitator, 'Fay', { viewport: { width: 1280, height: 800 } });
  await expect(fay.page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(fay.page.getByTestId('topbar-more-end')).toHaveCount(0);
  await expect(fay.page.getByTestId('topbar-more-start')).toHaveCount(0);
});
