/**
 * The server restarts (SIGTERM, as a deploy does) under two browsers: they are told, keep working,
 * and come back to a board that lost nothing.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { OwnServer } from './lib/server.js';

const server = new OwnServer(2);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

test('a restart under two browsers: they are told, write on, and lose nothing', async ({ openAs }) => {
  const board = await createBoard(server.url);
  const fran = await openAs(board.links.facilitator, 'Fran Facil');
  const pat = await openAs(board.links.participant, 'Pat Part');
  const olga = await openAs(board.links.observer, 'Olga Obs');
  await fran.addSticky('Before the restart');
  await eventually(() => pat.stickyTexts()).toEqual(['Before the restart']);

  // Stored and told to go away: a clean exit, with both browsers still connected.
  expect(await server.stop('SIGTERM')).toBe(0);
  for (const p of [fran, pat]) {
    const notice = p.page.getByTestId('connection-notice');
    await expect(notice).toHaveAttribute('data-close', 'goingAway');
    await expect(notice).toContainText('The server is restarting');
    await expect(p.status).toHaveText('offline');
  }
  // An observer is told too, without "changes you make are kept" (she can make none).
  const watching = olga.page.getByTestId('connection-notice');
  await expect(watching).toContainText('The server is restarting');
  await expect(watching).not.toContainText('kept in this browser');
  await expect(fran.page.getByTestId('connection-notice')).toContainText('kept in this browser');
  // Writing goes on while it is down.
  await pat.addSticky('Written while it was down');

  await server.start();
  for (const p of [fran, pat]) {
    await expect(p.status).toHaveText('saved', { timeout: 20_000 });
    await expect(p.page.getByTestId('connection-notice')).toBeHidden();
    await eventually(async () => (await p.stickyTexts()).sort()).toEqual([
      'Before the restart',
      'Written while it was down',
    ]);
  }
});

test('a server killed outright: the browser says it cannot reach the server (not that it is offline: it has a network), then saves again', async ({
  openAs,
}) => {
  const board = await createBoard(server.url);
  const fran = await openAs(board.links.facilitator, 'Fran Facil');
  await fran.addSticky('Before the crash');
  await expect(fran.status).toHaveText('saved');

  await server.stop('SIGKILL');
  const notice = fran.page.getByTestId('connection-notice');
  await expect(notice).toHaveAttribute('data-close', 'unreachable', { timeout: 15_000 });
  await expect(notice).toContainText('Cannot reach the server');
  // Not "offline", and not "your network is up": the browser has a network, nothing more is known.
  await expect(notice).toContainText('Truenorth keeps trying');
  await expect(notice).not.toContainText('network is up');
  const news = fran.page.getByTestId('status-announcement');
  await expect(news).toHaveText(
    'Lost the connection to the server. Your changes are kept in this browser and sent when it is back.',
  );
  await fran.addSticky('Written while it was gone');

  await server.start();
  await expect(fran.status).toHaveText('saved', { timeout: 20_000 });
  await expect(notice).toBeHidden();
  await expect(news).toHaveText('Connected again: everything is saved.');
  await eventually(async () => (await fran.stickyTexts()).sort()).toEqual([
    'Before the crash',
    'Written while it was gone',
  ]);
});
