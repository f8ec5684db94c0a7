/**
 * The outline while others change the same board: a remote edit, move or deletion of the card a
 * keyboard user is working on keeps their caret and focus where they belong, and voting works
 * from the keyboard, counted by the server as the canvas's clicks are.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import type { BoardPage } from './pages/board-page.js';

const PROBLEM = 'Lean Canvas › Problem';
const SOLUTION = 'Lean Canvas › Solution';

async function leanBoard(baseURL: string, openAs: (link: string, name: string) => Promise<BoardPage>) {
  const board = await createBoard(baseURL, { template: 'lean-canvas', title: 'Lean canvas' });
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');
  for (const who of [alice, bob]) await who.shortcut('o');
  return { alice, bob };
}

const idOf = async (p: BoardPage, text: string) => {
  const card = (await p.elements()).find((e) => e.type === 'sticky' && e.text === text);
  if (!card) throw new Error(`no card “${text}”`);
  return card.id;
};

/** Puts the caret at `index` in a card's text, with the keyboard. */
async function caretAt(p: BoardPage, text: string, index: number) {
  await p.outline.tabTo(`Card: ${text}`, { back: true });
  await p.page.keyboard.press('Control+Home');
  for (let i = 0; i < index; i++) await p.page.keyboard.press('ArrowRight');
  expect(await p.outline.caret()).toMatchObject({ start: index, end: index });
}

test('a remote edit of the card being typed in keeps the caret, and both people’s typing', async ({
  baseURL,
  openAs,
}) => {
  const { alice, bob } = await leanBoard(baseURL as string, openAs);
  await alice.outline.addCard(PROBLEM, '日本語のカード');
  await expect(bob.outline.cardsIn(PROBLEM)).toHaveValue('日本語のカード');
  await caretAt(alice, '日本語のカード', 3);

  // Bob types at the end of the same card, in his outline.
  await bob.outline.tabTo('Card: 日本語のカード', { back: true });
  await bob.page.keyboard.press('Control+End');
  await bob.page.keyboard.type('!!');
  await eventually(() => alice.outline.caret()).toEqual({ value: '日本語のカード!!', start: 3, end: 3 });

  await alice.page.keyboard.type('X');
  expect(await alice.outline.caret()).toEqual({ value: '日本語Xのカード!!', start: 4, end: 4 });
  await eventually(() => bob.stickyTexts()).toEqual(['日本語Xのカード!!']);

  // Both typing at once, keystroke for keystroke: nobody's characters are lost.
  for (let i = 0; i < 3; i++) {
    await alice.page.keyboard.type('a');
    await bob.page.keyboard.type('b');
  }
  const both = '日本語Xaaaのカード!!bbb';
  await eventually(() => alice.stickyTexts()).toEqual([both]);
  await eventually(() => bob.stickyTexts()).toEqual([both]);
  expect(await alice.outline.caret()).toEqual({ value: both, start: 7, end: 7 });
  expect(await bob.outline.caret()).toEqual({ value: both, start: both.length, end: both.length });
});

test('the focused card moved by someone else keeps the focus and caret, and the move is announced', async ({
  baseURL,
  openAs,
}) => {
  const { alice, bob } = await leanBoard(baseURL as string, openAs);
  await alice.outline.addCard(PROBLEM, 'Keep me');
  const id = await idOf(alice, 'Keep me');
  await expect(bob.outline.cardsIn(PROBLEM)).toHaveValue('Keep me');
  await caretAt(alice, 'Keep me', 2);

  // Bob picks another box with the mouse (a pick from the list moves at once).
  await bob.outline.root
    .getByRole('combobox', { name: 'Move “Keep me” to' })
    .selectOption({ label: 'Solution' });
  await expect(alice.outline.cardsIn(SOLUTION)).toHaveValue('Keep me');
  expect(await alice.outline.focusedCard()).toEqual({ id, control: 'text' });
  expect(await alice.outline.caret()).toEqual({ value: 'Keep me', start: 2, end: 2 });
  await expect(alice.outline.announcement).toHaveText(`“Keep me” moved to ${SOLUTION}`);
  await alice.page.keyboard.type('Z');
  await eventually(() => bob.stickyTexts()).toEqual(['KeZep me']);

  // On its "Move to" control, moved back by Bob: still there.
  await alice.outline.tabTo('Move “KeZep me” to');
  await bob.outline.root
    .getByRole('combobox', { name: 'Move “KeZep me” to' })
    .selectOption({ label: 'Problem' });
  await expect(alice.outline.cardsIn(PROBLEM)).toHaveValue('KeZep me');
  await eventually(() => alice.outline.focusedCard()).toEqual({ id, control: 'move' });
  await expect(alice.outline.announcement).toHaveText(`“KeZep me” moved to ${PROBLEM}`);
});

