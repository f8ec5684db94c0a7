import { createBoard, eventually, expect, test } from './fixtures.js';
import type { BoardPage, DocElement } from './pages/board-page.js';

const PROBLEM = 'Lean Canvas › Problem';

async function leanGrid(p: BoardPage): Promise<DocElement & { cells: { id: string; name: string }[] }> {
  const grid = (await p.elements()).find((e) => e.type === 'grid' && e.title === 'Lean Canvas');
  if (!grid) throw new Error('no Lean Canvas grid');
  return grid as never;
}

const membershipOf = async (p: BoardPage, text: string) => {
  const card = (await p.elements()).find((e) => e.type === 'sticky' && e.text === text);
  return card ? { parent: card.parent ?? null, slot: card.slot ?? null } : null;
};

test('the outline, with the keyboard alone, adds a card to a box and moves it to another', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'lean-canvas', title: 'Lean canvas' });
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');
  const grid = await leanGrid(alice);
  const cellId = (name: string) => grid.cells.find((c) => c.name === name)?.id;
  const { page, outline } = alice;

  await alice.shortcut('o');
  await expect(outline.root).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Outline' })).toBeFocused();
  // The exercise's instructions are read first, as its description — not listed as a card.
  await expect(page.getByTestId('outline-intro')).toContainText('A sticky dropped in a box belongs to it');
  await expect(outline.root.getByRole('region', { name: 'In the frame (0)' })).toBeVisible();

  await outline.addCard(PROBLEM, 'Teams misalign on goals');
  await eventually(() => membershipOf(bob, 'Teams misalign on goals')).toEqual({
    parent: grid.id,
    slot: cellId('Problem'),
  });
  await expect(outline.cardsIn(PROBLEM)).toHaveValue('Teams misalign on goals');
  // The new card is drawn inside the Problem box, not just listed under it.
  expect(await bob.element((await bob.stickyIds())[0] as string)).toMatchObject({ parent: grid.id });

  // Back to the card's "Move to" control, and one arrow key moves it to the next box.
  await outline.tabTo('Move “Teams misalign on goals” to', { back: true });
  const options = await page
    .getByRole('combobox', { name: 'Move “Teams misalign on goals” to' })
    .evaluate((s: HTMLSelectElement) => ({
      selected: s.selectedIndex,
      values: [...s.options].map((o) => o.value),
      labels: [...s.options].map((o) => o.text),
    }));
  const target = options.selected + 1;
  const [targetParent, targetSlot] = (options.values[target] as string).split('|');
  expect(targetSlot).not.toBe(cellId('Problem'));
  await page.keyboard.press('ArrowDown');

  await eventually(() => membershipOf(bob, 'Teams misalign on goals')).toEqual({
    parent: targetParent,
    slot: targetSlot,
  });
  await expect(outline.announcement).toContainText('Moved “Teams misalign on goals”');
  await expect(outline.cardsIn(PROBLEM)).toHaveCount(0);
  await expect(
    outline.cardsIn(options.labels[target]?.split(' › ').slice(1).join(' › ') as string),
  ).toHaveValue('Teams misalign on goals');

  // The keyboard user keeps their place: focus stays on the moved card, so they can go on.
  await eventually(() => outline.focusedName()).toBe('Move “Teams misalign on goals” to');
  await page.keyboard.press('ArrowUp');
  await eventually(() => membershipOf(bob, 'Teams misalign on goals')).toEqual({
    parent: grid.id,
    slot: cellId('Problem'),
  });
  await expect(outline.cardsIn(PROBLEM)).toHaveValue('Teams misalign on goals');
});
