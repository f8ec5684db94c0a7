import { readFile } from 'node:fs/promises';
import { createBoard, expect, test } from './fixtures.js';

test('the facilitator downloads the PDF workshop record, named after the board and date', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { title: 'Q3 offsite', template: 'lean-canvas' });
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  await alice.addSticky('Teams lose the thread between workshops');
  await expect(alice.status).toHaveText('saved');

  await alice.page.getByTestId('open-export').click();
  const menu = alice.page.getByTestId('export-menu');
  await expect(menu).toBeVisible();
  const downloading = alice.page.waitForEvent('download');
  await menu.getByRole('button', { name: /Workshop record \(PDF\)/ }).click();
  const file = await downloading;

  const today = new Date().toISOString().slice(0, 10);
  expect(file.suggestedFilename()).toBe(`q3-offsite-${today}.pdf`);
  const bytes = await readFile((await file.path()) as string);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.byteLength).toBeGreaterThan(5_000);
  await expect(menu).toBeHidden();
});

test('an observer exports the cards as CSV with the text just written', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { title: 'Retro', template: 'card-sorting' });
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  await alice.addSticky('Ship the outline view, "for everyone"');
  await expect(alice.status).toHaveText('saved');

  const olga = await openAs(board.links.observer, 'Olga Observer');
  await olga.page.getByTestId('open-export').click();
  const downloading = olga.page.waitForEvent('download');
  await olga.page
    .getByTestId('export-menu')
    .getByRole('button', { name: /Cards as CSV/ })
    .click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^retro-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await file.path()) as string, 'utf8');
  expect(csv).toContain('exercise,container,text,author,votes');
  expect(csv).toContain('"Ship the outline view, ""for everyone"""');
});
