/**
 * The Worst Solution: a worst idea is flipped from the selection bar into its "do instead" card —
 * a new card in the grid's other cell, linked by an arrow, written by whoever flipped it — and
 * everyone sees both. Flipping it again finds that card instead of making a second one; in a
 * private round there is no flip (the card would be public at once).
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { gridCell } from './lib/canvas-boxes.js';

test('a worst idea flips into a linked "do instead" card that everyone sees', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant');
  await pat.page.getByTestId('run-sheet').getByRole('button', { name: 'The Worst Solution' }).click();

  const worstCell = await gridCell(pat, 'Worst ideas → do instead', 'Worst ideas');
  const at = await pat.pagePoint({ x: worstCell.rect.x + 150, y: worstCell.rect.y + 200 });
  const worst = await pat.addStickyAt(at, 'Ship without talking to users');
  await expect.poll(async () => (await pat.element(worst))?.slot).toBe('worst');

  // Selected, the worst idea offers the flip; the new card opens for writing.
  const onWorst = await pat.screenPoint(worst);
  await pat.page.mouse.click(onWorst.x, onWorst.y);
  // Parking belongs to card sorting: here it would carry the card off to another exercise.
  await expect(pat.page.getByTestId('sort-park')).toHaveCount(0);
  await pat.page.getByTestId('flip-worst').click();
  await expect(pat.editor).toBeVisible();
  await pat.editor.pressSequentially('Interview five users first', { delay: 10 });
  await pat.editor.press('Escape');

  for (const who of [pat, fran]) {
    await eventually(async () => {
      const els = await who.elements();
      const link = els.find((e) => e.type === 'connector' && e.from === worst && e.label === 'do instead');
      const card = els.find((e) => e.id === link?.to);
      return card && { text: card.text, slot: card.slot, color: card.color, author: card.author };
    }).toEqual({
      text: 'Interview five users first',
      slot: 'instead',
      color: 'green',
      author: 'Pat Participant',
    });
  }

  // The do-instead card stays selected, and it is no worst idea: nothing to flip.
  await expect(pat.page.getByTestId('selection-count')).toHaveText('1 selected');
  await expect(pat.page.getByTestId('flip-worst')).toHaveCount(0);
  // Flipping the worst idea again selects its card rather than making a second one.
  await pat.page.mouse.click(onWorst.x, onWorst.y);
  await pat.page.getByTestId('flip-worst').click();
  await expect(pat.page.getByTestId('flip-worst')).toHaveCount(0);
  await expect(pat.editor).toBeHidden();
  expect((await pat.elements()).filter((e) => e.type === 'connector')).toHaveLength(1);
  expect((await pat.stickyTexts()).filter((t) => t === 'Interview five users first')).toHaveLength(1);

  // In a private round a participant's new cards stay theirs until the reveal: no flip then.
  await pat.page.keyboard.press('Escape');
  await fran.page.getByRole('button', { name: 'Private brainstorming' }).click();
  await expect(pat.page.getByTestId('private-banner')).toBeVisible();
  await pat.page.mouse.click(onWorst.x, onWorst.y);
  await expect(pat.page.getByTestId('selection-count')).toHaveText('1 selected');
  await expect(pat.page.getByTestId('flip-worst')).toHaveCount(0);
});
