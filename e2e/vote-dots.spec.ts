/**
 * Dot voting shows you your own dots at once, as FigJam does: while a vote is open, each card you
 * voted for carries one dot per vote of yours — seen by you alone (the vote stays anonymous until
 * the reveal) — and a click on one takes that vote back. The reveal's counts replace them.
 */
import { mkdirSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { createBoard, expect, PHONE, test } from './fixtures.js';
import { BoardPage } from './pages/board-page.js';

const SHOTS = new URL('../.tmp/screens', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const dots = (who: BoardPage, card?: string): Locator =>
  who.page.locator(
    card ? `[data-testid="vote-mine-dot"][data-element-id="${card}"]` : '[data-testid="vote-mine-dot"]',
  );

/**
 * Every dot of `card` is on the card on the screen: within its width, across its bottom edge or —
 * a card drawn tiny, zoomed far out — hanging from it.
 */
async function onCard(who: BoardPage, card: string): Promise<boolean> {
  const el = await who.element(card);
  if (!el) return false;
  const tl = await who.pagePoint({ x: el.x, y: el.y });
  const br = await who.pagePoint({ x: el.x + (el.w ?? 0), y: el.y + (el.h ?? 0) });
  const boxes = await Promise.all((await dots(who, card).all()).map((d) => d.boundingBox()));
  return (
    boxes.length > 0 &&
    boxes.every((b) => {
      if (!b) return false;
      const cx = b.x + b.width / 2;
      return cx > tl.x && cx < br.x && b.y < br.y + b.height && b.y + b.height > tl.y;
    })
  );
}

test('in an open vote your own dots show on the cards you voted for, to you alone, and a click on one takes it back', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  const ann = await openAs(board.links.participant, 'Ann', { viewport: { width: 1440, height: 900 } });
  const ben = await openAs(board.links.participant, 'Ben');
  const first = await fran.addSticky('Offline mode');
  // New stickies land in the middle of the screen: move the first out of the way.
  await fran.drag(first, { x: 300, y: 500 });
  const second = await fran.addSticky('Dark theme');
  for (const card of [first, second])
    await expect.poll(async () => (await fran.element(card))?.parent ?? null).not.toBeNull();
  await fran.page.keyboard.press('Escape');
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  await fran.page.getByRole('button', { name: 'Start vote' }).click();

  // Ann votes twice for the first card and once for the second: three dots, on those cards.
  const banner = ann.page.getByTestId('vote-banner');
  await expect(banner).toContainText('3 left');
  for (const [card, left] of [
    [first, '2 left'],
    [first, '1 left'],
    [second, '0 left'],
  ] as const) {
    const p = await ann.screenPoint(card);
    await ann.page.mouse.click(p.x, p.y);
    await expect(banner).toContainText(left);
  }
  await expect(dots(ann)).toHaveCount(3);
  await expect(dots(ann, first)).toHaveCount(2);
  await expect(dots(ann, second)).toHaveCount(1);
  expect(await onCard(ann, first), 'the first card’s dots on it').toBe(true);
  expect(await onCard(ann, second), 'the second card’s dot on it').toBe(true);
  await ann.page.screenshot({ path: `${SHOTS}/vote-dots-desktop.png` });

  // Nobody else sees where Ann voted (the facilitator only that one person voted).
  await expect(fran.page.getByTestId('voters')).toHaveText('1 voted');
  await expect(dots(ben)).toHaveCount(0);
  await expect(dots(fran)).toHaveCount(0);

  // The dots follow the view: the wheel pans it, even with the pointer over a dot.
  const dot = dots(ann, second);
  const before = await dot.boundingBox();
  if (!before) throw new Error('no dot');
  await ann.page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await ann.page.mouse.wheel(0, 120);
  await expect.poll(async () => (await dot.boundingBox())?.y ?? 0).toBeLessThan(before.y - 60);
  expect(await onCard(ann, first)).toBe(true);
  expect(await onCard(ann, second)).toBe(true);

  // A click on one of her dots takes that vote back: one vote more to give, one dot less.
  const takeBack = ann.page.getByRole('button', { name: /^Take back your vote from “Offline mode”/ });
  await expect(takeBack).toHaveCount(1);
  await takeBack.hover();
  await ann.page.screenshot({ path: `${SHOTS}/vote-dots-desktop-hover.png` });
  await takeBack.click();
  await expect(banner).toContainText('1 left');
  await expect(dots(ann, first)).toHaveCount(1);
  await expect(dots(ann, second)).toHaveCount(1);
  // A click on the card elsewhere still casts another vote.
  const p = await ann.screenPoint(first);
  await ann.page.mouse.click(p.x, p.y);
  await expect(banner).toContainText('0 left');
  await expect(dots(ann, first)).toHaveCount(2);

  // The reveal: her dots give way to everyone's counts.
  await fran.page.getByRole('button', { name: 'Reveal votes' }).click();
  await expect(dots(ann)).toHaveCount(0);
  await expect(ann.page.locator(`[data-testid="vote-badge"][data-element-id="${first}"]`)).toHaveText('2');
  await expect(ann.page.locator(`[data-testid="vote-badge"][data-element-id="${second}"]`)).toHaveText('1');
});

const DEVICES = [
  { name: 'laptop', viewport: { width: 1280, height: 720 }, touch: false },
  { name: 'tablet', viewport: { width: 820, height: 1180 }, touch: true },
  { name: 'phone', viewport: PHONE, touch: true },
] as const;

for (const device of DEVICES) {
  test(`on a ${device.name}, your dot is on the card and ${device.touch ? 'a tap' : 'a click'} on it takes the vote back`, async ({
    baseURL,
    browser,
    openAs,
  }) => {
    const board = await createBoard(baseURL as string, { template: 'card-sorting' });
    const fran = await openAs(board.links.facilitator, 'Fran');
    const card = await fran.addSticky('Offline mode');
    await expect.poll(async () => (await fran.element(card))?.parent ?? null).not.toBeNull();
    await fran.page.keyboard.press('Escape');
    await fran.page.getByRole('button', { name: 'Start workshop' }).click();
    await fran.page.getByRole('button', { name: 'Start vote' }).click();

    const context = await browser.newContext(
      device.touch
        ? { viewport: device.viewport, hasTouch: true, isMobile: true }
        : { viewport: device.viewport },
    );
    const pat = new BoardPage(await context.newPage());
    try {
      await pat.open(board.links.participant, 'Pat');
      const page = pat.page;
      const banner = page.getByTestId('vote-banner');
      await expect(banner).toContainText('3 left');
      const p = await pat.screenPoint(card);
      if (device.touch) await page.touchscreen.tap(p.x, p.y);
      else await page.mouse.click(p.x, p.y);
      await expect(banner).toContainText('2 left');
      await expect(dots(pat, card)).toHaveCount(1);
      expect(await onCard(pat, card), 'the dot on the card').toBe(true);
      await page.screenshot({ path: `${SHOTS}/vote-dots-${device.name}.png` });

      const takeBack = page.getByRole('button', { name: 'Take back your vote from “Offline mode”' });
      const target = await takeBack.boundingBox();
      if (!target) throw new Error('no target');
      // A finger's target is at least 40 px each way.
      if (device.touch) expect(Math.min(target.width, target.height)).toBeGreaterThanOrEqual(40);
      if (device.touch) await takeBack.tap();
      else await takeBack.click();
      await expect(banner).toContainText('3 left');
      await expect(dots(pat)).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
}
