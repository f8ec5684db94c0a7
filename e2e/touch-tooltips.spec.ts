/**
 * On a touch screen the tools' tooltips ("Sticky note (N)") do not show: a tap left the button
 * hovered, and the tooltip stayed over the canvas. A mouse still gets them (toolbar-minimap.spec.ts).
 */
import type { Page } from '@playwright/test';
import { createBoard, expect, PHONE, test } from './fixtures.js';
import { participantOnTouch, TABLET } from './lib/touch.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

/** The tooltip a tool's button shows now, or null. */
const tooltipOf = (page: Page, tool: string) =>
  page.getByTestId(tool).evaluate((el) => {
    const after = getComputedStyle(el, '::after');
    return after.content === 'none' || after.content === 'normal' || after.display === 'none'
      ? null
      : after.content;
  });

for (const [device, viewport] of [
  ['phone', PHONE],
  ['tablet', TABLET],
] as const) {
  test(`on a ${device}, the tools' tooltips do not stay on screen after a tap`, async ({
    baseURL,
    browser,
    openAs,
  }) => {
    const { pat } = await participantOnTouch(browser, openAs, baseURL as string, viewport);
    try {
      const page = pat.page;
      await page.getByTestId('tool-sticky').tap();
      await expect(pat.editor).toBeVisible();
      await page.keyboard.type('No tooltip');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/touch-${device}-tooltip.png` });
      expect(await tooltipOf(page, 'tool-sticky')).toBeNull();
      await pat.closeEditor();
      await page.getByTestId('tool-undo').tap();
      expect(await tooltipOf(page, 'tool-undo')).toBeNull();
    } finally {
      await pat.page.context().close();
    }
  });
}

test('with a mouse, a tool still shows its tooltip while hovered', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string);
  const ann = await openAs(board.links.participant, 'Ann');
  await ann.page.getByTestId('tool-sticky').hover();
  expect(await tooltipOf(ann.page, 'tool-sticky')).toBe('"Sticky note (N)"');
});
