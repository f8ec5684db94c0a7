/**
 * A modal dialog keeps the keyboard: Tab goes round its own controls and never to the board
 * behind it, keys typed while it is open never reach the board's shortcuts (the help open, three
 * Tabs reached the toolbar and an `n` made a note behind it), Escape closes it wherever the focus
 * is, and the focus goes back where it was.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

/** Whether the focused element is inside the element with `testId`, and its name. */
function focusIn(page: Page, testId: string): Promise<{ inside: boolean; name: string }> {
  return page.evaluate((testId) => {
    const active = document.activeElement;
    const box = document.querySelector(`[data-testid="${testId}"]`);
    return {
      inside: !!box && !!active && box.contains(active),
      name: active?.getAttribute('aria-label') ?? active?.textContent?.trim().slice(0, 30) ?? '',
    };
  }, testId);
}

function elementCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (
        window as unknown as { __truenorth: { doc: { getMap(n: string): { size: number } } } }
      ).__truenorth.doc.getMap('elements').size,
  );
}

test('Tab stays inside the keyboard shortcuts, a shortcut typed there does not reach the board, Escape closes it', async ({
  board,
  openAs,
}) => {
  const ada = await openAs(board.links.facilitator, 'Ada');
  const { page } = ada;
  const before = await elementCount(page);

  await page.keyboard.press('?');
  const help = page.getByTestId('help-dialog');
  await expect(help).toBeVisible();
  await expect(help).toBeFocused();

  // Round and round: every stop is one of the dialog's own controls.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await focusIn(page, 'help-dialog')).toEqual({ inside: true, name: 'Close' });
  }
  await page.keyboard.press('Shift+Tab');
  expect((await focusIn(page, 'help-dialog')).inside).toBe(true);

  // `n` is "new sticky note" on the board: not while the help is open.
  await page.keyboard.press('n');
  await expect(ada.editor).toBeHidden();
  expect(await elementCount(page)).toBe(before);

  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // The board's shortcuts are back.
  await page.keyboard.press('n');
  await expect(ada.editor).toBeVisible();
});

test('History keeps the focus among its controls, also after a press on its backdrop, and gives it back to its button', async ({
  board,
  openAs,
}) => {
  const ada = await openAs(board.links.facilitator, 'Ada');
  const { page } = ada;
  const before = await elementCount(page);
  const open = page.getByTestId('open-history');
  await open.click();
  const history = page.getByTestId('history-panel');
  await expect(history).toBeVisible();

  const names = new Set<string>();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const at = await focusIn(page, 'history-panel');
    expect(at.inside, `Tab ${i + 1} went to "${at.name}"`).toBe(true);
    names.add(at.name);
  }
  // It went round (more than one control), not stuck on one.
  expect(names.size).toBeGreaterThan(1);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Shift+Tab');
    const at = await focusIn(page, 'history-panel');
    expect(at.inside, `Shift+Tab ${i + 1} went to "${at.name}"`).toBe(true);
  }

  // A press on the backdrop beside the dialog leaves the focus on the page's body.
  await page.mouse.click(4, (page.viewportSize()?.height ?? 800) - 4);
  expect((await focusIn(page, 'history-panel')).inside).toBe(false);
  await page.keyboard.press('n');
  await expect(ada.editor).toBeHidden();
  expect(await elementCount(page)).toBe(before);
  // Tab comes back in.
  await page.keyboard.press('Tab');
  expect((await focusIn(page, 'history-panel')).inside).toBe(true);
  await page.mouse.click(4, (page.viewportSize()?.height ?? 800) - 4);

  // Escape closes it from there too, and the focus is back on the button that opened it.
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();
  await expect(open).toBeFocused();
});
