import { eventually, expect, test } from './fixtures.js';

/**
 * A note made and left empty does not stay on the board: not for whoever made it, not for anyone
 * watching, and not in the undo history.
 */
test('a sticky made and left empty goes for everyone, and Ctrl+Z then undoes what came before', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.participant, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');
  const kept = await alice.addStickyAt(await alice.canvasPoint(0.3, 0.3), 'Keep me');
  await eventually(() => bob.stickyTexts()).toEqual(['Keep me']);
  // Alice's last action before the empty notes: moving her card.
  const before = await alice.element(kept);
  await alice.drag(kept, await alice.canvasPoint(0.45, 0.3));
  await eventually(async () => (await bob.element(kept))?.x).not.toBe(before?.x);
  const moved = await alice.element(kept);

  // A double click on empty canvas, Escape with nothing typed.
  await alice.page.mouse.dblclick(...xy(await alice.canvasPoint(0.6, 0.7)));
  await expect(alice.editor).toBeVisible();
  await eventually(() => bob.stickyTexts()).toEqual(['', 'Keep me']);
  await alice.closeEditor();
  await eventually(() => bob.stickyTexts()).toEqual(['Keep me']);
  expect(await alice.stickyTexts()).toEqual(['Keep me']);

  // The sticky tool (N), a few spaces typed, then a click elsewhere on the canvas.
  await alice.page.mouse.move(...xy(await alice.canvasPoint(0.7, 0.4)));
  await alice.page.keyboard.press('n');
  await expect(alice.editor).toBeVisible();
  await alice.page.keyboard.type('   ');
  await eventually(() => bob.stickyTexts()).toEqual(['   ', 'Keep me']);
  await alice.page.mouse.click(...xy(await alice.canvasPoint(0.15, 0.85)));
  await expect(alice.editor).toBeHidden();
  await eventually(() => bob.stickyTexts()).toEqual(['Keep me']);

  // Undo takes back the move, not the empty notes' creation.
  await alice.shortcut('Control+z');
  for (const p of [alice, bob]) {
    await eventually(async () => (await p.element(kept))?.x).toBe(before?.x);
    expect(await p.stickyTexts()).toEqual(['Keep me']);
  }
  // Redo brings the move back, and nothing else.
  await alice.shortcut('Control+Shift+z');
  await eventually(async () => (await bob.element(kept))?.x).toBe(moved?.x);
  expect(await bob.stickyTexts()).toEqual(['Keep me']);
  await expect(alice.status).toHaveText('saved');
});

test('a new sticky someone else wrote in, and a card emptied by editing, stay', async ({ board, openAs }) => {
  const alice = await openAs(board.links.participant, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');

  // Alice opens a new note; Bob writes in it before she closes it.
  const ids = new Set(await alice.stickyIds());
  await alice.page.mouse.dblclick(...xy(await alice.canvasPoint(0.3, 0.3)));
  await expect(alice.editor).toBeVisible();
  let id = '';
  await eventually(async () => {
    id = (await bob.stickyIds()).find((s) => !ids.has(s)) ?? '';
    return id;
  }).not.toBe('');
  await bob.editSticky(id, 'Bob was here');
  await expect(alice.editor).toHaveValue('Bob was here');
  await alice.closeEditor();
  await eventually(() => bob.stickyTexts()).toEqual(['Bob was here']);

  // A card that had text, emptied by its author, is an edit she made: it stays, empty.
  const card = await alice.addStickyAt(await alice.canvasPoint(0.6, 0.6), 'Soon empty');
  await alice.editSticky(card, '');
  await eventually(async () => (await bob.element(card))?.text).toBe('');
  expect(await alice.stickyTexts()).toEqual(['', 'Bob was here']);
});

test('a text made with the text tool starts with its placeholder selected: typing replaces it', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.participant, 'Alice');
  await alice.page.mouse.move(...xy(await alice.canvasPoint(0.5, 0.5)));
  await alice.page.keyboard.press('t');
  const field = alice.page.getByRole('textbox', { name: 'Text', exact: true });
  await expect(field).toBeFocused();
  await alice.page.keyboard.type('Goals for Q3');
  await alice.page.keyboard.press('Escape');
  await eventually(async () =>
    (await alice.elements()).filter((e) => e.type === 'text').map((e) => e.text),
  ).toEqual(['Goals for Q3']);
});

const xy = (p: { x: number; y: number }) => [p.x, p.y] as const;
