/**
 * When the facilitator moves the workshop on, someone looking at another exercise is told who moved
 * it where, with a button that takes them there; their view is not moved for them. Someone on the
 * step that ran is taken along to the new one, and those following the facilitator are taken along
 * by follow-me: neither gets a notice.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { covered, frameOf, scaleOf, worldBox } from './lib/canvas-boxes.js';
import type { BoardPage } from './pages/board-page.js';

/** Whether the exercise's frame is shown whole, clear of every panel, and readable. */
async function showing(p: BoardPage, exercise: string): Promise<boolean> {
  const frame = await frameOf(p, exercise);
  return (await covered(p, await worldBox(p, frame), 1)).length === 0 && (await scaleOf(p)) > 0.3;
}

async function viewOf(p: BoardPage) {
  return p.page.evaluate(() => window.__truenorth?.viewport?.get());
}

test('participants looking elsewhere are told the workshop moved on, and can go there', async ({
  baseURL,
  openAs,
}, testInfo) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant');
  const fiona = await openAs(board.links.participant, 'Fiona Follower');
  for (const p of [fran, pat, fiona]) await expect(p.page.getByTestId('run-sheet')).toBeVisible();
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  await fran.page.getByRole('button', { name: 'Follow me' }).click();
  await expect(fiona.page.getByTestId('follow-banner')).toHaveText('Following the facilitator');
  // Pat looks ahead at the Road Map on his own (he is not following).
  const runSheet = pat.page.getByTestId('run-sheet');
  await runSheet.getByRole('button', { name: 'Road Map' }).click();
  await expect(pat.page.getByTestId('follow-banner')).toContainText('Not following');
  await eventually(() => showing(pat, 'road-map')).toBe(true);
  const patView = await viewOf(pat);

  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  const notice = pat.page.getByTestId('step-notice');
  await expect(notice).toHaveText(/Fran Facilitator moved on to Elevator Pitch/);
  // Said once, by the workshop's live line: the visible notice is not a second live region.
  const live = pat.page.locator(
    ':is([role="status"], [role="alert"], [aria-live]):not([data-testid="workshop-announcement"])',
  );
  await expect(live.filter({ hasText: 'moved on to' })).toHaveCount(0);
  await expect(pat.page.getByTestId('workshop-announcement')).toContainText('moved on to step 2 of 7');
  // His view stays where he put it.
  expect(await viewOf(pat)).toEqual(patView);
  await pat.page.screenshot({ path: testInfo.outputPath('step-notice.png') });
  if (process.env.STEP_SHOTS)
    await pat.page.screenshot({ path: `${process.env.STEP_SHOTS}/step-notice.png` });
  // Fiona follows the facilitator there: no notice for her; the facilitator gets none either.
  await eventually(() => showing(fiona, 'elevator-pitch')).toBe(true);
  await fiona.page.waitForTimeout(2000);
  await expect(fiona.page.getByTestId('step-notice')).toHaveCount(0);
  await expect(fran.page.getByTestId('step-notice')).toHaveCount(0);

  // "Go there" shows him the exercise, and the notice goes.
  await notice.getByRole('button', { name: 'Go there' }).click();
  await expect(notice).toHaveCount(0);
  await eventually(() => showing(pat, 'elevator-pitch')).toBe(true);

  // Follow-me over (while it is on, it is what takes people along), someone on the step that ran
  // is taken along to the next one, and is told nothing.
  await fran.page.getByRole('button', { name: 'Stop follow me' }).click();
  await expect(pat.page.getByTestId('follow-banner')).toHaveCount(0);
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await eventually(() => showing(pat, 'lean-canvas')).toBe(true);
  await pat.page.waitForTimeout(2000);
  await expect(notice).toHaveCount(0);

  // Looking elsewhere again: getting there on his own also puts the notice away…
  await runSheet.getByRole('button', { name: 'Road Map' }).click();
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(notice).toHaveText(/moved on to The Worst Solution/);
  await runSheet.getByRole('button', { name: 'The Worst Solution' }).click();
  await expect(notice).toHaveCount(0);
  // …and so does dismissing it, leaving his view as it is.
  await runSheet.getByRole('button', { name: 'Road Map' }).click();
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(notice).toHaveText(/moved on to Card Sorting/);
  const before = await viewOf(pat);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  expect(await viewOf(pat)).toEqual(before);
});