test('the focused card deleted by someone else hands the focus to its neighbour, and says so', async ({
  baseURL,
  openAs,
}) => {
  const { alice, bob } = await leanBoard(baseURL as string, openAs);
  for (const text of ['One', 'Two', 'Three']) await alice.outline.addCard(PROBLEM, text);
  await expect(bob.outline.cardsIn(PROBLEM)).toHaveCount(3);
  const three = await idOf(alice, 'Three');
  await caretAt(alice, 'Two', 1);

  await bob.outline.root.getByRole('button', { name: 'Delete “Two”' }).click();
  await expect(alice.outline.cardsIn(PROBLEM)).toHaveCount(2);
  expect(await alice.outline.focusedCard()).toEqual({ id: three, control: 'text' });
  await expect(alice.outline.announcement).toHaveText('“Two” was deleted by someone else');

  // The last card of the group: its "add card" field.
  await bob.outline.root.getByRole('button', { name: 'Delete “One”' }).click();
  await bob.outline.root.getByRole('button', { name: 'Delete “Three”' }).click();
  await eventually(() => alice.outline.focusedName()).toBe(`New card in ${PROBLEM}`);
});

test('voting from the outline with the keyboard: toggles, votes left, refusals, revealed counts', async ({
  baseURL,
  openAs,
}) => {
  const { alice, bob } = await leanBoard(baseURL as string, openAs);
  const texts = ['Vote A', 'Vote B', 'Vote C', 'Vote D'];
  for (const text of texts) await alice.outline.addCard(PROBLEM, text);
  await expect(bob.outline.cardsIn(PROBLEM)).toHaveCount(4);
  const ids = await Promise.all(texts.map((t) => idOf(alice, t)));

  await alice.page.getByRole('button', { name: 'Start workshop' }).click();
  await alice.page.getByRole('button', { name: 'Start vote' }).click();
  const { page, outline } = bob;
  const left = page.getByTestId('outline-votes-left');
  await expect(left).toHaveText('Dot voting: 3 of 3 votes left');

  await outline.tabTo('Vote for “Vote A”', { back: true });
  const toggleA = outline.root.locator(`[data-card-id="${ids[0]}"] [data-control="vote"]`);
  await expect(toggleA).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Enter');
  await expect(toggleA).toHaveAttribute('aria-pressed', 'true');
  await expect(toggleA).toHaveAccessibleName('Remove vote from “Vote A”');
  await expect(toggleA).toBeFocused();
  await expect(left).toHaveText('Dot voting: 2 of 3 votes left');
  await expect(outline.announcement).toHaveText('Voted for “Vote A”. 2 votes left');
  // Pressed again: the vote is taken back.
  await page.keyboard.press('Space');
  await expect(toggleA).toHaveAttribute('aria-pressed', 'false');
  await expect(left).toHaveText('Dot voting: 3 of 3 votes left');
  await page.keyboard.press('Enter');
  await expect(left).toHaveText('Dot voting: 2 of 3 votes left');

  for (const text of ['Vote B', 'Vote C']) {
    await outline.tabTo(`Vote for “${text}”`);
    const before = await left.textContent();
    await page.keyboard.press('Enter');
    await expect(left).not.toHaveText(before ?? '');
  }
  await expect(left).toHaveText('Dot voting: 0 of 3 votes left');
  await expect(alice.page.getByTestId('voters')).toHaveText('1 voted');
  // Secret until reveal.
  expect((await alice.element(ids[0] as string))?.votes ?? 0).toBe(0);

  // No votes left: the server says no, and the outline says why.
  await outline.tabTo('Vote for “Vote D”');
  await page.keyboard.press('Enter');
  await expect(outline.root.getByRole('alert')).toHaveText('no votes left');
  await expect(outline.root.locator(`[data-card-id="${ids[3]}"] [data-control="vote"]`)).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  await alice.page.getByRole('button', { name: 'Reveal votes' }).click();
  for (const who of [alice, bob]) {
    for (const [i, id] of ids.entries()) {
      await expect.poll(async () => (await who.element(id))?.votes).toBe(i < 3 ? 1 : 0);
    }
  }
  await expect(outline.root.getByRole('textbox', { name: 'Card: Vote A, 1 vote' })).toBeVisible();
  await expect(outline.root.locator(`[data-card-id="${ids[3]}"] [data-testid="outline-votes"]`)).toHaveText(
    '0 votes',
  );
  // Nothing left to vote on: the toggles are gone.
  await expect(outline.root.locator('[data-control="vote"]')).toHaveCount(0);
});
