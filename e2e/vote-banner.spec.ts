/**
 * The dot vote's banner on each kind of screen: it says "tap" on a touch screen and "click" with a
 * mouse; on a phone it sits on its own line or two, clear of the zoom controls; on a tablet with
 * the outline open it keeps clear of the minimap. Screenshots of each go to .tmp/screens.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Locator } from '@playwright/test';
import { createBoard, expect, PHONE, test } from './fixtures.js';
import { BoardPage } from './pages/board-page.js';

const SHOTS = new URL('../.tmp/screens', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const SCREENS = [
  { name: 'desktop', viewport: { width: 1440, height: 900 }, touch: false, outline: false },
  { name: 'laptop', viewport: { width: 1280, height: 720 }, touch: false, outline: false },
  { name: 'tablet', viewport: { width: 820, height: 1180 }, touch: true, outline: true },
  { name: 'phone', viewport: PHONE, touch: true, outline: false },
] as const;

async function device(browser: Browser, viewport: { width: number; height: number }, touch: boolean) {
  const context = await browser.newContext(
    touch ? { viewport, hasTouch: true, isMobile: true } : { viewport },
  );
  return new BoardPage(await context.newPage());
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not shown');
  return b;
}

/** How many lines of text the banner's wording takes. */
async function lines(banner: Locator): Promise<number> {
  return banner.evaluate((el) => {
    const style = getComputedStyle(el);
    const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
    const text =
      el.getBoundingClientRect().height -
      Number.parseFloat(style.paddingTop) -
      Number.parseFloat(style.paddingBottom);
    return Math.round(text / line);
  });
}

for (const screen of SCREENS) {
  test(`the vote banner on a ${screen.name} says how to vote there and keeps clear of the controls`, async ({
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

    const pat = await device(browser, screen.viewport, screen.touch);
    try {
      await pat.open(board.links.participant, 'Pat');
      const page = pat.page;
      const banner = page.getByTestId('vote-banner');
      await expect(banner).toContainText('3 left');
      if (screen.outline) {
        const outlineButton = page.getByRole('button', { name: 'Outline panel' });
        await outlineButton.scrollIntoViewIfNeeded();
        await outlineButton.tap();
        await expect(page.getByTestId('outline')).toBeVisible();
      }
      await page.screenshot({ path: `${SHOTS}/vote-banner-${screen.name}.png` });

      const b = await box(banner);
      const v = screen.viewport;
      expect(b.x >= 0 && b.x + b.width <= v.width, 'within the window').toBe(true);
      expect(overlaps(b, await box(page.getByRole('group', { name: 'Zoom' }))), 'over the zoom').toBe(false);
      const minimap = page.locator('.minimap');
      if (await minimap.isVisible()) expect(overlaps(b, await box(minimap)), 'over the minimap').toBe(false);
      expect(await lines(banner), 'lines of text').toBe(1);
      await expect(banner).toContainText(screen.touch ? /tap a card to vote/i : /click a card to vote/i, {
        useInnerText: true,
      });
      await expect(banner).not.toContainText(screen.touch ? 'click' : 'tap', { useInnerText: true });
    } finally {
      await pat.page.context().close();
    }
  });
}
