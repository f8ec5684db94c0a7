import { createBoard, eventually, expect, test } from './fixtures.js';

test('a sticky created in one browser appears in the other with its text', async ({ board, openAs }) => {
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');

  await alice.addSticky('Our customers are remote product teams');

  await eventually(() => bob.stickyTexts()).toEqual(['Our customers are remote product teams']);
  await expect(alice.status).toHaveText('saved');
  await expect(bob.page.getByText('Alice')).toBeVisible();
});

test('a card being dragged moves for everyone while it moves, with the dragger’s cursor beside it, and undoes as one step', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');
  const id = await alice.addStickyAt(await alice.canvasPoint(0.3, 0.5), 'Watch me move');
  await eventually(() => bob.stickyTexts()).toEqual(['Watch me move']);
  const start = (await alice.element(id)) as { x: number; y: number };
  await expect(alice.status).toHaveText('saved');

  // Alice holds the card and moves it in steps, pausing longer than undo's capture window.
  const from = await alice.screenPoint(id);
  await alice.page.mouse.move(from.x, from.y);
  await alice.page.mouse.down();
  const cursor = bob.page.getByTestId('peer-cursor');
  let previous = start.x;
  for (const step of [1, 2, 3]) {
    await alice.page.mouse.move(from.x + step * 120, from.y + step * 20, { steps: 6 });
    // Bob sees the card where Alice holds it now, before she lets go.
    await eventually(async () => ((await bob.element(id)) as { x: number }).x > previous + 40).toBe(true);
    previous = ((await bob.element(id)) as { x: number }).x;
    // …and Alice's cursor beside it (both read afresh: the card may still be catching up with her last steps).
    await eventually(async () => {
      const card = await bob.screenPoint(id);
      const box = await cursor.boundingBox();
      return box !== null && Math.abs(box.x - card.x) < 60 && Math.abs(box.y - card.y) < 60;
    }).toBe(true);
    await alice.page.waitForTimeout(600);
  }
  expect(((await bob.element(id)) as { x: number }).x).toBeGreaterThan(start.x + 200);
  await alice.page.mouse.up();
  await expect(alice.status).toHaveText('saved');
  const end = (await alice.element(id)) as { x: number; y: number };
  await eventually(async () => (await bob.element(id)) as { x: number; y: number }).toMatchObject({
    x: end.x,
    y: end.y,
  });

  // The whole drag — paused twice for 600 ms — is one undo step.
  await alice.shortcut('Control+z');
  await eventually(async () => (await bob.element(id)) as { x: number; y: number }).toMatchObject({
    x: start.x,
    y: start.y,
  });
  expect(await alice.stickyTexts()).toEqual(['Watch me move']);
});

test('a cursor that stops as the board changes is shown where it stopped, not where it was a moment before', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');
  const id = await alice.addStickyAt(await alice.canvasPoint(0.2, 0.2), 'Someone else moves me');
  await eventually(() => bob.stickyTexts()).toEqual(['Someone else moves me']);
  const cursor = bob.page.getByTestId('peer-cursor');
  const rest = await alice.canvasPoint(0.5, 0.7);
  await alice.page.mouse.move(rest.x, rest.y);
  await expect(cursor).toBeVisible();
  await alice.page.waitForTimeout(300);

  // Alice's pointer moves twice within one presence interval, and the board changes at that moment
  // (here her own write; in a workshop, anyone's): the second position must still reach Bob.
  const stopped = await alice.canvas.evaluate((canvas, elementId) => {
    const t = window.__truenorth;
    // Konva listens on its stage's content element, inside the canvas.
    const content = canvas.querySelector('.konvajs-content');
    if (!t || !content) throw new Error('the board is not open');
    const r = content.getBoundingClientRect();
    const at = (x: number, y: number) =>
      content.dispatchEvent(
        new MouseEvent('mousemove', { clientX: r.left + x, clientY: r.top + y, bubbles: true }),
      );
    at(300, 300);
    at(520, 360);
    const el = t.doc.getMap('elements').get(elementId) as { set(k: string, v: unknown): void };
    t.doc.transact(() => el.set('x', 40), t.origin);
    const v = t.viewport?.get();
    if (!v) throw new Error('no view');
    return { x: (520 - v.x) / v.scale, y: (360 - v.y) / v.scale };
  }, id);
  await eventually(async () => ((await bob.element(id)) as { x: number }).x).toBe(40);
  const want = await bob.pagePoint(stopped);
  await eventually(async () => {
    const box = await cursor.boundingBox();
    return box !== null && Math.abs(box.x - want.x) < 8 && Math.abs(box.y - want.y) < 8;
  }).toBe(true);
});

