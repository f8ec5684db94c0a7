/**
 * Text being typed can be read, on every device: a note opened for writing, and a theme's name
 * being renamed, come up to at least 14 px on the screen (a note at the ~27 % a tablet shows an
 * exercise at was ~8 px). From a working view the view zooms only as far as that needs, about the
 * note; from an overview (a phone's ~10 %) the note comes up whole (narrow-window.spec.ts).
 */
import { createBoard, expect, PHONE, test } from './fixtures.js';
import { canvasHit, participantOnTouch, screenTextPx, TABLET } from './lib/touch.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

const scaleOf = (page: import('@playwright/test').Page) =>
  page.evaluate(() => window.__truenorth?.viewport?.get().scale ?? 0);

for (const [device, viewport] of [
  ['phone', PHONE],
  ['tablet', TABLET],
] as const) {
  test(`on a ${device}, a note being written with the sticky tool is legible`, async ({
    baseURL,
    browser,
    openAs,
  }) => {
    const { pat } = await participantOnTouch(browser, openAs, baseURL as string, viewport);
    try {
      const page = pat.page;
      await page.getByTestId('tool-sticky').tap();
      await expect(pat.editor).toBeVisible();
      await expect.poll(() => screenTextPx(page, pat.editor)).toBeGreaterThanOrEqual(14);
      await page.keyboard.type('Can I read this?');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/touch-${device}-writing.png` });
      // In sight, whole.
      const box = await pat.editor.boundingBox();
      expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width).toBe(true);
      await pat.closeEditor();
    } finally {
      await pat.page.context().close();
    }
  });
}

test('on a tablet, a theme being renamed shows its name legibly', async ({ baseURL, browser, openAs }) => {
  const { pat } = await participantOnTouch(browser, openAs, baseURL as string, TABLET, 'card-sorting');
  try {
    const page = pat.page;
    const theme = (await pat.elements()).find((e) => e.type === 'theme' && e.name === 'Theme A');
    if (!theme) throw new Error('no Theme A');
    const band = await pat.pagePoint({ x: theme.x + (theme.w ?? 0) / 2, y: theme.y + 12 });
    await expect.poll(() => canvasHit(page, band)).toBe('element');
    await page.touchscreen.tap(band.x, band.y);
    await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Rename' }).tap();
    const field = page.getByRole('textbox', { name: 'Theme name' });
    await expect(field).toBeFocused();
    await expect.poll(() => screenTextPx(page, field)).toBeGreaterThanOrEqual(14);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/touch-tablet-theme-name.png` });
  } finally {
    await pat.page.context().close();
  }
});

test('on a desktop, a note opened for writing is legible, zoomed no more than that needs', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Offsite' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  const page = fran.page;
  const opening = await scaleOf(page);
  const at = await fran.canvasPoint(0.5, 0.6);
  await page.mouse.dblclick(at.x, at.y);
  await expect(fran.editor).toBeVisible();
  await expect.poll(() => screenTextPx(page, fran.editor)).toBeGreaterThanOrEqual(14);
  // A note's 28 px text reads at 14 px from 50 %: the view goes no further (it opened below).
  expect(await scaleOf(page)).toBeCloseTo(Math.max(opening, 0.5), 5);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/desktop-writing.png` });
  await page.keyboard.type('From a laptop');
  await fran.closeEditor();
  // Opened again at that zoom, the view stays.
  const view = await page.evaluate(() => window.__truenorth?.viewport?.get());
  await fran.openEditor((await fran.stickyIds())[0] as string);
  expect(await page.evaluate(() => window.__truenorth?.viewport?.get())).toEqual(view);
});
