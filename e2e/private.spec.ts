import type { Page } from '@playwright/test';
import { createBoard, eventually, expect, test } from './fixtures.js';
import { box, leanCanvasCell, scaleOf } from './lib/canvas-boxes.js';
import { BoardPage } from './pages/board-page.js';
import { OutlinePanel } from './pages/outline-panel.js';

/** Writes a private note the way a participant does: the sticky tool, then typing in it. */
async function addPrivateNote(who: BoardPage, text: string): Promise<void> {
  const notes = who.page.getByTestId('draft-note');
  const before = await notes.count();
  await who.page.getByTestId('tool-sticky').click();
  await expect(notes).toHaveCount(before + 1);
  const field = who.page.getByTestId('draft-text').last();
  await expect(field).toBeFocused();
  await field.pressSequentially(text, { delay: 10 });
  await field.press('Escape');
}

async function docTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const els = window.__truenorth?.doc.getMap('elements');
    if (!els) return [];
    return [...els.values()].map((v) => String((v as { get(k: string): unknown }).get('text') ?? ''));
  });
}

async function serverTexts(baseURL: string, boardId: string, token: string): Promise<string[]> {
  const res = await fetch(`${baseURL}/api/boards/${boardId}/export.json`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { cards: { text: string }[] };
  return body.cards.map((c) => c.text);
}

test('private notes are not sent to anyone until the facilitator reveals them', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fac = await openAs(board.links.facilitator, 'Fay');
  const ann = await openAs(board.links.participant, 'Ann');
  const ben = await openAs(board.links.participant, 'Ben');

  await fac.page.getByTestId('private-toggle').click();
  await expect(ann.page.getByTestId('private-banner')).toBeVisible();
  await expect(ben.page.getByTestId('private-banner')).toBeVisible();
  // The facilitator is told, where they look, that their own notes are not private.
  await expect(fac.page.getByTestId('private-banner')).toContainText(
    'participants’ notes stay hidden until you reveal them · your notes are public',
  );
  await expect(fac.page.getByTestId('private-hint')).toHaveText(
    'Participants’ new notes are hidden until you reveal them. Yours are not: everyone sees them as you write.',
  );
  await expect(fac.page.getByTestId('private-toggle')).toHaveAccessibleDescription(/Yours are not/);
  await expect(ann.page.getByTestId('private-banner')).not.toContainText('public');
  if (process.env.PRIVATE_SHOTS)
    await fac.page.screenshot({ path: `${process.env.PRIVATE_SHOTS}/private-facilitator.png` });

  await addPrivateNote(ann, 'Secret idea');
  await expect(ann.page.getByTestId('draft-note')).toContainText('Private');
  // The facilitator's notes stay public, and travel: the connections are live.
  await fac.addSticky('Public idea');
  await eventually(() => docTexts(ann.page)).toContain('Public idea');

  // Hidden means not sent: in no document, not even the writer's own board copy, nor the server's.
  for (const who of [fac, ann, ben]) expect(await docTexts(who.page)).not.toContain('Secret idea');
  const onServer = await serverTexts(baseURL as string, board.id, board.tokens.facilitator);
  expect(onServer).toContain('Public idea');
  expect(onServer).not.toContain('Secret idea');

  await fac.page.getByTestId('private-toggle').click();
  for (const who of [fac, ann, ben]) await eventually(() => docTexts(who.page)).toContain('Secret idea');
  await expect(ann.page.getByTestId('draft-note')).toHaveCount(0);
  await expect(ben.page.getByTestId('private-banner')).toBeHidden();
  await expect(fac.page.getByTestId('private-hint')).toHaveCount(0);
  const published = (await ben.elements()).find((e) => e.text === 'Secret idea');
  expect(published).toMatchObject({ type: 'sticky', author: 'Ann' });
  await eventually(() => serverTexts(baseURL as string, board.id, board.tokens.facilitator)).toContain(
    'Secret idea',
  );
});

test('a closed laptop keeps its private notes and publishes them after the reveal', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fac = await openAs(board.links.facilitator, 'Fay');
  const cal = await openAs(board.links.participant, 'Cal');

  await fac.page.getByTestId('private-toggle').click();
  await expect(cal.page.getByTestId('private-banner')).toBeVisible();
  await addPrivateNote(cal, 'Written offline');
  // The drafts are written to IndexedDB asynchronously: let it settle, then close the tab.
  await cal.page.waitForTimeout(300);
  const context = cal.page.context();
  await cal.page.close();
  // Closed means gone from the board: the page's connection has ended (a closing page can still
  // take a message for a few milliseconds, and the reveal would then publish its notes at once).
  await expect(fac.page.getByTestId('avatars')).toHaveAttribute('aria-label', '1 person here');

  await fac.page.getByTestId('private-toggle').click();
  await expect(fac.page.getByTestId('private-toggle')).toHaveText('Private brainstorming');
  expect(await docTexts(fac.page)).not.toContain('Written offline');

  const back = new BoardPage(await context.newPage());
  await back.open(board.links.participant, 'Cal');
  for (const who of [fac, back]) await eventually(() => docTexts(who.page)).toContain('Written offline');
  await expect(back.page.getByTestId('draft-note')).toHaveCount(0);
});

