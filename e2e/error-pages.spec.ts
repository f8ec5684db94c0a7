import { RotatedToken } from '@truenorth/shared';
import { expect, test } from './fixtures.js';
import { BoardPage } from './pages/board-page.js';

test('a link with a bad token shows a clear error page, not a blank screen', async ({ board, page }) => {
  await new BoardPage(page).goto(`/b/${board.id}?token=not-a-real-token`);
  const error = page.getByTestId('error-page');
  await expect(error).toBeVisible();
  await expect(error.getByRole('heading')).toHaveText('This link is no longer valid');
  await expect(error).toContainText('Ask them for a fresh one');
  await expect(error.getByRole('link', { name: 'Go to start page' })).toBeVisible();
  await expect(page.getByTestId('board')).toHaveCount(0);
});

test('a link without a token, and a board that does not exist, explain themselves', async ({
  board,
  page,
}) => {
  const app = new BoardPage(page);
  await app.goto(`/b/${board.id}`);
  await expect(page.getByTestId('error-page').getByRole('heading')).toHaveText('This link is incomplete');

  await app.goto(`/b/nosuchboard123?token=${board.tokens.participant}`);
  await expect(page.getByTestId('error-page').getByRole('heading')).toHaveText(
    /^(Board not found|This link is no longer valid)$/,
  );
});

test('rotating a token closes an open board with the error page, and the old link stays dead', async ({
  board,
  baseURL,
  openAs,
}) => {
  const bob = await openAs(board.links.participant, 'Bob Baker');
  const res = await fetch(`${baseURL}/api/boards/${board.id}/tokens/participant/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${board.tokens.facilitator}` },
  });
  expect(res.status).toBe(200);
  const rotated = RotatedToken.parse(await res.json());

  const error = bob.page.getByTestId('error-page');
  await expect(error).toBeVisible();
  await expect(error.getByRole('heading')).toHaveText('This link is no longer valid');

  await bob.page.reload();
  await expect(error.getByRole('heading')).toHaveText('This link is no longer valid');

  // The new link works.
  await bob.open(rotated.link, 'Bob Baker');
  await expect(bob.status).toHaveText('saved');
});
