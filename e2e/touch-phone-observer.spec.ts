/**
 * On a touch phone an observer's "View only" stays clear of the zoom controls (centred at the
 * bottom, it ran under them), the timer, the workshop panel and the notices, and the step notice's
 * "Go there" stays on one line (it wrapped).
 */
import { createBoard, expect, PHONE, test } from './fixtures.js';
import { touchDevice } from './lib/touch.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test(`on a phone, an observer's "View only" clears the zoom controls, and "Go there" stays on one line`, async ({
  baseURL,
  browser,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Offsite' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  const obi = await touchDevice(browser, PHONE);
  try {
    await obi.open(board.links.observer, 'Obi');
    const page = obi.page;
    const pill = page.getByTestId('view-only');
    const zoom = page.getByRole('group', { name: 'Zoom' });
    await expect(pill).toBeVisible();
    const pillBox = await pill.boundingBox();
    const zoomBox = await zoom.boundingBox();
    if (!pillBox || !zoomBox) throw new Error('no pill or zoom');
    expect(overlap(pillBox, zoomBox), '"View only" over the zoom controls').toBe(false);
    for (const [what, other] of [
      ['the timer', page.getByTestId('workshop-timer')],
      ['the workshop panel', page.getByTestId('workshop-panel')],
    ] as const) {
      const b = await other.boundingBox();
      if (!b) throw new Error(`no ${what}`);
      expect(overlap(pillBox, b), `"View only" over ${what}`).toBe(false);
    }
    expect(pillBox.x >= 0 && pillBox.x + pillBox.width <= PHONE.width).toBe(true);
    expect(pillBox.y + pillBox.height).toBeLessThanOrEqual(PHONE.height);

    // Obi looks ahead at the Road Map (the run-sheet folds away again on a phone)…
    await page.getByRole('button', { name: /^Workshop/ }).tap();
    await page.getByTestId('run-sheet').getByRole('button', { name: 'Road Map' }).tap();
    await expect(page.getByTestId('run-sheet')).toBeHidden();
    // …when the workshop moves on: the notice's button reads on one line, clear of the pill.
    await fran.page.getByRole('button', { name: /End step/ }).click();
    const notice = page.getByTestId('step-notice');
    await expect(notice).toBeVisible();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/touch-phone-observer.png` });
    const go = notice.getByRole('button', { name: 'Go there' });
    const lines = await go.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines, 'lines of "Go there"').toBe(1);
    const noticeBox = await notice.boundingBox();
    if (!noticeBox) throw new Error('no notice');
    expect(overlap(noticeBox, pillBox), 'the notice over "View only"').toBe(false);
    await go.tap();
    await expect(notice).toBeHidden();
  } finally {
    await obi.page.context().close();
  }
});
