/**
 * The run-sheet takes you to its exercises: anyone can click a step's title to see that exercise
 * whole, and the facilitator who starts the workshop or moves it on is taken to the step it is now
 * on, while everyone else's view stays where they put it.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { covered, frameOf, scaleOf, worldBox } from './lib/canvas-boxes.js';
import type { BoardPage } from './pages/board-page.js';

/** Whether the exercise's frame is shown whole, clear of every panel, and readable. */
async function showing(p: BoardPage, exercise: string): Promise<boolean> {
  const frame = await frameOf(p, exercise);
  return (await covered(p, await worldBox(p, frame), 1)).length === 0 && (await scaleOf(p)) > 0.3;
}

test('a step of the run-sheet shows its exercise; moving the workshop on takes the facilitator there', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant');
  await expect(pat.page.getByTestId('run-sheet')).toBeVisible();
  await eventually(() => showing(pat, 'introductions')).toBe(true);
  expect(await showing(pat, 'card-sorting')).toBe(false);

  // A participant goes to Card Sorting from the run-sheet; the facilitator's view does not move.
  const sheet = pat.page.getByTestId('run-sheet');
  await sheet.getByRole('button', { name: 'Card Sorting' }).click();
  await eventually(() => showing(pat, 'card-sorting')).toBe(true);
  expect(await showing(pat, 'introductions')).toBe(false);
  expect(await showing(fran, 'introductions')).toBe(true);

  // The facilitator looks ahead at the Road Map (beside the workshop panel), then starts: back to
  // the first step.
  await fran.page.getByTestId('run-sheet').getByRole('button', { name: 'Road Map' }).click();
  await eventually(() => showing(fran, 'road-map')).toBe(true);
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  await eventually(() => showing(fran, 'introductions')).toBe(true);

  // End the step: the facilitator is on the Elevator Pitch; the participant is still where they went.
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(pat.page.getByTestId('workshop-panel')).toContainText('Workshop · Elevator Pitch');
  await eventually(() => showing(fran, 'elevator-pitch')).toBe(true);
  expect(await showing(pat, 'card-sorting')).toBe(true);

  // The steps are numbered (a flex list item shows no marker of its own) and the time boxes do not
  // wrap.
  await expect(sheet.getByRole('listitem').first()).toContainText('1.Introductions');
  const time = sheet
    .getByRole('listitem')
    .filter({ hasText: 'Lean Business Model Canvas' })
    .getByText('45 min');
  const lines = await time.evaluate((el) => el.getClientRects().length);
  expect(lines).toBe(1);
});
