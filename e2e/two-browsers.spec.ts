import { eventually, expect, test } from './fixtures.js';

test('a sticky created in one browser appears in the other with its text', async ({ board, openAs }) => {
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');

  await alice.addSticky('Our customers are remote product teams');

  await eventually(() => bob.stickyTexts()).toEqual(['Our customers are remote product teams']);
  await expect(alice.status).toHaveText('saved');
  await expect(bob.page.getByText('Alice')).toBeVisible();
});
