import { createBoard, expect, test } from './fixtures.js';

test('everyone sees the facilitator timer; votes are revealed as counts on the cards', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');
  const cara = await openAs(board.links.participant, 'Cara');

  const first = await alice.addSticky('Remote teams');
  // New stickies land in the middle of the screen: move the first out of the way.
  await alice.drag(first, { x: 300, y: 500 });
  const second = await alice.addSticky('Async first');
  // Only cards inside the exercise frame can be voted on.
  await expect.poll(async () => (await alice.element(first))?.parent ?? null).not.toBeNull();

  await alice.page.getByRole('button', { name: 'Start workshop' }).click();
  for (const who of [alice, bob, cara]) {
    await expect(who.page.getByTestId('workshop-timer')).toHaveText(/^\d+:\d\d/);
  }
  await expect(bob.page.getByRole('button', { name: 'Start workshop' })).toHaveCount(0);

  await alice.page.getByRole('button', { name: 'Start vote' }).click();
  await expect(bob.page.getByTestId('vote-banner')).toBeVisible();
  for (const [who, card] of [
    [bob, first],
    [cara, first],
    [cara, second],
  ] as const) {
    const left = await who.page.getByTestId('vote-banner').textContent();
    const p = await who.screenPoint(card);
    await who.page.mouse.click(p.x, p.y);
    await expect(who.page.getByTestId('vote-banner')).not.toHaveText(left ?? '');
    // A vote click only votes: nothing selected, no selection bar, no outline for the others.
    await expect(who.page.getByTestId('selection-count')).toHaveCount(0);
    await expect
      .poll(() =>
        who.page.evaluate(() => window.__truenorth?.provider.awareness.getLocalState()?.selection ?? []),
      )
      .toEqual([]);
  }
  await expect(alice.page.getByTestId('voters')).toHaveText('2 voted');
  // Secret until reveal: nothing of the votes is in anyone's document.
  for (const who of [alice, bob, cara]) expect((await who.element(first))?.votes ?? 0).toBe(0);

  // Cara spends her last votes; one more click is refused, and she is told why.
  const banner = cara.page.getByTestId('vote-banner');
  let secondVotes = 1;
  while (!/· 0 left/.test((await banner.textContent()) ?? '')) {
    const before = await banner.textContent();
    const p = await cara.screenPoint(second);
    await cara.page.mouse.click(p.x, p.y);
    await expect(banner).not.toHaveText(before ?? '');
    secondVotes++;
  }
  // Quick clicks vote each time (a vote's press never reaches the canvas: no double click).
  const p = await cara.screenPoint(second);
  await cara.page.mouse.click(p.x, p.y);
  await expect(cara.page.getByTestId('workshop-error')).toHaveText('no votes left');

  await alice.page.getByRole('button', { name: 'Reveal votes' }).click();
  for (const who of [alice, bob, cara]) {
    await expect.poll(async () => (await who.element(first))?.votes).toBe(2);
    await expect.poll(async () => (await who.element(second))?.votes).toBe(secondVotes);
  }
  // Once the vote is over, "no votes left" is no longer said.
  await alice.page.getByRole('button', { name: 'End vote' }).click();
  await expect(cara.page.getByTestId('vote-banner')).toBeHidden();
  await expect(cara.page.getByTestId('workshop-error')).toBeHidden();
});

test('a command that cannot go says why: a vote with nothing to vote on, a vote cast offline', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');
  const card = await alice.addSticky('Remote teams');
  await expect.poll(async () => (await alice.element(card))?.parent ?? null).not.toBeNull();

  // Neither a theme selected nor a step started: nothing to vote on, and she is told so.
  await alice.page.keyboard.press('Escape');
  await alice.page.getByRole('button', { name: 'Start vote' }).click();
  await expect(alice.page.getByTestId('workshop-error')).toContainText('Select the themes to vote on first');
  await expect(bob.page.getByTestId('vote-banner')).toHaveCount(0);

  await alice.page.getByRole('button', { name: 'Start workshop' }).click();
  await alice.page.getByRole('button', { name: 'Start vote' }).click();
  await expect(bob.page.getByTestId('vote-banner')).toBeVisible();

  // Bob's connection drops: his click on a card is not counted, and he is told it was not sent.
  await bob.page.context().setOffline(true);
  await bob.page.evaluate(() => window.__truenorth?.provider.disconnect());
  const at = await bob.screenPoint(card);
  await bob.page.mouse.click(at.x, at.y);
  await expect(bob.page.getByTestId('workshop-error')).toContainText('Not connected to the board');
  await expect(alice.page.getByTestId('voters')).toHaveText('0 voted');
});
