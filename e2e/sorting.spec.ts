import { type Element, slotsOf } from '@truenorth/shared';
import { createBoard, expect, test } from './fixtures.js';
import type { BoardPage, DocElement, Point } from './pages/board-page.js';

/** The idea pool's rectangle on the board (world units). */
async function poolRect(page: BoardPage) {
  const pool = (await page.elements()).find((e) => e.type === 'grid' && e.title === 'Idea pool');
  if (!pool) throw new Error('no idea pool on the board');
  const slot = slotsOf(pool as unknown as Element)[0];
  if (!slot) throw new Error('the idea pool has no cell');
  return slot.rect;
}

const themeNamed = async (page: BoardPage, name: string) =>
  (await page.elements()).find((e) => e.type === 'theme' && e.name === name);

const parentOf = async (page: BoardPage, id: string) => (await page.element(id))?.parent ?? null;

/** Clicks an element (shift-click adds it to the selection). */
async function click(page: BoardPage, at: Point, shift = false) {
  if (shift) await page.page.keyboard.down('Shift');
  await page.page.mouse.click(at.x, at.y);
  if (shift) await page.page.keyboard.up('Shift');
}

/**
 * Scrolls a theme's header band (where a click selects the theme, not a card in it) to the middle
 * of the canvas, clear of the panels, and clicks it.
 */
async function selectTheme(page: BoardPage, name: string) {
  const theme = (await themeNamed(page, name)) as DocElement;
  const middle = await page.canvasPoint(0.45, 0.5);
  const header = await page.pagePoint({ x: theme.x + 40, y: theme.y + 20 });
  await page.page.mouse.move(middle.x, middle.y);
  await page.page.mouse.wheel(header.x - middle.x, header.y - middle.y);
  await expect
    .poll(async () => {
      const p = await page.pagePoint({ x: theme.x + 40, y: theme.y + 20 });
      return Math.hypot(p.x - middle.x, p.y - middle.y);
    })
    .toBeLessThan(4);
  // Right after the view moves, the canvas ignores clicks for a moment (see BoardCanvas).
  await expect(async () => {
    await click(page, middle);
    await expect(page.page.getByTestId('selection-count')).toHaveText('1 selected', { timeout: 500 });
  }).toPass();
}