test('a private note dragged into a box before the reveal joins that box when revealed', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'lean-canvas', title: 'Lean canvas' });
  const fac = await openAs(board.links.facilitator, 'Fay');
  const ann = await openAs(board.links.participant, 'Ann');
  await fac.page.getByTestId('private-toggle').click();
  await expect(ann.page.getByTestId('private-banner')).toBeVisible();
  await addPrivateNote(ann, 'Teams misalign on goals');

  // Drag the note by its "Private" bar so that its centre lands in the Problem box.
  const { grid, cellId, rect } = await leanCanvasCell(ann, 'Problem');
  const note = ann.page.getByTestId('draft-note');
  const handle = ann.page.getByTestId('draft-handle');
  const n = await box(note);
  const h = await box(handle);
  const grab = { x: h.x + 12, y: h.y + h.height / 2 };
  const centre = await ann.pagePoint({ x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 });
  const to = { x: centre.x - (n.x + n.width / 2 - grab.x), y: centre.y - (n.y + n.height / 2 - grab.y) };
  await ann.dragBetween(grab, to);
  const dropped = await box(note);
  expect(Math.abs(dropped.x + dropped.width / 2 - centre.x)).toBeLessThan(4);

  // The arrow keys move it too (20 board units a press), still inside the box.
  await ann.page.getByRole('button', { name: /Private note: drag to move/ }).focus();
  await ann.page.keyboard.press('ArrowDown');
  const scale = await scaleOf(ann);
  await eventually(async () => (await box(note)).y - dropped.y).toBeCloseTo(20 * scale, 0);
  // Still private: nobody's document has it.
  for (const who of [fac, ann]) {
    expect((await who.elements()).some((e) => e.text === 'Teams misalign on goals')).toBe(false);
  }

  await fac.page.getByTestId('private-toggle').click();
  const published = async () => (await fac.elements()).find((e) => e.text === 'Teams misalign on goals');
  await eventually(async () => {
    const e = await published();
    return { parent: e?.parent ?? null, slot: e?.slot ?? null };
  }).toEqual({ parent: grid.id, slot: cellId });
});

test('a page reloaded offline during private brainstorming still keeps new notes private', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fac = await openAs(board.links.facilitator, 'Fay');
  const ann = await openAs(board.links.participant, 'Ann');
  await fac.page.getByTestId('private-toggle').click();
  await expect(ann.page.getByTestId('private-banner')).toBeVisible();
  // The service worker has taken the page, so it reloads without the network.
  await ann.page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, {
    timeout: 15_000,
  });

  await ann.page.context().setOffline(true);
  await ann.page.evaluate(() => window.__truenorth?.provider.disconnect());
  await ann.page.reload();
  await expect(ann.board).toBeVisible();
  await expect(ann.status).toHaveText('offline');
  // The page remembers the round it last heard of: her new note is a private draft.
  await expect(ann.page.getByTestId('private-banner')).toBeVisible();
  await addPrivateNote(ann, 'Written on the train');
  await expect(ann.page.getByTestId('draft-note')).toContainText('Private');

  await ann.page.context().setOffline(false);
  await expect(ann.status).toHaveText('saved', { timeout: 20_000 });
  await fac.addSticky('After the tunnel');
  await eventually(() => docTexts(ann.page)).toContain('After the tunnel');
  for (const who of [fac, ann]) expect(await docTexts(who.page)).not.toContain('Written on the train');
  expect(await serverTexts(baseURL as string, board.id, board.tokens.facilitator)).not.toContain(
    'Written on the train',
  );

  await fac.page.getByTestId('private-toggle').click();
  await eventually(() => docTexts(fac.page)).toContain('Written on the train');
});

test('a card added from the outline during private brainstorming stays private until the reveal', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'card-sorting' });
  const fac = await openAs(board.links.facilitator, 'Fay');
  const ann = await openAs(board.links.participant, 'Ann');
  await fac.page.getByTestId('private-toggle').click();
  await expect(ann.page.getByTestId('private-banner')).toBeVisible();

  const outline = new OutlinePanel(ann.page);
  await outline.openWithKeyboard();
  const field = outline.root.getByRole('textbox', { name: /^New card in / }).first();
  await field.fill('Outline secret');
  await field.press('Enter');
  // Told where it went (a private note on the canvas), and not listed as a board card.
  await expect(outline.announcement).toContainText('“Outline secret” is a private note');
  await expect(ann.page.getByTestId('flash')).toContainText('private note until the facilitator reveals');
  await expect(ann.page.getByTestId('draft-note')).toHaveCount(1);
  await expect(field).toHaveValue('');

  // Hidden means not sent: not in anyone's board, nor the server's.
  await fac.addSticky('Public idea');
  await eventually(() => docTexts(ann.page)).toContain('Public idea');
  for (const who of [fac, ann]) expect(await docTexts(who.page)).not.toContain('Outline secret');
  expect(await serverTexts(baseURL as string, board.id, board.tokens.facilitator)).not.toContain(
    'Outline secret',
  );

  await fac.page.getByTestId('private-toggle').click();
  for (const who of [fac, ann]) await eventually(() => docTexts(who.page)).toContain('Outline secret');
  const published = (await fac.elements()).find((e) => e.text === 'Outline secret');
  expect(published).toMatchObject({ type: 'sticky', author: 'Ann' });
});
