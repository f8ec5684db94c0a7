import { createBoard, expect, test } from './fixtures.js';

// Enter and Space press the focused button, as everywhere on the web: the board's own uses of
// those keys (Enter edits the selection, Space held pans) give way to it.
test('Enter and Space press the focused button instead of a board shortcut', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Keys' });
  const fay = await openAs(board.links.facilitator, 'Fay Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant');
  const { page } = fay;

  // Enter on "?" opens the shortcuts; Escape gives focus back to the button.
  const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await help.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  await expect(help).toBeFocused();

  // Space on "Zoom to 100%" zooms to 100 % (the opening view of a workshop board is far smaller).
  const zoom = page.getByTestId('zoom-level');
  await expect(zoom).not.toHaveText('100%');
  await zoom.focus();
  await page.keyboard.press('Space');
  await expect(zoom).toHaveText('100%');

  // The facilitator's timer, from the keyboard: the participant sees it run.
  const fiveMinutes = page.getByRole('group', { name: 'Timer' }).getByRole('button', { name: '5 min' });
  await fiveMinutes.focus();
  await page.keyboard.press('Enter');
  await expect(pat.page.getByTestId('workshop-timer')).toHaveText(/^\d+:\d\d/);
});
