/**
 * The day before: the facilitator imports the team's pre-collected ideas from a spreadsheet export
 * — the messy kind (a byte-order mark, semicolons, a quoted line break, an empty row, a column too
 * many, 500 rows) — and sees them land in the exercise they chose.
 */
import { writeFile } from 'node:fs/promises';
import { createBoard, eventually, expect, test } from './fixtures.js';

/** A folder to keep screenshots of what the tests look at (`UI_SHOTS=/tmp/shots`), for a person to see. */
const SHOTS = process.env.UI_SHOTS;

function messyExport(): string {
  const lines = ['Idea;Theme;Author;Votes', '"Onboarding takes too long;\nusers give up";;Ana;3;extra', ''];
  for (let i = 1; i <= 498; i++) lines.push(`Idea number ${i};;Person ${i % 7};${i % 5}`);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

test('a messy spreadsheet export imports into the chosen exercise, which is then shown', async ({
  baseURL,
  openAs,
}, testInfo) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Prep' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  const page = fran.page;
  const file = testInfo.outputPath('ideas.csv');
  await writeFile(file, messyExport());

  await page.getByTestId('open-import').click();
  await page.getByTestId('import-frame').selectOption({ label: 'Card Sorting' });
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-summary')).toContainText('499 cards ready for “Card Sorting”');
  await expect(page.getByTestId('import-row-text').first()).toHaveText(
    'Onboarding takes too long; users give up',
  );
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/prep-import-preview.png` });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();

  await eventually(async () => (await fran.stickyIds()).length).toBe(499);
  // The cards went into the Card Sorting frame, far from the Introductions the board opened on:
  // the view goes there, so the facilitator sees what the import did.
  const frame = (await fran.elements()).find((e) => e.type === 'frame' && e.title === 'Card Sorting');
  if (!frame) throw new Error('no Card Sorting frame');
  const box = await fran.canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  await eventually(async () => {
    const at = await fran.screenPoint(frame.id);
    return at.x > box.x && at.x < box.x + box.width && at.y > box.y && at.y < box.y + box.height;
  }).toBe(true);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/prep-import-done.png` });
});
