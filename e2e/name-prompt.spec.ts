/**
 * The first visit's name prompt says what the link lets this person do: the facilitator who just
 * made the board is not told they are "joining" it like everyone else.
 */
import { expect, test } from './fixtures.js';
import { BoardPage } from './pages/board-page.js';

test('the name prompt says which role the link gives', async ({ board, browser }) => {
  for (const [role, said] of [
    ['facilitator', 'You are joining as the facilitator'],
    ['participant', 'You are joining as a participant'],
    ['observer', 'You are joining as an observer (view only)'],
  ] as const) {
    const context = await browser.newContext();
    try {
      const page = new BoardPage(await context.newPage());
      await page.goto(board.links[role]);
      await expect(page.page.getByTestId('display-name')).toBeVisible();
      await expect(page.page.getByTestId('joining-as')).toHaveText(said);
    } finally {
      await context.close();
    }
  }
});
