import * as Y from 'yjs';
import { createBoard, eventually, expect, test } from './fixtures.js';
import { RawYClient } from './lib/y-wire.js';
import type { BoardPage } from './pages/board-page.js';

/** A point on the grid's title band (its handle: the body is open canvas for cards). */
async function handleOf(who: BoardPage, grid: { x: number; y: number }) {
  return who.pagePoint({ x: grid.x + 120, y: grid.y + 20 });
}

async function gridOf(who: BoardPage) {
  const grid = (await who.elements()).find((e) => e.type === 'grid');
  if (!grid) throw new Error('no grid on the board');
  return grid;
}

test('a participant cannot move a locked grid, neither with the mouse nor by raw protocol', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'lean-canvas' });
  const fac = await openAs(board.links.facilitator, 'Fay');
  const ben = await openAs(board.links.participant, 'Ben');
  const grid = await gridOf(fac);

  // The facilitator selects the grid and locks it.
  const p = await handleOf(fac, grid);
  await fac.page.mouse.click(p.x, p.y);
  await expect(fac.page.getByTestId('selection-count')).toHaveText('1 selected');
  await fac.page.getByTestId('lock').click();
  await expect(fac.page.getByTestId('unlock')).toBeVisible();
  await eventually(async () => (await gridOf(ben)).locked).toBe(true);
  // Only the facilitator has lock controls.
  const q = await handleOf(ben, grid);
  await ben.page.mouse.click(q.x, q.y);
  await expect(ben.page.getByTestId('lock')).toHaveCount(0);
  await expect(ben.page.getByTestId('unlock')).toHaveCount(0);
  // Ben is told it is locked, and offered nothing that would not work.
  await expect(ben.page.getByTestId('selection-locked')).toHaveText('Locked');
  await expect(ben.page.getByTestId('tool-delete')).toHaveCount(0);
  await ben.page.screenshot({ path: test.info().outputPath('locked-grid-participant.png') });

  // A drag does not move it.
  await ben.dragBetween(q, { x: q.x + 200, y: q.y + 120 });
  for (const who of [ben, fac])
    expect(await gridOf(who)).toMatchObject({ x: grid.x, y: grid.y, locked: true });

  // A participant's raw socket writes a move and an unlock anyway: the server repairs both.
  const raw = await RawYClient.connect(baseURL as string, board.id, board.tokens.participant);
  const doc = await raw.fetchDoc();
  const before = Y.encodeStateVector(doc);
  const ymap = doc.getMap('elements').get(grid.id) as Y.Map<unknown>;
  doc.transact(() => {
    ymap.set('x', grid.x + 5000);
    ymap.set('locked', false);
  });
  raw.sendUpdate(Y.encodeStateAsUpdate(doc, before));
  const server = await raw.fetchDoc();
  expect((server.getMap('elements').get(grid.id) as Y.Map<unknown>).toJSON()).toMatchObject({
    x: grid.x,
    y: grid.y,
    locked: true,
  });
  expect(raw.open).toBe(true);
  raw.close();

  for (const who of [fac, ben]) {
    // The bad write did reach this browser (with its repair right behind it).
    await eventually(() =>
      who.page.evaluate(
        (id) => (window.__truenorth?.doc.store.clients.get(id)?.length ?? 0) > 0,
        doc.clientID,
      ),
    ).toBe(true);
    await eventually(async () => {
      const g = await gridOf(who);
      return [g.x, g.y, g.locked];
    }).toEqual([grid.x, grid.y, true]);
  }

  // Delete with the grid selected: it stays.
  const r = await handleOf(ben, grid);
  await ben.page.mouse.click(r.x, r.y);
  await expect(ben.page.getByTestId('selection-count')).toHaveText('1 selected');
  await ben.shortcut('Delete');
  await ben.page.waitForTimeout(200);
  for (const who of [ben, fac]) expect(await gridOf(who)).toMatchObject({ x: grid.x, locked: true });
});

test('in the outline a participant sees a locked card as locked: it cannot be edited, moved or deleted there', async ({
  board,
  openAs,
}) => {
  const fac = await openAs(board.links.facilitator, 'Fay');
  const ben = await openAs(board.links.participant, 'Ben');
  const keep = await fac.addStickyAt(await fac.canvasPoint(0.3, 0.5), 'Ten paying agencies by Q3');
  const other = await fac.addStickyAt(await fac.canvasPoint(0.7, 0.5), 'Open question');
  const at = await fac.screenPoint(keep);
  await fac.page.mouse.click(at.x, at.y);
  await fac.page.getByTestId('lock').click();
  await eventually(async () => (await ben.element(keep))?.locked).toBe(true);

  await ben.shortcut('o');
  const outline = ben.outline.root;
  const locked = outline.locator(`[data-card-id="${keep}"]`);
  await expect(locked.getByTestId('outline-locked')).toHaveText('Locked');
  await expect(locked.getByRole('textbox')).toHaveAttribute('readonly', '');
  await expect(locked.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await expect(locked.getByRole('combobox')).toHaveCount(0);
  // The other card is still Ben's to change.
  const open = outline.locator(`[data-card-id="${other}"]`);
  await expect(open.getByRole('button', { name: 'Delete “Open question”' })).toBeVisible();
  await expect(open.getByTestId('outline-locked')).toHaveCount(0);
  expect(await ben.stickyTexts()).toEqual(['Open question', 'Ten paying agencies by Q3']);
});
