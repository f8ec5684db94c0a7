import { RotatedToken } from '@truenorth/shared';
import { eventually, expect, test } from './fixtures.js';
import { BoardPage } from './pages/board-page.js';

test('a link with a bad token shows a clear error page, not a blank screen', async ({ board, page }) => {
  await new BoardPage(page).goto(`/b/${board.id}?token=not-a-real-token`);
  const error = page.getByTestId('error-page');
  await expect(error).toBeVisible();
  await expect(error.getByRole('heading')).toHaveText('This link is no longer valid');
  await expect(error).toContainText('Ask them for a fresh one');
  // The code in the one form the API defines (shared ErrorCode), as when a socket is refused.
  await expect(error.getByTestId('error-code')).toHaveText('Code: UNAUTHORIZED');
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
  // Cut off while on the board: told the link was replaced (the close's reason says so).
  await expect(error.getByRole('heading')).toHaveText('The facilitator replaced this link');
  // Closed by the socket: the same code, in the same form, as the HTTP refusal after a reload.
  await expect(error.getByTestId('error-code')).toHaveText('Code: UNAUTHORIZED');

  // Reloaded, the server can only say the token is not valid.
  await bob.page.reload();
  await expect(error.getByRole('heading')).toHaveText('This link is no longer valid');
  await expect(error.getByTestId('error-code')).toHaveText('Code: UNAUTHORIZED');

  // The new link works.
  await bob.open(rotated.link, 'Bob Baker');
  await expect(bob.status).toHaveText('saved');
});

test('a link replaced while the participant was offline: back online, the error page, and the note written offline reaches the board through the new link', async ({
  board,
  baseURL,
  openAs,
}) => {
  const fay = await openAs(board.links.facilitator, 'Fay');
  const ben = await openAs(board.links.participant, 'Ben');
  await ben.page.context().setOffline(true);
  await ben.page.evaluate(() => window.__truenorth?.provider.disconnect());
  await ben.addSticky('Written in the tunnel');
  await expect(ben.status).toHaveText('offline');

  const res = await fetch(`${baseURL}/api/boards/${board.id}/tokens/participant/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${board.tokens.facilitator}` },
  });
  const rotated = RotatedToken.parse(await res.json());

  // Back online, his reconnects are refused at the upgrade: he is told, not left "offline".
  await ben.page.context().setOffline(false);
  await ben.page.evaluate(() => window.__truenorth?.provider.connect());
  const error = ben.page.getByTestId('error-page');
  await expect(error.getByRole('heading')).toHaveText('This link is no longer valid', { timeout: 20_000 });
  await expect(ben.page.getByTestId('error-unsaved')).toBeVisible();
  await expect(error.getByTestId('error-code')).toHaveText('Code: UNAUTHORIZED');

  // The new link, in the same browser, sends what he wrote.
  await ben.open(rotated.link, 'Ben');
  await expect(ben.status).toHaveText('saved');
  await eventually(() => fay.stickyTexts()).toContain('Written in the tunnel');
});

test('a facilitator on another device replaces the participant link from Share: the old one is cut off, the new one works', async ({
  board,
  openAs,
}) => {
  // Both opened from their links: neither browser created the board, so none knows every link.
  const fran = await openAs(board.links.facilitator, 'Fran Fields');
  const bob = await openAs(board.links.participant, 'Bob Baker');
  await fran.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);

  await fran.page.getByRole('button', { name: 'Share links' }).click();
  const share = fran.page.getByRole('dialog', { name: 'Share links' });
  const participant = share.getByTestId('share-participant');
  await expect(participant).toContainText('Link shown where the board was created');
  await expect(participant.getByRole('button', { name: 'Copy link for participants' })).toHaveCount(0);
  // The facilitator's own link is known (it is this page's).
  await expect(share.getByRole('button', { name: 'Copy link for facilitators' })).toBeVisible();

  // Asked first; "Keep" changes nothing.
  await participant.getByRole('button', { name: 'New link for participants' }).click();
  await expect(participant).toContainText('Everyone on the current participant link is disconnected');
  await participant.getByRole('button', { name: 'Keep' }).click();
  await expect(bob.status).toHaveText('saved');

  await participant.getByRole('button', { name: 'New link for participants' }).click();
  await participant.getByRole('button', { name: 'Replace link' }).click();
  const error = bob.page.getByTestId('error-page');
  await expect(error.getByRole('heading')).toHaveText('The facilitator replaced this link');

  const copy = participant.getByRole('button', { name: 'Copy link for participants' });
  await copy.click();
  await expect(participant.getByRole('button', { name: 'Copied the link for participants' })).toHaveText(
    /^Copied/,
  );
  const link = await fran.page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`/b/${board.id}\\?token=`));
  expect(link).not.toContain(board.tokens.participant);
  // Remembered on this browser: after a reload the new link is still there to copy.
  await fran.page.reload();
  await expect(fran.board).toBeVisible();
  const toggle = fran.page.getByRole('button', { name: 'Share links' });
  await toggle.click();
  await expect(share.getByRole('button', { name: 'Copy link for participants' })).toBeVisible();
  // The popover closes as popovers do: Escape (focus back on its button), or a click elsewhere.
  await share.getByRole('button', { name: 'Copy link for participants' }).focus();
  await fran.page.keyboard.press('Escape');
  await expect(share).toBeHidden();
  await expect(toggle).toBeFocused();
  await toggle.click();
  await expect(share).toBeVisible();
  const away = await fran.canvasPoint(0.5, 0.8);
  await fran.page.mouse.click(away.x, away.y);
  await expect(share).toBeHidden();

  await bob.open(link, 'Bob Baker');
  await expect(bob.status).toHaveText('saved');
});