test('deleting whole exercises asks first; once confirmed they go for everyone, and only the one who deleted can undo it', async ({
  baseURL,
  openAs,
}) => {
  const b = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const pia = await openAs(b.links.participant, 'Pia');
  const fay = await openAs(b.links.facilitator, 'Fay');
  const count = async (who: typeof pia) => (await who.elements()).length;
  const all = await count(pia);
  expect(all).toBeGreaterThan(20);
  await eventually(() => count(fay)).toBe(all);

  await pia.shortcut('Control+a');
  await expect(pia.page.getByTestId('selection-count')).toHaveText(`${all} selected`);
  await pia.shortcut('Delete');
  const confirm = pia.page.getByTestId('confirm-delete');
  await expect(confirm).toContainText(`Delete ${all} items, 7 frames among them, for everyone?`);
  await pia.page.waitForTimeout(300);
  expect(await count(fay)).toBe(all);
  // Escape or Cancel keeps everything; asking again and saying yes deletes it for everyone.
  await pia.page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await pia.shortcut('Delete');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(pia.page.getByTestId('selection-count')).toHaveText(`${all} selected`);
  await pia.shortcut('Delete');
  await expect(confirm.getByTestId('confirm-delete-yes')).toBeFocused();
  await pia.page.keyboard.press('Enter');
  await eventually(() => count(fay)).toBe(0);

  await pia.shortcut('Control+z');
  await eventually(() => count(fay)).toBe(all);
});

test('what someone selects is outlined for the others, with their name once, not on every card', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');
  const ids = [
    await alice.addStickyAt(await alice.canvasPoint(0.3, 0.5), 'One'),
    await alice.addStickyAt(await alice.canvasPoint(0.7, 0.5), 'Two'),
    await alice.addStickyAt(await alice.canvasPoint(0.5, 0.8), 'Three'),
  ];
  for (const [i, id] of ids.entries()) {
    const p = await alice.screenPoint(id);
    if (i > 0) await alice.page.keyboard.down('Shift');
    await alice.page.mouse.click(p.x, p.y);
    await alice.page.keyboard.up('Shift');
  }
  await expect(alice.page.getByTestId('selection-count')).toHaveText('3 selected');
  const outlines = bob.page.getByTestId('peer-selection');
  await expect(outlines).toHaveCount(3);
  await expect(outlines.locator('span')).toHaveCount(1);
  await expect(outlines.locator('span')).toHaveText('Alice · 3 selected');
});

test('the story spine’s line is easy to grab, moves live for everyone without selecting its lanes, and undoes in one step', async ({
  baseURL,
  openAs,
}) => {
  const b = await createBoard(baseURL as string, { template: 'story-spine', title: 'Spine' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  const bob = await openAs(b.links.participant, 'Bob');
  type Lanes = { id: string; x: number; y: number; w: number; h: number; line: number };
  const lanes = async (who: typeof fay) =>
    (await who.elements()).find((e) => e.type === 'swimlanes') as unknown as Lanes;
  const start = await lanes(fay);
  const lineY = start.y + 48 + start.line * (start.h - 48);
  const scale = await fay.page.evaluate(() => window.__truenorth?.viewport?.get().scale ?? 1);
  // Six pixels off the line still takes it (its grip is 40 board units wide).
  const grip = await fay.pagePoint({ x: start.x + start.w * 0.6, y: lineY });
  await fay.page.mouse.move(grip.x, grip.y + 6);
  await fay.page.mouse.down();
  await fay.page.mouse.move(grip.x, grip.y + 6 + 80 * scale, { steps: 8 });
  // Bob sees it move before Fay lets go.
  await eventually(async () => (await lanes(bob)).line > start.line + 0.02).toBe(true);
  // Grabbing the line moves the line alone: the swimlanes are not selected (no selection bar for
  // Fay, no outline of hers on Bob's screen).
  await expect(fay.page.getByTestId('selection-count')).toHaveCount(0);
  await expect(bob.page.getByTestId('peer-selection')).toHaveCount(0);
  await fay.page.mouse.move(grip.x, grip.y + 6 + 160 * scale, { steps: 8 });
  await fay.page.mouse.up();
  await fay.page.waitForTimeout(300);
  await expect(fay.page.getByTestId('selection-count')).toHaveCount(0);
  await expect(bob.page.getByTestId('peer-selection')).toHaveCount(0);
  const end = (await lanes(fay)).line;
  expect(end).toBeGreaterThan(start.line + 0.05);
  await eventually(async () => (await lanes(bob)).line).toBeCloseTo(end, 5);

  await fay.shortcut('Control+z');
  await eventually(async () => (await lanes(bob)).line).toBeCloseTo(start.line, 5);
});
