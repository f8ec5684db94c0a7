/**
 * Private brainstorming in the outline: a participant's own private notes are listed there, first,
 * marked as seen by nobody else until the reveal, and can be reread, edited and deleted — a
 * screen-reader user could not reread what they wrote before. Other people's are never listed
 * (never sent). After the reveal they are cards of the board like any other.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';

test('the outline lists your own private notes, marked private, editable, until the reveal', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fay = await openAs(board.links.facilitator, 'Fay');
  const ann = await openAs(board.links.participant, 'Ann');
  const ben = await openAs(board.links.participant, 'Ben');
  await fay.page.getByTestId('private-toggle').click();
  await expect(ann.page.getByTestId('private-banner')).toBeVisible();

  // One written on the canvas…
  await ann.page.getByTestId('tool-sticky').click();
  const field = ann.page.getByTestId('draft-text').last();
  await expect(field).toBeFocused();
  await field.pressSequentially('Secret idea', { delay: 10 });
  await field.press('Escape');

  // …is listed in the outline, first, under what says it is private.
  await ann.outline.openWithKeyboard();
  const mine = ann.outline.root.getByRole('region', { name: /Your private notes/ });
  await expect(mine).toBeVisible();
  const note = mine.getByRole('textbox', { name: /^Private note: Secret idea/ });
  await expect(note).toHaveValue('Secret idea');
  await expect(note).toHaveAccessibleName(
    'Private note: Secret idea (only you can see this until the facilitator reveals it)',
  );
  await expect(note).toHaveAccessibleDescription(/Only you can see these until the facilitator reveals them/);
  if (process.env.UI_SHOTS)
    await ann.page.screenshot({ path: `${process.env.UI_SHOTS}/outline-private.png` });

  // Edited here, it changes on the canvas (and still on no board).
  await note.click();
  await note.press('End');
  await note.pressSequentially(' for Q3', { delay: 10 });
  await expect(ann.page.getByTestId('draft-text')).toHaveValue('Secret idea for Q3');
  expect(await ann.stickyTexts()).not.toContain('Secret idea for Q3');

  // One added from the outline is listed there too, and the announcement says where.
  await ann.outline.tabTo('New card in Card Sorting, in the frame');
  await ann.page.keyboard.type('Another thought');
  await ann.page.keyboard.press('Enter');
  await expect(ann.outline.announcement).toContainText('listed under Your private notes');
  await expect(mine.getByRole('textbox')).toHaveCount(2);
  await expect(mine.getByRole('textbox', { name: /^Private note: Another thought/ })).toBeVisible();

  // Deleted from the outline, it is gone from the canvas as well.
  await mine.getByRole('button', { name: 'Delete private note “Another thought”' }).click();
  await expect(mine.getByRole('textbox')).toHaveCount(1);
  await expect(ann.page.getByTestId('draft-note')).toHaveCount(1);

  // Ben's outline lists none of Ann's notes, and has no private notes of his own to list.
  await ben.outline.openWithKeyboard();
  await expect(ben.outline.root.getByRole('region', { name: /Your private notes/ })).toHaveCount(0);
  await expect(ben.outline.root).not.toContainText('Secret idea');

  // Revealed: a card of the board like any other, in both outlines; no private notes left.
  await fay.page.getByTestId('private-toggle').click();
  for (const who of [ann, ben]) {
    await eventually(() => who.outline.allCardTexts()).toContain('Secret idea for Q3');
    await expect(who.outline.root.getByRole('region', { name: /Your private notes/ })).toHaveCount(0);
  }
});
