/**
 * Private brainstorming in the outline: a private note is moved to another box with the same
 * "Move to" control as a card of the board, with the keyboard alone — it goes inside that box on
 * the writer's canvas (as if dragged there), stays private, and once revealed it is a member of
 * that box for everyone, listed under it in their outline.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { leanCanvasCell } from './lib/canvas-boxes.js';

const SOLUTION = 'Lean Canvas › Solution';
const PROBLEM = 'Lean Canvas › Problem';

test('a private note moved to a box from the outline, with the keyboard, joins that box when revealed', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'lean-canvas', title: 'Lean canvas' });
  const fay = await openAs(board.links.facilitator, 'Fay');
  const ann = await openAs(board.links.participant, 'Ann');
  const ben = await openAs(board.links.participant, 'Ben');
  await fay.page.getByTestId('private-toggle').click();
  await expect(ann.page.getByTestId('private-banner')).toBeVisible();

  // Written from the outline in the Solution box: private, listed first, and says which box it is in.
  const { page, outline } = ann;
  await outline.openWithKeyboard();
  await outline.tabTo(`New card in ${SOLUTION}`);
  await page.keyboard.type('Teams misalign on goals');
  await page.keyboard.press('Enter');
  await expect(outline.announcement).toContainText('listed under Your private notes');
  const mine = outline.root.getByRole('region', { name: /Your private notes/ });
  const note = mine
    .getByRole('listitem')
    .filter({ has: page.getByRole('textbox', { name: /Teams misalign/ }) });
  await expect(note.getByTestId('outline-private-where')).toHaveText(`in ${SOLUTION}`);

  // Its "Move to" control, reached and used with the keyboard: the arrows choose, Enter moves.
  await outline.tabTo('Move “Teams misalign on goals” to', { back: true });
  const select = mine.getByRole('combobox', { name: 'Move “Teams misalign on goals” to' });
  await expect(select).toHaveAccessibleDescription('Press Enter to move');
  const { grid, cellId, rect } = await leanCanvasCell(ann, 'Problem');
  const problemKey = `${grid.id}|${cellId}`;
  const { selected, values } = await select.evaluate((s: HTMLSelectElement) => ({
    selected: s.selectedIndex,
    values: [...s.options].map((o) => o.value),
  }));
  expect(values[selected]).not.toBe(problemKey);
  const steps = values.indexOf(problemKey) - selected;
  expect(values.indexOf(problemKey)).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
  await expect(select).toHaveValue(problemKey);
  await expect(page.getByTestId('outline-move-pending')).toHaveText('Press Enter to move');
  if (process.env.UI_SHOTS)
    await page.screenshot({ path: `${process.env.UI_SHOTS}/outline-private-move.png` });
  await page.keyboard.press('Enter');

  await expect(outline.announcement).toContainText(
    `Moved private note “Teams misalign on goals” to ${PROBLEM}`,
  );
  // The keyboard user keeps their place, and the note now says it is in Problem.
  await eventually(() => outline.focusedName()).toBe('Move “Teams misalign on goals” to');
  await expect(select).toHaveValue(problemKey);
  await expect(note.getByTestId('outline-private-where')).toHaveText(`in ${PROBLEM}`);
  if (process.env.UI_SHOTS)
    await page.screenshot({ path: `${process.env.UI_SHOTS}/outline-private-moved.png` });
  // On Ann's canvas the note now sits wholly inside the Problem box (world units).
  const at = await page.getByTestId('draft-note').evaluate((el: HTMLElement) => ({
    x: el.offsetLeft,
    y: el.offsetTop,
    w: el.offsetWidth,
    h: el.offsetHeight,
  }));
  expect(at.x).toBeGreaterThanOrEqual(rect.x);
  expect(at.y).toBeGreaterThanOrEqual(rect.y);
  expect(at.x + at.w).toBeLessThanOrEqual(rect.x + rect.w);
  expect(at.y + at.h).toBeLessThanOrEqual(rect.y + rect.h);

  // Still private: on nobody's board, in nobody else's outline.
  for (const who of [fay, ann, ben])
    expect((await who.elements()).some((e) => e.text === 'Teams misalign on goals')).toBe(false);
  await ben.outline.openWithKeyboard();
  await expect(ben.outline.root).not.toContainText('Teams misalign');

  // Revealed: a member of the Problem box for Ben, and listed under it in his outline.
  await fay.page.getByTestId('private-toggle').click();
  await eventually(async () => {
    const card = (await ben.elements()).find((e) => e.text === 'Teams misalign on goals');
    return card ? { parent: card.parent, slot: card.slot } : null;
  }).toEqual({ parent: grid.id, slot: cellId });
  await expect(ben.outline.cardsIn(PROBLEM)).toHaveValue('Teams misalign on goals');
  await expect(mine).toHaveCount(0);
  await expect(outline.cardsIn(PROBLEM)).toHaveValue('Teams misalign on goals');
});
