/**
 * A private note made and left empty goes away, as a note on the board does (empty-note.spec.ts):
 * it does not stay as an empty private note, and nothing empty is revealed.
 */
import type { Page } from '@playwright/test';
import { createBoard, eventually, expect, test } from './fixtures.js';
import { box } from './lib/canvas-boxes.js';

async function docTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const els = window.__truenorth?.doc.getMap('elements');
    if (!els) return [];
    return [...els.values()]
      .filter((v) => (v as { get(k: string): unknown }).get('type') === 'sticky')
      .map((v) => String((v as { get(k: string): unknown }).get('text') ?? ''))
      .sort();
  });
}

test('a private note made and closed blank goes, and an empty card is never revealed', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fay = await openAs(board.links.facilitator, 'Fay');
  const ann = await openAs(board.links.participant, 'Ann');
  await fay.page.getByTestId('private-toggle').click();
  await expect(ann.page.getByTestId('private-banner')).toBeVisible();
  const notes = ann.page.getByTestId('draft-note');
  const field = ann.page.getByTestId('draft-text');

  // One she writes, and keeps.
  await ann.page.getByTestId('tool-sticky').click();
  await field.pressSequentially('Fewer meetings', { delay: 10 });
  await field.press('Escape');
  await expect(notes).toHaveCount(1);

  // The sticky tool, then Escape with nothing typed.
  await ann.page.getByTestId('tool-sticky').click();
  await expect(notes).toHaveCount(2);
  await expect(field.last()).toBeFocused();
  await field.last().press('Escape');
  await expect(notes).toHaveCount(1);

  // A double click on empty canvas, a few spaces, then a click elsewhere on the canvas.
  await ann.page.mouse.dblclick(...xy(await ann.canvasPoint(0.25, 0.75)));
  await expect(notes).toHaveCount(2);
  await expect(field.last()).toBeFocused();
  await ann.page.keyboard.type('   ');
  await ann.page.mouse.click(...xy(await ann.canvasPoint(0.6, 0.85)));
  await expect(notes).toHaveCount(1);

  // A new blank note moved by its "Private" bar is still being made: it stays until it is left.
  await ann.page.getByTestId('tool-sticky').click();
  await expect(notes).toHaveCount(2);
  const handle = ann.page.getByTestId('draft-handle').last();
  const h = await box(handle);
  await ann.dragBetween({ x: h.x + 12, y: h.y + h.height / 2 }, { x: h.x + 12, y: h.y + h.height / 2 + 120 });
  await expect(notes).toHaveCount(2);
  await field.last().click();
  await field.last().pressSequentially('Written after moving it', { delay: 10 });
  await field.last().press('Escape');
  await expect(notes).toHaveCount(2);

  // The reveal comes while a new note is still open and blank: it is not revealed.
  await ann.page.getByTestId('tool-sticky').click();
  await expect(notes).toHaveCount(3);
  await expect(field.last()).toBeFocused();
  await fay.page.getByTestId('private-toggle').click();
  for (const who of [fay, ann]) {
    await eventually(() => docTexts(who.page)).toEqual(['Fewer meetings', 'Written after moving it']);
  }
  await expect(notes).toHaveCount(0);
});

const xy = (p: { x: number; y: number }) => [p.x, p.y] as const;
