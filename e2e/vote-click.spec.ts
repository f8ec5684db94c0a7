/**
 * Dot voting on the canvas: a vote click only votes, as in FigJam's voting mode — nothing is
 * selected, nobody else sees an outline, two quick votes do not open the card for editing — and
 * nobody's cursor is shown while the vote is open (a cursor resting on a card would give the vote
 * away).
 */
import { createBoard, expect, test } from './fixtures.js';

test('a click to vote only votes: the card is not selected, nobody sees an outline', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');
  const card = await alice.addSticky('Offline mode');
  await expect.poll(async () => (await alice.element(card))?.parent ?? null).not.toBeNull();
  await alice.page.keyboard.press('Escape');
  await expect(alice.page.getByTestId('selection-count')).toHaveCount(0);

  await alice.page.getByRole('button', { name: 'Start workshop' }).click();
  const p = await bob.screenPoint(card);
  // Before the vote Alice sees where Bob's pointer is.
  await bob.page.mouse.move(p.x, p.y);
  await expect(alice.page.getByTestId('peer-cursor')).toHaveCount(1);
  await alice.page.getByRole('button', { name: 'Start vote' }).click();
  const banner = bob.page.getByTestId('vote-banner');
  await expect(banner).toContainText('3 left');
  // While it is open, nobody's cursor is shown: Bob's resting on a card would tell his vote.
  await expect(alice.page.getByTestId('peer-cursor')).toHaveCount(0);

  await bob.page.mouse.move(p.x + 5, p.y + 5);
  await bob.page.mouse.click(p.x, p.y);
  await expect(banner).toContainText('2 left');
  // No selection bar for Bob, no cursor and no outline of a selection of his for Alice.
  await expect(bob.page.getByTestId('selection-count')).toHaveCount(0);
  await expect(alice.page.getByTestId('peer-cursor')).toHaveCount(0);
  await expect(alice.page.getByTestId('peer-selection')).toHaveCount(0);

  // Two quick clicks are two votes, not a double click that opens the card for editing.
  await bob.page.mouse.dblclick(p.x, p.y);
  await expect(banner).toContainText('0 left');
  await expect(bob.editor).toBeHidden();
  await expect(bob.page.getByTestId('selection-count')).toHaveCount(0);
  await expect(alice.page.getByTestId('voters')).toHaveText('1 voted');

  // Off the eligible cards the canvas works as ever: a drag on empty canvas still selects.
  const el = await alice.element(card);
  await bob.selectAround({ x: el?.x ?? 0, y: el?.y ?? 0, w: el?.w, h: el?.h }, 40);
  await expect(bob.page.getByTestId('selection-count')).toHaveText('1 selected');
  await expect(alice.page.getByTestId('peer-cursor')).toHaveCount(0);

  // Once the vote is over, Bob's cursor shows again as soon as he moves.
  await alice.page.getByRole('button', { name: 'Reveal votes' }).click();
  await alice.page.getByRole('button', { name: 'End vote' }).click();
  await expect(banner).toBeHidden();
  await bob.page.mouse.move(p.x + 30, p.y + 30);
  await expect(alice.page.getByTestId('peer-cursor')).toHaveCount(1);
});
