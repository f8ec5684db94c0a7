/**
 * The run-sheet takes you to its exercises: anyone can click a step's title to see that exercise
 * whole, and the facilitator who starts the workshop or moves it on is taken to the step it is now
 * on (with follow-me on, followers go along), while everyone else's view stays where they put it;
 * whoever opens the board while it runs lands on the step it is on; the last step ends the
 * workshop and the panel says so. On a phone the panel folds as it shows the exercise, which then
 * gets the screen.
 */
import { createBoard, eventually, expect, PHONE, test } from './fixtures.js';
import { box, covered, frameOf, overlap, scaleOf, worldBox } from './lib/canvas-boxes.js';
import type { BoardPage } from './pages/board-page.js';

/** Whether the exercise's frame is shown whole, clear of every panel, and readable. */
async function showing(p: BoardPage, exercise: string): Promise<boolean> {
  const frame = await frameOf(p, exercise);
  return (await covered(p, await worldBox(p, frame), 1)).length === 0 && (await scaleOf(p)) > 0.3;
}

test('a step of the run-sheet shows its exercise; moving the workshop on takes the facilitator there, to the end', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant');
  await expect(pat.page.getByTestId('run-sheet')).toBeVisible();
  await eventually(() => showing(pat, 'introductions')).toBe(true);
  expect(await showing(pat, 'card-sorting')).toBe(false);

  const sheet = pat.page.getByTestId('run-sheet');
  // The steps are numbered (a flex list item shows no marker of its own) and the time boxes do not
  // wrap.
  await expect(sheet.getByRole('listitem').first()).toContainText('1.Introductions');
  const time = sheet
    .getByRole('listitem')
    .filter({ hasText: 'Lean Business Model Canvas' })
    .getByText('45 min');
  const lines = await time.evaluate((el) => el.getClientRects().length);
  expect(lines).toBe(1);

  // A participant goes to Card Sorting from the run-sheet; the facilitator's view does not move.
  await sheet.getByRole('button', { name: 'Card Sorting' }).click();
  await eventually(() => showing(pat, 'card-sorting')).toBe(true);
  expect(await showing(pat, 'introductions')).toBe(false);
  expect(await showing(fran, 'introductions')).toBe(true);

  // The facilitator looks ahead at the Road Map (beside the workshop panel), then starts: back to
  // the first step.
  await fran.page.getByTestId('run-sheet').getByRole('button', { name: 'Road Map' }).click();
  await eventually(() => showing(fran, 'road-map')).toBe(true);
  // "I'm done" belongs to a running step: not offered before the start.
  await expect(pat.page.getByTestId('im-done')).toHaveCount(0);
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  await eventually(() => showing(fran, 'introductions')).toBe(true);
  await pat.page.getByTestId('im-done').click();
  await expect(fran.page.getByTestId('done-count')).toHaveText('Done: 1 of 1');
  await expect(pat.page.getByTestId('im-done')).toHaveAttribute('aria-pressed', 'true');

  // The facilitator's card on Introductions is selected as the step ends: moved to the next
  // exercise, the selection is let go (Delete would act on a card out of sight).
  await fran.page.getByTestId('intro-card').click();
  await fran.editor.pressSequentially('Facilitator', { delay: 10 });
  await fran.editor.press('Escape');
  await expect(fran.page.getByTestId('selection-count')).toHaveText('1 selected');

  // End the step: the facilitator is on the Elevator Pitch; the participant is still where they went.
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(fran.page.getByTestId('selection-count')).toHaveCount(0);
  await expect(pat.page.getByTestId('workshop-panel')).toContainText('Workshop · Elevator Pitch');
  // A new step: nobody is done with it yet.
  await expect(fran.page.getByTestId('done-count')).toHaveText('Done: 0 of 1');
  await expect(pat.page.getByTestId('im-done')).toHaveAttribute('aria-pressed', 'false');
  await eventually(() => showing(fran, 'elevator-pitch')).toBe(true);
  expect(await showing(pat, 'card-sorting')).toBe(true);

  // Someone opening the board now lands on the step the workshop is on, not on the first exercise.
  const quinn = await openAs(board.links.participant, 'Quinn Participant');
  await eventually(() => showing(quinn, 'elevator-pitch')).toBe(true);
  expect(await showing(quinn, 'introductions')).toBe(false);

  // The last step ends the workshop, and the panel says it is over.
  const panel = pat.page.getByTestId('workshop-panel');
  for (const title of ['Lean Business Model Canvas', 'The Worst Solution', 'Card Sorting', 'Story Spine']) {
    await fran.page.getByRole('button', { name: 'End step & next' }).click();
    await expect(panel).toContainText(`Workshop · ${title}`);
  }
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(panel).toContainText('Workshop · Road Map');
  await eventually(() => showing(fran, 'road-map')).toBe(true);
  await fran.page.getByRole('button', { name: 'End workshop' }).click();
  await expect(panel.getByRole('button', { name: /^Workshop/ })).toHaveText('Workshop · finished');
  await expect(fran.page.getByRole('button', { name: 'Run again from the start' })).toBeVisible();
  await expect(fran.page.getByTestId('done-count')).toHaveCount(0);
  await expect(pat.page.getByTestId('im-done')).toHaveCount(0);
});

test('with follow-me on, ending a step takes everyone following to the next exercise', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant');
  await expect(pat.page.getByTestId('run-sheet')).toBeVisible();
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  await fran.page.getByRole('button', { name: 'Follow me' }).click();
  await expect(pat.page.getByTestId('follow-banner')).toBeVisible();
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await eventually(() => showing(fran, 'elevator-pitch')).toBe(true);
  await eventually(() => showing(pat, 'elevator-pitch')).toBe(true);
});

test('on a phone, a step shown from the run-sheet folds the panel and gets the screen', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const p = await openAs(board.links.participant, 'Pat Participant', { viewport: PHONE });
  const toggle = p.page.getByTestId('workshop-panel').getByRole('button', { name: /^Workshop/ });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await p.page.getByTestId('run-sheet').getByRole('button', { name: 'Road Map' }).click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  // Whole on the screen, clear of the folded panel and the tools, and as wide as the phone
  // allows (the frame is wide; its width is the screen's less the tools).
  const frame = await frameOf(p, 'road-map');
  const clear = async () => {
    const f = await worldBox(p, frame);
    const inside = f.x >= 0 && f.y >= 0 && f.x + f.width <= PHONE.width && f.y + f.height <= PHONE.height;
    const panels = [p.page.getByTestId('workshop-panel'), p.page.getByRole('toolbar', { name: 'Tools' })];
    for (const panel of panels) if (overlap(f, await box(panel))) return false;
    return inside && f.width > PHONE.width * 0.6;
  };
  await eventually(clear).toBe(true);
});
