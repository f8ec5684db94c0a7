import { fileURLToPath } from 'node:url';
import { eventually, expect, test } from './fixtures.js';
import type { BoardPage } from './pages/board-page.js';

/** Every browser's document holds exactly these sticky texts. */
async function expectStickies(pages: BoardPage[], texts: string[]) {
  for (const p of pages) await eventually(() => p.stickyTexts()).toEqual([...texts].sort());
}

test('three people create and edit stickies at the same time and everyone sees all of them', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');
  const carol = await openAs(board.links.participant, 'Carol Chen');
  const everyone = [alice, bob, carol];

  // A first note, so every view has fitted to the content before the rush (a view fits once).
  await alice.addSticky('Kick-off');
  await expectStickies(everyone, ['Kick-off']);

  // All three at once: toolbar, double-click on empty canvas, and the N shortcut.
  const bobSpot = await bob.canvasPoint(0.15, 0.2);
  const carolSpot = await carol.canvasPoint(0.85, 0.75);
  const [, bobId, carolId] = await Promise.all([
    alice.addSticky('Remote teams lose context'),
    bob.addStickyAt(bobSpot, 'Decisions live in chat'),
    carol.addStickyWithKey(carolSpot, 'Nobody owns the roadmap'),
  ]);
  const texts = [
    'Kick-off',
    'Remote teams lose context',
    'Decisions live in chat',
    'Nobody owns the roadmap',
  ];
  await expectStickies(everyone, texts);

  // Each edits someone else's note, at the same time.
  await Promise.all([
    carol.editSticky(bobId, ' (and in email)', { append: true }),
    alice.editSticky(carolId, 'Product owns the roadmap'),
  ]);
  const edited = [
    'Kick-off',
    'Remote teams lose context',
    'Decisions live in chat (and in email)',
    'Product owns the roadmap',
  ];
  await expectStickies(everyone, edited);

  // On screen too: the outline lists the same cards, and every note carries its author.
  await bob.shortcut('o');
  await expect(bob.outline.root).toBeVisible();
  await eventually(() => bob.outline.allCardTexts()).toEqual([...edited].sort());
  const authors = (await alice.elements()).filter((e) => e.type === 'sticky').map((e) => e.author);
  expect(authors.sort()).toEqual(['Alice Archer', 'Alice Archer', 'Bob Baker', 'Carol Chen']);
  for (const p of everyone) await expect(p.status).toHaveText('saved');
  // For people to look at: a plain board with a few notes, and the outline beside it.
  await bob.page.screenshot({
    path: fileURLToPath(new URL('../.tmp/e2e-screenshots/stickies.png', import.meta.url)),
  });
});

test('two people typing into the same sticky at once both keep every character, each word whole', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');

  const id = await alice.addSticky('Plan: ');
  await eventually(() => bob.stickyTexts()).toEqual(['Plan: ']);

  await alice.openEditor(id);
  await bob.openEditor(id);
  // Disjoint alphabets, so each person's keystrokes can be picked out of the merged text.
  const aliceTyped = 'ABCDEFGHIJ';
  const bobTyped = 'qrstuvwxyz';
  await Promise.all([
    alice.editor.pressSequentially(aliceTyped, { delay: 25 }),
    bob.editor.pressSequentially(bobTyped, { delay: 25 }),
  ]);

  const textOf = async (p: BoardPage) => (await p.element(id))?.text ?? '';
  await eventually(async () => (await textOf(alice)).length).toBe('Plan: '.length + 20);
  await eventually(() => textOf(bob)).toBe(await textOf(alice));
  const merged = await textOf(alice);
  expect(merged.startsWith('Plan: ')).toBe(true);
  const rest = merged.slice('Plan: '.length);
  expect(rest.replace(/[a-z]/g, '')).toBe(aliceTyped);
  expect(rest.replace(/[A-Z]/g, '')).toBe(bobTyped);
  // Typed at the same spot, keystroke for keystroke: each one's caret stays after their own
  // letters, so the two runs are not shuffled together ("AqBrCs…").
  expect([aliceTyped + bobTyped, bobTyped + aliceTyped]).toContain(rest);

  // Both open editors show the merged text, not just their own typing.
  await expect(alice.editor).toHaveValue(merged);
  await expect(bob.editor).toHaveValue(merged);
  await alice.closeEditor();
  await bob.closeEditor();
  await eventually(() => textOf(bob)).toBe(merged);
});
