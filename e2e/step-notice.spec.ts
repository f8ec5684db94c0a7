/**
 * When the facilitator moves the workshop on, everyone whose screen does not show the new exercise
 * is told who moved it where, with a button that takes them there; nobody's view is moved for them
 * (those following the facilitator are taken along and get no notice).
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

test('participants not on the new exercise are told the workshop moved on, and can go there', async ({
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
  // Pat stays on Introductions on his own (he is not following).
  await pat.page.getByTestId('run-sheet').getByRole('button', { name: 'Introductions' }).click();
  await expect(pat.page.getByTestId('follow-banner')).toContainText('Not following');
  await eventually(() => showing(pat, 'introductions')).toBe(true);
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

  // Moved on again: getting there on his own also puts the notice away…
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(notice).toHaveText(/moved on to Lean Business Model Canvas/);
  await pat.page.getByTestId('run-sheet').getByRole('button', { name: 'Lean Business Model Canvas' }).click();
  await expect(notice).toHaveCount(0);
  // …and so does dismissing it, leaving his view as it is.
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(notice).toHaveText(/moved on to The Worst Solution/);
  const before = await viewOf(pat);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  expect(await viewOf(pat)).toEqual(before);
});
