/**
 * The end of a workshop: after "End workshop" everyone's workshop panel says it is finished, what
 * was made, and offers the record, which downloads as a PDF.
 */
import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { createBoard, expect, PHONE, test } from './fixtures.js';
import type { BoardPage } from './pages/board-page.js';

async function downloadRecord(who: BoardPage, end: Locator): Promise<Buffer> {
  const downloading = who.page.waitForEvent('download');
  await end.getByRole('button', { name: 'Download the record (PDF)' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^q3-offsite-\d{4}-\d{2}-\d{2}\.pdf$/);
  return readFile((await file.path()) as string);
}

test('after "End workshop" everyone sees it finished, with what was made, and downloads the record', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { title: 'Q3 offsite', template: 'workshop' });
  const fay = await openAs(board.links.facilitator, 'Fay');
  // On a phone the panel is folded into a pill: the finish opens it.
  const ann = await openAs(board.links.participant, 'Ann', { viewport: PHONE });
  const olga = await openAs(board.links.observer, 'Olga');

  await fay.page.getByRole('button', { name: 'Start workshop' }).click();
  await fay.addSticky('Remote teams lose the thread');
  await fay.addSticky('Async first');
  await ann.addSticky('Fewer meetings');
  for (const who of [fay, ann, olga]) await expect(who.page.getByTestId('workshop-end')).toHaveCount(0);

  const next = fay.page.getByRole('button', { name: /^End step & next$|^End workshop$/ });
  for (let step = 1; step < 7; step++) {
    await expect(next).toHaveText('End step & next');
    await next.click();
    await expect(fay.page.getByTestId('run-sheet').locator('.is-done')).toHaveCount(step);
  }
  await expect(next).toHaveText('End workshop');
  await next.click();

  for (const who of [fay, ann, olga]) {
    const end = who.page.getByTestId('workshop-end');
    await expect(end).toBeVisible();
    // Finished is said once, by the panel's header; the part below is what was made.
    await expect(who.page.getByRole('button', { name: /^Workshop/ })).toHaveText('Workshop · finished');
    await expect(who.page.getByTestId('workshop-panel').getByText(/finished/i)).toHaveCount(1);
    await expect(end.getByRole('heading', { name: 'What the workshop made' })).toBeVisible();
    // Those who took part: the observer only watched.
    await expect(end.getByTestId('workshop-made')).toHaveText('7 exercises · 3 cards · 2 people');
  }
  // Running it again is still there for the facilitator, but it is not the thing to do now.
  await expect(fay.page.getByRole('button', { name: 'Run again from the start' })).toBeVisible();

  for (const who of [fay, ann]) {
    const pdf = await downloadRecord(who, who.page.getByTestId('workshop-end'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.byteLength).toBeGreaterThan(5_000);
  }
  if (process.env.END_SHOTS) {
    await fay.page.screenshot({ path: `${process.env.END_SHOTS}/end-facilitator.png` });
    await ann.page.screenshot({ path: `${process.env.END_SHOTS}/end-phone.png` });
    await olga.page.screenshot({ path: `${process.env.END_SHOTS}/end-observer.png` });
  }
});
