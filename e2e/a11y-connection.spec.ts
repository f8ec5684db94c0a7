/**
 * A connection notice that sorts itself out (a full board: Truenorth keeps trying) is read out by
 * a screen reader from a live region already on the page. A second server with two people a board.
 */
import { createBoard, expect, test } from './fixtures.js';
import { OwnServer } from './lib/server.js';
import { BoardPage } from './pages/board-page.js';

const server = new OwnServer(1, { MAX_CLIENTS_PER_ROOM: '2' });
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

test('someone who cannot get into a full board hears why, from a region already on the page', async ({
  browser,
  openAs,
}) => {
  const board = await createBoard(server.url);
  await openAs(board.links.facilitator, 'Fran');
  await openAs(board.links.participant, 'Pat');

  const context = await browser.newContext();
  try {
    const cleo = new BoardPage(await context.newPage());
    await cleo.goto(board.links.participant);
    await cleo.page.getByTestId('display-name').fill('Cleo');
    await cleo.page.keyboard.press('Enter');
    const region = cleo.page.getByTestId('connection-announcement');
    await expect(region).toHaveRole('status');
    await expect(region).toContainText('This board is full.');
    await expect(region).toContainText('keeps trying');
    // Said once: the visible strip is not a second live region added with the same words.
    await expect(cleo.page.getByTestId('connection-notice')).toContainText('This board is full');
    await expect(cleo.page.getByTestId('connection-notice')).not.toHaveRole('status');
  } finally {
    await context.close();
  }
});
