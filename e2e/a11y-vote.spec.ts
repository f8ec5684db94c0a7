/**
 * The canvas's dot vote for a screen-reader user: the banner's count ("3 left") is not a live
 * region, so a vote cast or taken back on the canvas is said on the workshop's live line with the
 * votes left — once per change, not at every render (the timer ticks each second) — and a vote
 * from the outline is said by the outline's own line alone, never twice.
 */
import { createBoard, expect, test } from './fixtures.js';

test('a vote on the canvas is said with the votes left, once; a vote from the outline is not said twice', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fran = await openAs(board.links.facilitator, 'Fran');
  const bob = await openAs(board.links.participant, 'Bob');
  const card = await fran.addSticky('Offline mode');
  await expect.poll(async () => (await fran.element(card))?.parent ?? null).not.toBeNull();
  await fran.page.keyboard.press('Escape');
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  await fran.page.getByRole('button', { name: 'Start vote' }).click();

  const line = bob.page.getByTestId('workshop-announcement');
  const banner = bob.page.getByTestId('vote-banner');
  await expect(banner).toContainText('3 left');
  await expect(line).toHaveText('Dot voting started: 3 votes each.');

  const p = await bob.screenPoint(card);
  await bob.page.mouse.click(p.x, p.y);
  await expect(banner).toContainText('2 left');
  await expect(line).toHaveText('Voted for “Offline mode”: 2 votes left.');
  // Said once: the timer's ticks and Fran's count of voters re-render the banner, not the line.
  await bob.page.waitForTimeout(1500);
  await expect(line).toHaveText('Voted for “Offline mode”: 2 votes left.');

  // Taken back with the dot on the card.
  await bob.page.getByRole('button', { name: /^Take back your vote from “Offline mode”/ }).click();
  await expect(banner).toContainText('3 left');
  await expect(line).toHaveText('Vote taken back from “Offline mode”: 3 votes left.');

  // From the outline: its own line says it, with the card; the workshop's line stays as it was.
  await bob.outline.openWithKeyboard();
  await bob.outline.root.getByRole('button', { name: 'Vote for “Offline mode”' }).click();
  await expect(bob.outline.announcement).toHaveText('Voted for “Offline mode”. 2 votes left');
  await expect(banner).toContainText('2 left');
  await bob.page.waitForTimeout(500);
  await expect(line).toHaveText('Vote taken back from “Offline mode”: 3 votes left.');
});
