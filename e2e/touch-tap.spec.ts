/**
 * On a touch screen a tap does what a mouse's click does: on empty canvas it lets the selection
 * go, on a card it selects it. A pan by dragging a finger keeps the selection, and two taps far
 * apart are not a double tap (which makes a note).
 */
import { expect, PHONE, test } from './fixtures.js';
import {
  canvasHit,
  emptyCanvasPoint,
  participantOnTouch,
  TABLET,
  touchDrag,
  writeNoteByTouch,
} from './lib/touch.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

for (const [device, viewport] of [
  ['phone', PHONE],
  ['tablet', TABLET],
] as const) {
  test(`on a ${device}, a tap on empty canvas lets the selection go, a drag pans and keeps it, a tap on a card selects it`, async ({
    baseURL,
    browser,
    openAs,
  }) => {
    const { pat } = await participantOnTouch(browser, openAs, baseURL as string, viewport);
    try {
      const page = pat.page;
      const bar = page.getByRole('toolbar', { name: 'Selection' });
      const count = page.getByTestId('selection-count');
      const id = await writeNoteByTouch(pat, 'Tap me');
      await expect(count).toHaveText('1 selected');
      // The canvas answers touches once the view has come to rest.
      await expect.poll(async () => canvasHit(page, await pat.screenPoint(id))).toBe('element');

      // A finger dragged over empty canvas pans the view, and the selection stays.
      const from = await emptyCanvasPoint(pat);
      const before = await page.evaluate(() => window.__truenorth?.viewport?.get());
      await touchDrag(page, from, { x: from.x - 60, y: from.y - 80 });
      const after = await page.evaluate(() => window.__truenorth?.viewport?.get());
      expect(after?.x, 'the view panned').toBeCloseTo((before?.x ?? 0) - 60, 0);
      await expect(count).toHaveText('1 selected');

      // A tap on empty canvas lets it go, as a click does.
      await expect.poll(async () => canvasHit(page, await pat.screenPoint(id))).toBe('element');
      const empty = await emptyCanvasPoint(pat);
      await page.touchscreen.tap(empty.x, empty.y);
      await expect(bar).toHaveCount(0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/touch-${device}-tap-empty.png` });

      // A tap on the note selects it; a second makes a double tap, which edits it.
      const note = await pat.screenPoint(id);
      await page.touchscreen.tap(note.x, note.y);
      await expect(count).toHaveText('1 selected');
      await page.touchscreen.tap(note.x, note.y);
      await expect(pat.editor).toBeVisible();
      await pat.closeEditor();
      await expect(count).toHaveText('1 selected');

      // A tap on empty canvas again lets it go; with the tap before it, far away, it is no double
      // tap: no note is made.
      await expect.poll(async () => canvasHit(page, await pat.screenPoint(id))).toBe('element');
      const again = await emptyCanvasPoint(pat);
      await page.touchscreen.tap(again.x, again.y);
      await expect(bar).toHaveCount(0);
      await expect(pat.editor).toBeHidden();
      expect(await pat.stickyIds()).toEqual([id]);
    } finally {
      await pat.page.context().close();
    }
  });
}