test('themes are created, merged, split and filled from suggestions live for everyone', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting', title: 'Sorting' });
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');

  // Alice writes three ideas into the pool.
  const pool = await poolRect(alice);
  const spot = (i: number) => alice.pagePoint({ x: pool.x + 140 + i * 240, y: pool.y + 140 });
  const login = await alice.addStickyAt(await spot(0), 'Login with email');
  const reset = await alice.addStickyAt(await spot(1), 'Reset password by email');
  const sso = await alice.addStickyAt(await spot(2), 'Email login links');

  // She selects two of them and groups them as a theme.
  const starterA = (await themeNamed(bob, 'Theme A')) as DocElement;
  await click(alice, await alice.screenPoint(login));
  await click(alice, await alice.screenPoint(reset), true);
  await expect(alice.page.getByTestId('selection-count')).toHaveText('2 selected');
  await alice.page.getByTestId('sort-group').click();
  await alice.page.getByTestId('sort-name').fill('Accounts');
  await alice.page.getByTestId('sort-name').press('Enter');

  // Bob's document has the theme, with both cards as its members.
  await expect.poll(async () => (await themeNamed(bob, 'Accounts'))?.id).toBeTruthy();
  const accounts = (await themeNamed(bob, 'Accounts')) as DocElement;
  await expect.poll(() => parentOf(bob, login)).toBe(accounts.id);
  await expect.poll(() => parentOf(bob, reset)).toBe(accounts.id);
  expect(await parentOf(bob, sso)).not.toBe(accounts.id);
  // It filled the exercise's first unused starter theme ("Theme A", now named "Accounts").
  expect(accounts.id).toBe(starterA.id);
  expect(await themeNamed(bob, 'Theme A')).toBeUndefined();
  expect(accounts.parent).toBe((await bob.elements()).find((e) => e.type === 'frame')?.id);

  // Suggest similar (Shift+S on the selected theme): the third card glows, nothing moves.
  await expect(alice.page.getByTestId('selection-count')).toHaveText('1 selected');
  await alice.shortcut('Shift+S');
  const glow = alice.page.locator(`[data-testid="suggest-glow"][data-element-id="${sso}"]`);
  await expect(glow).toBeVisible();
  await expect(alice.page.getByTestId('suggest-item')).toHaveCount(1);
  expect(await parentOf(bob, sso)).not.toBe(accounts.id);
  await alice.page.screenshot({ path: test.info().outputPath('suggestions.png') });
  // Esc clears the highlights; asking again and adding moves the card in, for Bob too.
  await alice.shortcut('Escape');
  await expect(glow).toHaveCount(0);
  await selectTheme(alice, 'Accounts');
  await alice.page.getByTestId('sort-suggest').click();
  await alice.page.getByTestId('suggest-add').click();
  await expect.poll(() => parentOf(bob, sso)).toBe(accounts.id);
  await expect(alice.page.getByTestId('suggest-panel')).toBeHidden();

  // Merge "Accounts" into "Theme B": the cards follow, the theme is gone — in Bob's document.
  const themeB = (await themeNamed(bob, 'Theme B')) as DocElement;
  await selectTheme(alice, 'Accounts');
  await alice.page.getByTestId('sort-merge').click();
  await alice.page.getByTestId('sort-merge-target').filter({ hasText: 'Theme B' }).click();
  await expect.poll(async () => (await themeNamed(bob, 'Accounts'))?.id).toBeUndefined();
  for (const id of [login, reset, sso]) await expect.poll(() => parentOf(bob, id)).toBe(themeB.id);

  // Split one card out of Theme B into a new theme.
  await alice.shortcut('Escape');
  await click(alice, await alice.screenPoint(reset));
  await expect(alice.page.getByTestId('sort-group')).toHaveText('Split out');
  await alice.page.getByTestId('sort-group').click();
  await alice.page.getByTestId('sort-name').fill('Recovery');
  await alice.page.getByTestId('sort-name').press('Enter');
  await expect.poll(async () => (await themeNamed(bob, 'Recovery'))?.id).toBeTruthy();
  const recovery = (await themeNamed(bob, 'Recovery')) as DocElement;
  await expect.poll(() => parentOf(bob, reset)).toBe(recovery.id);
  expect(await parentOf(bob, login)).toBe(themeB.id);

  // Park a card (Shift+P): it lands in the parking lot for everyone.
  const lot = (await bob.elements()).find((e) => e.type === 'theme' && e.parking) as DocElement;
  await alice.shortcut('Escape');
  await click(alice, await alice.screenPoint(sso));
  await alice.shortcut('Shift+P');
  await expect.poll(() => parentOf(bob, sso)).toBe(lot.id);

  // One undo reverts the last action whole, for Bob too (the toolbar's Undo: the shortcut has its
  // own spec, and a keypress can land on a bar button that is just re-rendering).
  await alice.page.getByTestId('tool-undo').click();
  await expect.poll(() => parentOf(bob, sso)).toBe(themeB.id);
  for (const p of [alice, bob]) await expect(p.status).toHaveText('saved');
});

test('the merge picker stays clear of the workshop timer', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting', title: 'Sorting' });
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  await alice.page.getByRole('button', { name: 'Start workshop' }).click();
  const timer = alice.page.getByTestId('workshop-timer');
  await expect(timer).toHaveText(/^\d+:\d\d/);
  // Themes with long names make a long picker.
  await alice.page.evaluate(() => {
    const els = window.__truenorth?.doc.getMap('elements');
    for (const [, v] of els ?? []) {
      const el = v as { get(k: string): unknown; set(k: string, v: unknown): void };
      if (el.get('type') === 'theme' && el.get('name') !== 'Theme A' && !el.get('parking'))
        el.set('name', `${String(el.get('name'))}: onboarding, accounts and everything around them`);
    }
  });
  await selectTheme(alice, 'Theme A');
  await alice.page.getByTestId('sort-merge').click();
  await expect(alice.page.getByTestId('sort-merge-target')).toHaveCount(3);
  await expect(alice.page.getByTestId('sort-merge-target').filter({ hasText: 'Parking lot' })).toHaveText(
    'Parking lot',
  );
  const bar = await alice.page.getByRole('toolbar', { name: 'Selection' }).boundingBox();
  const clock = await timer.boundingBox();
  if (!bar || !clock) throw new Error('no selection bar or timer');
  const overlaps =
    bar.x < clock.x + clock.width &&
    clock.x < bar.x + bar.width &&
    bar.y < clock.y + clock.height &&
    clock.y < bar.y + bar.height;
  expect(overlaps).toBe(false);
  await alice.page.screenshot({ path: test.info().outputPath('merge-picker.png') });
});
