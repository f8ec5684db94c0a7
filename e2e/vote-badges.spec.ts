/**
 * Revealed dot votes: counts on the cards that stay legible at the zoom a whole exercise is shown
 * at, and are drawn above other people's selection outlines and name tags.
 */
import { createBoard, expect, test } from './fixtures.js';

test('revealed votes are legible badges above other people’s selection outlines and name tags', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob Participant');
  const card = await alice.addSticky('Offline mode');
  await expect.poll(async () => (await alice.element(card))?.parent ?? null).not.toBeNull();
  await alice.page.keyboard.press('Escape');

  await alice.page.getByRole('button', { name: 'Start workshop' }).click();
  await alice.page.getByRole('button', { name: 'Start vote' }).click();
  await expect(bob.page.getByTestId('vote-banner')).toBeVisible();
  const p = await bob.screenPoint(card);
  for (const left of ['2 left', '1 left', '0 left']) {
    await bob.page.mouse.click(p.x, p.y);
    await expect(bob.page.getByTestId('vote-banner')).toContainText(left);
  }
  await alice.page.getByRole('button', { name: 'Reveal votes' }).click();
  await alice.page.getByRole('button', { name: 'End vote' }).click();
  await expect(bob.page.getByTestId('vote-banner')).toBeHidden();

  // Bob selects the card: Alice sees his outline and name tag on it, and the count above them.
  await bob.page.mouse.click(p.x, p.y);
  await expect(alice.page.getByTestId('peer-selection')).toHaveCount(1);
  const badge = alice.page.locator(`[data-testid="vote-badge"][data-element-id="${card}"]`);
  await expect(badge).toHaveText('3');
  const box = await badge.boundingBox();
  // Readable at the zoom a whole exercise is shown at (the card itself is ~60 px across here).
  expect(box?.width ?? 0).toBeGreaterThanOrEqual(28);
  const scale = await alice.page.evaluate(() => window.__truenorth?.viewport?.get().scale ?? 1);
  expect(scale).toBeLessThan(0.6);
  // What is drawn on top at the badge's centre and at its edge by the outline: the badge.
  const onTop = await alice.page.evaluate(
    ({ id, points }) => {
      const layers = [
        ...document.querySelectorAll<HTMLElement>('.presence, .presence *, .vote-badges, .vote-badge'),
      ];
      for (const l of layers) l.style.pointerEvents = 'auto';
      const hits = points.map(([x, y]) => {
        const hit = document.elementFromPoint(x as number, y as number);
        return hit?.closest('[data-testid="vote-badge"]')?.getAttribute('data-element-id') === id;
      });
      for (const l of layers) l.style.pointerEvents = '';
      return hits;
    },
    {
      id: card,
      points: box
        ? [
            [box.x + box.width / 2, box.y + box.height / 2],
            [box.x + box.width / 2, box.y + 4],
            [box.x + box.width - 4, box.y + box.height / 2],
          ]
        : [],
    },
  );
  expect(onTop).toEqual([true, true, true]);
});

test('a new vote hides the last round’s counts on the cards in it until it is revealed', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob Participant');
  const card = await alice.addSticky('Offline mode');
  await expect.poll(async () => (await alice.element(card))?.parent ?? null).not.toBeNull();
  await alice.page.keyboard.press('Escape');
  const badge = bob.page.locator(`[data-testid="vote-badge"][data-element-id="${card}"]`);

  await alice.page.getByRole('button', { name: 'Start workshop' }).click();
  await alice.page.getByRole('button', { name: 'Start vote' }).click();
  const p = await bob.screenPoint(card);
  await bob.page.mouse.click(p.x, p.y);
  await expect(bob.page.getByTestId('vote-banner')).toContainText('2 left');
  await alice.page.getByRole('button', { name: 'Reveal votes' }).click();
  await expect(badge).toHaveText('1');
  await alice.page.getByRole('button', { name: 'End vote' }).click();
  await expect(badge).toHaveText('1');

  // Round two: last round's count would steer it.
  await alice.page.getByRole('button', { name: 'Start vote' }).click();
  await expect(bob.page.getByTestId('vote-banner')).toContainText('3 left');
  await expect(badge).toHaveCount(0);
  await expect(alice.page.locator(`[data-testid="vote-badge"][data-element-id="${card}"]`)).toHaveCount(0);
  for (const left of ['2 left', '1 left']) {
    await bob.page.mouse.click(p.x, p.y);
    await expect(bob.page.getByTestId('vote-banner')).toContainText(left);
  }
  await expect(badge).toHaveCount(0);
  await alice.page.getByRole('button', { name: 'Reveal votes' }).click();
  await expect(badge).toHaveText('2');
});
