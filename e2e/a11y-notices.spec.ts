/**
 * Notices that come and go (a restore by the facilitator) are read out by a screen reader: from a
 * live region already on the page, since one added together with its text is missed.
 */
import { expect, test } from './fixtures.js';

test('a participant with a screen reader hears that the facilitator restored the board', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');
  await alice.addStickyAt(await alice.canvasPoint(0.3, 0.5), 'Keep me');

  const history = alice.page.getByTestId('history-panel');
  await alice.page.getByTestId('open-history').click();
  await history.getByTestId('snapshot-name').fill('Before cleanup');
  await history.getByTestId('take-snapshot').click();
  await expect(history.getByTestId('history-notice')).toContainText('Snapshot “Before cleanup” taken');

  // On Bob's page before anything happens, and saying nothing yet.
  const region = bob.page.getByTestId('restore-announcement');
  await expect(region).toBeAttached();
  await expect(region).toHaveRole('status');
  await expect(region).toHaveText('');

  await history.getByRole('button', { name: /Before cleanup/ }).click();
  await history.getByTestId('restore-snapshot').click();
  await history.getByTestId('confirm-restore').click();
  await expect(region).toHaveText(
    'A facilitator restored the board to “Before cleanup”. Its state just before is kept in History.',
  );
  // Said once: the visible notice is not a second live region saying it again.
  await expect(bob.page.getByTestId('restore-notice')).toBeVisible();
  await expect(bob.page.getByTestId('restore-notice')).not.toHaveRole('status');
});
