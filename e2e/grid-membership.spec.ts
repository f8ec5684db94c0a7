import { createBoard, eventually, expect, test } from './fixtures.js';
import { leanCanvasCell } from './lib/canvas-boxes.js';
import type { DocElement } from './pages/board-page.js';

const membership = (e: DocElement | undefined) => ({ parent: e?.parent ?? null, slot: e?.slot ?? null });

test('a sticky dragged into the Problem cell belongs to it in the other browser’s document', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'lean-canvas', title: 'Lean canvas' });
  const alice = await openAs(board.links.facilitator, 'Alice Archer');
  const bob = await openAs(board.links.participant, 'Bob Baker');

  const id = await alice.addSticky('Teams misalign on goals');
  const { grid, cellId, rect } = await leanCanvasCell(alice, 'Problem');
  // Created in the middle of the view, it is not in Problem yet.
  expect(membership(await alice.element(id)).slot).not.toBe(cellId);

  const target = await alice.pagePoint({ x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 });
  await alice.drag(id, target);

  await eventually(async () => membership(await bob.element(id))).toEqual({ parent: grid.id, slot: cellId });
  await eventually(async () => membership(await alice.element(id))).toEqual({
    parent: grid.id,
    slot: cellId,
  });
  // And the note is where it was dropped: its centre inside the cell, in both documents.
  const moved = await bob.element(id);
  const cx = (moved?.x ?? 0) + (moved?.w ?? 0) / 2;
  const cy = (moved?.y ?? 0) + (moved?.h ?? 0) / 2;
  expect(cx).toBeGreaterThan(rect.x);
  expect(cx).toBeLessThan(rect.x + rect.w);
  expect(cy).toBeGreaterThan(rect.y);
  expect(cy).toBeLessThan(rect.y + rect.h);

  // Bob's outline lists the card under Problem.
  await bob.shortcut('o');
  await expect(bob.outline.cardsIn('Lean Canvas › Problem')).toHaveValue('Teams misalign on goals');

  // Dragged on into another box, it moves there, for both.
  const next = await leanCanvasCell(alice, 'Customer Segments');
  await alice.drag(id, await alice.pagePoint({ x: next.rect.x + next.rect.w / 2, y: next.rect.y + 120 }));
  await eventually(async () => membership(await bob.element(id))).toEqual({
    parent: grid.id,
    slot: next.cellId,
  });
  await expect(bob.outline.cardsIn('Lean Canvas › Customer Segments')).toHaveValue('Teams misalign on goals');
  await expect(bob.outline.cardsIn('Lean Canvas › Problem')).toHaveCount(0);
});
