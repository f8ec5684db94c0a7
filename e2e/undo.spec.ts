import { eventually, expect, test } from './fixtures.js';
import type { BoardPage } from './pages/board-page.js';

/**
 * Presses Ctrl+Z until `gone` is true. One user action may be one or two undo steps (creating a
 * note, then typing in it), so the count is not fixed; it is bounded by toPass's timeout.
 */
async function undoUntil(p: BoardPage, gone: () => Promise<boolean>) {
  await expect(async () => {
    if (!(await gone())) await p.shortcut('Control+z');
    expect(await gone()).toBe(true);
  }).toPass({ intervals: [50, 100, 200] });
}

test('undo in one browser removes only that person’s work', async ({ board, openAs }) => {
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');

  const aliceId = await alice.addSticky('Alice: grow revenue');
  const bobId = await bob.addStickyAt(await bob.canvasPoint(0.2, 0.25), 'Bob: cut churn');
  for (const p of [alice, bob]) {
    await eventually(() => p.stickyTexts()).toEqual(['Alice: grow revenue', 'Bob: cut churn']);
  }
  // Bob's edit lands last, so a naive "undo the last change" would take his.
  await bob.editSticky(bobId, ' by 5%', { append: true });
  await eventually(async () => (await alice.element(bobId))?.text).toBe('Bob: cut churn by 5%');

  await undoUntil(alice, async () => !(await alice.stickyIds()).includes(aliceId));

  for (const p of [alice, bob]) {
    await eventually(() => p.stickyTexts()).toEqual(['Bob: cut churn by 5%']);
  }
  expect(await bob.stickyIds()).toEqual([bobId]);

  // Redo brings Alice's note back, for both, with its text.
  await expect(async () => {
    const text = async () => (await alice.element(aliceId))?.text;
    if ((await text()) !== 'Alice: grow revenue') await alice.shortcut('Control+Shift+z');
    expect(await text()).toBe('Alice: grow revenue');
  }).toPass({ intervals: [50, 100, 200] });
  await eventually(() => bob.stickyTexts()).toEqual(['Alice: grow revenue', 'Bob: cut churn by 5%']);
  await expect(alice.status).toHaveText('saved');
});
