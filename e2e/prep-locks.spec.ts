/**
 * The day before: the facilitator locks each exercise's template so nobody knocks it over — and can
 * take that back the same way, without hunting for every locked box.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';

test('Lock template turns into Unlock template, which frees the frame and every box it locked', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'lean-canvas' });
  const fay = await openAs(board.links.facilitator, 'Fay');
  const page = fay.page;
  const frame = (await fay.elements()).find((e) => e.type === 'frame');
  if (!frame) throw new Error('no frame');
  const parts = async () =>
    (await fay.elements())
      .filter((e) => e.type === 'frame' || e.type === 'grid')
      .map((e) => e.locked === true);

  await fay.selectAround(frame, 20);
  // What each button does is said where it is.
  await expect(page.getByTestId('lock-template')).toHaveAttribute('title', /boxes/);
  await page.getByTestId('lock-template').click();
  await eventually(parts).toEqual([true, true]);

  const unlock = page.getByTestId('unlock-template');
  await expect(unlock).toHaveText('Unlock template');
  await page.screenshot({ path: test.info().outputPath('template-locked.png') });
  await unlock.click();
  await eventually(parts).toEqual([false, false]);
  await expect(page.getByTestId('lock-template')).toHaveText('Lock template');
});
