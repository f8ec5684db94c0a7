import { createBoard, eventually, expect, test } from './fixtures.js';
import type { BoardPage, DocElement } from './pages/board-page.js';

const PROBLEM = 'Lean Canvas › Problem';

async function leanGrid(p: BoardPage): Promise<DocElement & { cells: { id: string; name: string }[] }> {
  const grid = (await p.elements()).find((e) => e.type === 'grid' && e.title === 'Lean Canvas');
  if (!grid) throw new Error('no Lean Canvas grid');
  return grid as never;
}

/** Alice, the facilitator, on a new board made from `template`, with the outline open. */
async function aliceWithOutline(
  baseURL: string,
  openAs: (link: string, name: string) => Promise<BoardPage>,
  template = 'lean-canvas',
): Promise<BoardPage> {
  const board = await createBoard(baseURL, { template, title: template });
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  await alice.shortcut('o');
  await expect(alice.outline.root).toBeVisible();
  return alice;
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
  await expect(outline.group('In the frame')).toBeVisible();

  await outline.addCard(PROBLEM, 'Teams misalign on goals');
  await eventually(() => membershipOf(bob, 'Teams misalign on goals')).toEqual({
    parent: grid.id,
    slot: cellId('Problem'),
  });
  await expect(outline.cardsIn(PROBLEM)).toHaveValue('Teams misalign on goals');
  // The new card is drawn inside the Problem box, not just listed under it.
  expect(await bob.element((await bob.stickyIds())[0] as string)).toMatchObject({ parent: grid.id });

  // Back to the card's "Move to" control. The arrow keys only choose where to (the card is not
  // moved for everyone at each destination passed), and Enter moves it.
  await outline.tabTo('Move “Teams misalign on goals” to', { back: true });
  const select = page.getByRole('combobox', { name: 'Move “Teams misalign on goals” to' });
  await expect(select).toHaveAccessibleDescription('Press Enter to move');
  const options = await select.evaluate((s: HTMLSelectElement) => ({
    selected: s.selectedIndex,
    values: [...s.options].map((o) => o.value),
    labels: [...s.options].map((o) => o.text),
  }));
  const target = options.selected + 1;
  const [targetParent, targetSlot] = (options.values[target] as string).split('|');
  expect(targetSlot).not.toBe(cellId('Problem'));
  const inProblem = { parent: grid.id, slot: cellId('Problem') };
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowUp']) {
    await page.keyboard.press(key);
    // Alice's own copy changes at once when a key moves the card: it has not.
    expect(await membershipOf(alice, 'Teams misalign on goals')).toEqual(inProblem);
  }
  await expect(select).toHaveValue(options.values[target] as string);
  await expect(page.getByTestId('outline-move-pending')).toHaveText('Press Enter to move');
  await expect(outline.cardsIn(PROBLEM)).toHaveValue('Teams misalign on goals');
  await page.keyboard.press('Enter');

  await eventually(() => membershipOf(bob, 'Teams misalign on goals')).toEqual({
    parent: targetParent,
    slot: targetSlot,
  });
  await expect(outline.announcement).toContainText('Moved “Teams misalign on goals”');
  await expect(outline.cardsIn(PROBLEM)).toHaveCount(0);
  // The next choice after Problem is another of the Lean Canvas's boxes, listed by its name alone.
  await expect(outline.cardsIn(`Lean Canvas › ${options.labels[target]}`)).toHaveValue(
    'Teams misalign on goals',
  );

  // The keyboard user keeps their place: focus stays on the moved card, so they can go on.
  await eventually(() => outline.focusedName()).toBe('Move “Teams misalign on goals” to');
  // Escape puts back a choice not yet made (and leaves the outline open) …
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(select).toHaveValue(options.values[target] as string);
  await expect(outline.root).toBeVisible();
  await expect(page.getByTestId('outline-move-pending')).toHaveCount(0);
  // … and leaving the select makes the choice, as Enter does.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  await eventually(() => membershipOf(bob, 'Teams misalign on goals')).toEqual(inProblem);
  await expect(outline.cardsIn(PROBLEM)).toHaveValue('Teams misalign on goals');
  await eventually(() => outline.focusedName()).toBe('Delete “Teams misalign on goals”');
});

