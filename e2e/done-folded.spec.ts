/**
 * On a phone the workshop panel starts folded, and the step's own action sits beside its name: on
 * Introductions "Add my card" (or "I'm done" during a private round, when there is no card), in
 * every other step "I'm done" — a participant says they are done without unfolding the panel over
 * the canvas.
 */
import { createBoard, expect, PHONE, test } from './fixtures.js';

test('on a phone a participant says “I’m done” from the folded workshop panel', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant', { viewport: PHONE });
  const toggle = pat.page.getByTestId('workshop-panel').locator('.workshop-toggle');
  const done = pat.page.getByTestId('im-done');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  // Nothing to be done with before the start; on Introductions the folded panel offers the card.
  await expect(done).toHaveCount(0);
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  await expect(pat.page.getByTestId('intro-card')).toHaveText('Add my card');
  await expect(done).toHaveCount(0);
  // A private round on Introductions: no card then (it would be public at once), so "I'm done".
  await fran.page.getByTestId('private-toggle').click();
  await expect(pat.page.getByTestId('private-banner')).toBeVisible();
  await expect(pat.page.getByTestId('intro-card')).toHaveCount(0);
  await expect(done).toHaveText("I'm done");
  await fran.page.getByTestId('private-toggle').click();
  await expect(pat.page.getByTestId('private-banner')).toBeHidden();
  await expect(pat.page.getByTestId('intro-card')).toHaveText('Add my card');
  await expect(done).toHaveCount(0);

  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(toggle).toContainText('Elevator Pitch');
  await expect(pat.page.getByTestId('intro-card')).toHaveCount(0);
  await expect(done).toHaveText("I'm done");
  await done.click();
  await expect(fran.page.getByTestId('done-count')).toHaveText('Done: 1 of 1');
  await expect(done).toHaveAttribute('aria-pressed', 'true');
  await expect(done).toHaveText("I'm done ✓");
  // Still folded: the canvas keeps the screen.
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await pat.page.screenshot({ path: test.info().outputPath('done-folded.png') });
  // Pressed again: not done after all.
  await done.click();
  await expect(fran.page.getByTestId('done-count')).toHaveText('Done: 0 of 1');
  await expect(done).toHaveAttribute('aria-pressed', 'false');
});
