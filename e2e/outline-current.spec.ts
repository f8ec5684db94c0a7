/**
 * The outline marks the exercise the workshop is on — in its list of exercises and in that
 * exercise's heading — so someone who reads the board through it knows where everyone is.
 */
import { createBoard, expect, test } from './fixtures.js';

test('the outline marks the exercise the workshop is on, and follows it', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { template: 'workshop' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  const ann = await openAs(board.links.participant, 'Ann');
  await ann.page.keyboard.press('o');
  const outline = ann.outline.root;
  await expect(outline).toBeVisible();
  // Before the workshop starts, nothing is "now".
  await expect(outline.getByTestId('outline-now')).toHaveCount(0);

  const panel = fran.page.getByRole('region', { name: 'Workshop' });
  await panel.getByRole('button', { name: 'Start workshop' }).click();
  await expect(outline.getByRole('heading', { name: 'Introductions · now' })).toBeVisible();
  await expect(outline.getByRole('link', { name: 'Introductions' })).toHaveAttribute('aria-current', 'step');

  await panel.getByRole('button', { name: 'End step & next' }).click();
  await expect(outline.getByRole('heading', { name: 'Elevator Pitch · now' })).toBeVisible();
  await expect(outline.getByRole('link', { name: 'Elevator Pitch' })).toHaveAttribute('aria-current', 'step');
  await expect(outline.getByTestId('outline-now')).toHaveCount(1);
  await expect(outline.getByRole('link', { name: 'Introductions' })).not.toHaveAttribute('aria-current');
});