test('deleting a card from the outline hands the focus to the next card, else the previous, else the add field', async ({
  baseURL,
  openAs,
}) => {
  const alice = await aliceWithOutline(baseURL as string, openAs);
  const { page, outline } = alice;
  for (const text of ['First problem', 'Second problem', 'Third problem'])
    await outline.addCard(PROBLEM, text);
  await expect(outline.cardsIn(PROBLEM)).toHaveCount(3);

  await outline.tabTo('Delete “Second problem”', { back: true });
  await page.keyboard.press('Enter');
  await expect(outline.announcement).toHaveText('Deleted “Second problem”');
  await eventually(() => outline.focusedName()).toBe('Card: Third problem');

  // The last one: the one before it.
  await outline.tabTo('Delete “Third problem”');
  await page.keyboard.press('Enter');
  await eventually(() => outline.focusedName()).toBe('Card: First problem');

  // The only one: the group's field for a new card.
  await outline.tabTo('Delete “First problem”');
  await page.keyboard.press('Space');
  await eventually(() => outline.focusedName()).toBe(`New card in ${PROBLEM}`);
  await expect(outline.cardsIn(PROBLEM)).toHaveCount(0);
  expect(await alice.stickyTexts()).toEqual([]);
});

test('Escape, the Close button and O close the outline and give the focus back to its toggle', async ({
  baseURL,
  openAs,
}) => {
  const alice = await aliceWithOutline(baseURL as string, openAs);
  const { page, outline } = alice;
  const toggle = page.getByRole('button', { name: 'Outline panel' });
  await outline.addCard(PROBLEM, 'Slow onboarding');
  // Escape from a card's text (the outline's text fields do not use Escape themselves).
  await outline.tabTo('Card: Slow onboarding', { back: true });
  await page.keyboard.press('Escape');
  await expect(outline.root).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');

  // The toggle opens it again from the keyboard; its Close button closes it.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Outline' })).toBeFocused();
  await outline.tabTo('Close outline');
  await page.keyboard.press('Enter');
  await expect(outline.root).toBeHidden();
  await expect(toggle).toBeFocused();

  // O, from a button in the outline (not typing).
  await page.keyboard.press('Enter');
  await outline.tabTo('Delete “Slow onboarding”');
  await page.keyboard.press('o');
  await expect(outline.root).toBeHidden();
  await expect(toggle).toBeFocused();
  expect(await alice.stickyTexts()).toEqual(['Slow onboarding']);
});

test('every group of a workshop has a name of its own, and each exercise is a heading and a region', async ({
  baseURL,
  openAs,
}) => {
  const { page, outline } = await aliceWithOutline(baseURL as string, openAs, 'workshop');
  const names = await outline.root
    .getByRole('textbox', { name: /^New card / })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(names.length).toBeGreaterThan(30);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toContain('New card in Lean Business Model Canvas, in the frame');
  // The pitch's blank reads as what goes there, and the part's hint describes its field.
  const product = outline.root.getByRole('textbox', {
    name: 'New card in The pitch › The (product name) is a',
  });
  await expect(product).toHaveAccessibleDescription('(product name) is a (product category)');

  const exercises = await outline.root.getByRole('heading', { level: 3 }).allTextContents();
  expect(exercises).toEqual(
    expect.arrayContaining(['Elevator Pitch', 'Lean Business Model Canvas', 'Road Map']),
  );
  for (const title of exercises) {
    await expect(outline.root.getByRole('region', { name: title })).toHaveCount(1);
  }
  // A keyboard user skips the exercises before the one they want.
  await outline.tabTo('Road Map');
  await page.keyboard.press('Enter');
  await expect(outline.root.getByRole('heading', { name: 'Road Map', level: 3 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect.poll(() => outline.focusedName()).toBe('New card in Road Map, in the frame');
});
