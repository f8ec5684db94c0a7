/**
 * On a phone the selection bar is one row, clear of the workshop timer: the count, Delete, "More"
 * and ×, with the less used actions (colours, card sorting, duplicate, order) one tap away below
 * it, every one a finger's size and within the window. All of them at once took four rows and
 * covered the timer. Wide windows keep every action in the bar (narrow-window.spec.ts, ui.spec.ts).
 */
import type { Locator } from '@playwright/test';
import { createBoard, expect, PHONE, test } from './fixtures.js';
import { participantOnTouch, writeNoteByTouch } from './lib/touch.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The buttons in `bar` a person can see: their names and sizes. */
const shownButtons = (bar: Locator) =>
  bar.evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>('button')]
      .filter((b) => b.getClientRects().length > 0)
      .map((b) => {
        const r = b.getBoundingClientRect();
        const name = b.getAttribute('aria-label') ?? b.textContent?.trim() ?? '';
        return { name, x: r.x, y: r.y, w: r.width, h: r.height };
      }),
  );

test('on a phone, the selection bar is one row clear of the timer, and every action is reachable and big enough', async ({
  baseURL,
  browser,
  openAs,
}) => {
  const { pat } = await participantOnTouch(browser, openAs, baseURL as string, PHONE);
  try {
    const page = pat.page;
    const id = await writeNoteByTouch(pat, 'Compact');
    const bar = page.getByRole('toolbar', { name: 'Selection' });
    await expect(bar).toBeVisible();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/touch-phone-selection.png` });
    const box = await bar.boundingBox();
    const timer = await page.getByTestId('workshop-timer').boundingBox();
    if (!box || !timer) throw new Error('no selection bar or timer');
    expect(box.height, 'one row').toBeLessThan(60);
    expect(overlap(box, timer), 'over the timer').toBe(false);
    expect((await shownButtons(bar)).map((b) => b.name)).toEqual([
      'Delete',
      'More actions',
      'Clear selection',
    ]);

    // The rest is one tap away, each a finger's size and within the window.
    const more = bar.getByRole('button', { name: 'More actions' });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.tap();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/touch-phone-selection-more.png` });
    const shown = await shownButtons(bar);
    const names = shown.map((b) => b.name);
    for (const name of ['Colour pink', 'Group as theme', 'Duplicate', 'Bring to front', 'Send to back'])
      expect(
        names.some((n) => n.startsWith(name)),
        name,
      ).toBe(true);
    expect(shown.filter((b) => b.w < 39.5 || b.h < 39.5)).toEqual([]);
    expect(shown.filter((b) => b.x < 0 || b.x + b.w > PHONE.width || b.y + b.h > PHONE.height)).toEqual([]);

    // They work; a new selection (the copy Duplicate made) folds "More" away.
    await bar.getByRole('button', { name: 'Colour pink' }).tap();
    await expect.poll(async () => (await pat.element(id))?.color).toBe('pink');
    await bar.getByRole('button', { name: /^Duplicate/ }).tap();
    await expect.poll(async () => (await pat.stickyIds()).length).toBe(2);
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await bar.getByRole('button', { name: /^Delete/ }).tap();
    await expect.poll(async () => (await pat.stickyIds()).length).toBe(1);
  } finally {
    await pat.page.context().close();
  }
});

test('on a wide window every selection action is in the bar, with no "More"', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string);
  const ann = await openAs(board.links.participant, 'Ann');
  await ann.addSticky('Wide');
  const bar = ann.page.getByRole('toolbar', { name: 'Selection' });
  const shown = await shownButtons(bar);
  expect(shown.map((b) => b.name)).toContain('Duplicate');
  expect(shown.map((b) => b.name)).not.toContain('More actions');
  // One row: every button's middle on one line.
  const middles = shown.map((b) => b.y + b.h / 2);
  expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(2);
});
