/**
 * What a user sees when the relay's limits close their connection. A second server, as `npm start`
 * runs it, with small limits: two people per board, boards of at most 3,000 bytes.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { OwnServer } from './lib/server.js';
import { BoardPage } from './pages/board-page.js';

const server = new OwnServer(1, { MAX_CLIENTS_PER_ROOM: '2', MAX_DOC_BYTES: '3000' });
const LIMITED = server.url;
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

/** Opens a link that the relay will not let in yet: the page loads, the first sync never comes. */
async function openRefused(page: BoardPage, link: string, name: string) {
  await page.goto(link);
  await page.page.getByTestId('display-name').fill(name);
  await page.page.getByTestId('display-name').press('Enter');
  await expect(page.board).toBeVisible();
}

test('a full board says so, and lets the next person in when someone leaves', async ({ browser, openAs }) => {
  const board = await createBoard(LIMITED);
  const fran = await openAs(board.links.facilitator, 'Fran Facil');
  await fran.addSticky('Welcome');
  const pat = await openAs(board.links.participant, 'Pat Part');
  await eventually(() => pat.stickyTexts()).toEqual(['Welcome']);

  const context = await browser.newContext();
  try {
    const cleo = new BoardPage(await context.newPage());
    await openRefused(cleo, board.links.participant, 'Cleo Late');
    const notice = cleo.page.getByTestId('connection-notice');
    await expect(notice).toHaveAttribute('data-close', 'roomFull');
    await expect(notice).toContainText('This board is full');
    await expect(cleo.status).toHaveText('offline');
    expect(await cleo.stickyTexts()).toEqual([]);

    // Fran leaves: Cleo's next try gets in, with the board, and the notice goes.
    await fran.page.context().close();
    await expect(cleo.status).toHaveText('saved', { timeout: 20_000 });
    await expect(notice).toBeHidden();
    await eventually(() => cleo.stickyTexts()).toEqual(['Welcome']);
  } finally {
    await context.close();
  }
});

test('a change past the size limit is not saved and says why; it is saved once there is room, or discarded', async ({
  openAs,
}) => {
  const board = await createBoard(LIMITED);
  const fran = await openAs(board.links.facilitator, 'Fran Facil');
  const pat = await openAs(board.links.participant, 'Pat Part');
  /** Pastes `text` at the end of a note, as one change. */
  const paste = async (p: BoardPage, id: string, text: string) => {
    await p.openEditor(id);
    await p.editor.press('End');
    await p.page.keyboard.insertText(text);
    await p.closeEditor();
  };
  const short = await fran.addSticky('Short');
  const draft = await pat.addSticky('Draft');
  await paste(pat, draft, ' notes'.repeat(250));
  await eventually(() => fran.stickyTexts()).toHaveLength(2);
  await expect(fran.status).toHaveText('saved');
  await expect(pat.status).toHaveText('saved');

  // 1,530 characters pasted into Fran's note: more than the board has room for.
  await paste(fran, short, ' and more'.repeat(170));
  const notice = fran.page.getByTestId('connection-notice');
  await expect(notice).toHaveAttribute('data-close', 'docTooLarge');
  await expect(notice).toContainText('not saved');
  await expect(fran.status).not.toHaveText('saved');
  // Nobody else got it; the relay kept the board as it was.
  expect(await pat.stickyTexts()).toContain('Short');

  // Pat deletes the draft: there is room now, and Fran's note is saved on her next try.
  const at = await pat.screenPoint(draft);
  await pat.page.mouse.click(at.x, at.y);
  await pat.shortcut('Delete');
  await expect(fran.status).toHaveText('saved', { timeout: 20_000 });
  await expect(notice).toBeHidden();
  await eventually(async () => (await pat.stickyTexts()).map((t) => t.length)).toEqual([5 + 9 * 170]);

  // Far too much: no deleting makes room. Fran discards it and goes on with the board as saved.
  await paste(fran, short, ' and long'.repeat(450));
  await expect(notice).toHaveAttribute('data-close', 'docTooLarge');
  await notice.getByRole('button', { name: 'Discard my unsaved changes…' }).click();
  const reloaded = fran.page.waitForEvent('load');
  await notice.getByRole('button', { name: 'Discard', exact: true }).click();
  await reloaded;
  await expect(fran.board).toBeVisible();
  await fran.waitSynced();
  await expect(fran.status).toHaveText('saved');
  await expect(notice).toBeHidden();
  await eventually(async () => (await fran.stickyTexts()).map((t) => t.length)).toEqual([5 + 9 * 170]);
  // And she can still write.
  await fran.addSticky('Still room');
  await eventually(() => pat.stickyTexts()).toContain('Still room');
});
