import { mkdirSync } from 'node:fs';
import { createBoard, expect, test } from './fixtures.js';
import type { BoardPage } from './pages/board-page.js';

const SHOTS = '../.tmp/screens';
mkdirSync(SHOTS, { recursive: true });

const texts = (p: BoardPage) => expect.poll(() => p.stickyTexts());

async function deleteSticky(p: BoardPage, id: string) {
  const at = await p.screenPoint(id);
  await p.page.mouse.click(at.x, at.y);
  await p.shortcut('Delete');
}

test('a named snapshot is restored live for everyone, and the restore can be undone', async ({
  board,
  openAs,
}) => {
  const alice = await openAs(board.links.facilitator, 'Alice');
  const bob = await openAs(board.links.participant, 'Bob');
  const keep = await alice.addStickyAt(await alice.canvasPoint(0.3, 0.5), 'Keep me');
  const stay = await alice.addStickyAt(await alice.canvasPoint(0.7, 0.5), 'Stay too');
  await texts(bob).toEqual(['Keep me', 'Stay too']);

  const history = alice.page.getByTestId('history-panel');
  await alice.page.getByTestId('open-history').click();
  await history.getByTestId('snapshot-name').fill('Before cleanup');
  await history.getByTestId('take-snapshot').click();
  await expect(history.getByTestId('history-notice')).toContainText('Snapshot “Before cleanup” taken');
  await history.getByRole('button', { name: 'Close history' }).click();

  await deleteSticky(alice, keep);
  await alice.editSticky(stay, 'Stay, edited');
  await texts(bob).toEqual(['Stay, edited']);

  await alice.page.getByTestId('open-history').click();
  const item = history.getByTestId('snapshot-list').getByRole('button', { name: /Before cleanup/ });
  await item.click();
  const preview = history.getByTestId('snapshot-preview');
  await expect(preview.getByRole('status')).toContainText('Looking at the past: “Before cleanup”');
  await expect(preview.getByRole('status')).toContainText('· by a facilitator');
  await expect(item).toContainText('· by a facilitator');
  await expect(preview.locator('canvas').first()).toBeVisible();
  // The board at a useful size: the picture takes most of a 1400px window, not a narrow column.
  const picture = await preview.locator('.hist-picture').boundingBox();
  expect(picture?.width ?? 0).toBeGreaterThan(800);
  expect(picture?.height ?? 0).toBeGreaterThan(500);
  await alice.page.screenshot({ path: `${SHOTS}/history-preview.png` });

  await history.getByTestId('tab-compare').click();
  const removed = history.getByTestId('diff-removed');
  await expect(removed).toContainText('Keep me');
  await expect(history.getByTestId('diff-edited')).toContainText('Stay, edited');
  await expect(history.getByTestId('diff')).toContainText('0 added · 1 removed · 1 edited · 0 moved');
  await alice.page.screenshot({ path: `${SHOTS}/history-compare.png` });

  // A participant may look but not restore.
  await bob.page.getByTestId('open-history').click();
  await bob.page
    .getByTestId('snapshot-list')
    .getByRole('button', { name: /Before cleanup/ })
    .click();
  await expect(bob.page.getByTestId('snapshot-preview').getByRole('status')).toContainText('Before cleanup');
  await expect(bob.page.getByTestId('restore-snapshot')).toHaveCount(0);
  await expect(bob.page.getByTestId('take-snapshot')).toHaveCount(0);

  await history.getByRole('tab', { name: 'Preview' }).click();
  await history.getByTestId('restore-snapshot').click();
  await history.getByTestId('confirm-restore').click();
  await expect(history.getByTestId('history-notice')).toContainText('Restored “Before cleanup” for everyone');

  // Live for the participant, as a new change: the sticky is back with its id and text.
  await texts(bob).toEqual(['Keep me', 'Stay too']);
  expect((await bob.element(keep))?.text).toBe('Keep me');
  // Bob, whose board just changed under him, is told why.
  await expect(bob.page.getByTestId('restore-notice')).toContainText(
    'A facilitator restored the board to “Before cleanup”',
  );
  await bob.page.keyboard.press('Escape');
  await expect(bob.page.getByTestId('restore-notice')).toBeVisible();
  await bob.page.screenshot({ path: `${SHOTS}/restore-notice.png` });
  // The history lists the restore point (the board just before the restore).
  await expect(history.locator('[data-kind="restore-point"]')).toHaveCount(1);
  await alice.page.screenshot({ path: `${SHOTS}/history-after-restore.png` });

  // Undoing the restore restores the restore point.
  await expect(history.getByTestId('confirm-restore')).toHaveCount(0);
  await history.getByTestId('undo-restore').click();
  await texts(bob).toEqual(['Stay, edited']);
  await texts(alice).toEqual(['Stay, edited']);
  // Escape closes the history wherever the focus went.
  await alice.page.keyboard.press('Escape');
  await expect(history).toBeHidden();
});

test('automatic snapshots taken while people work fold into one row, which unfolds to show each', async ({
  board,
  openAs,
  baseURL,
}) => {
  // The e2e server takes an automatic snapshot 1.5 s after a change (SNAPSHOT_INTERVAL_MS).
  const alice = await openAs(board.links.facilitator, 'Alice');
  const automatic = async () => {
    const res = await fetch(`${baseURL}/api/boards/${board.id}/snapshots`, {
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    const list = (await res.json()) as { kind: string }[];
    return list.filter((s) => s.kind === 'periodic').length;
  };
  for (let i = 0; (await automatic()) < 3; i++) {
    expect(i, 'three automatic snapshots within 20 notes').toBeLessThan(20);
    await alice.addStickyAt(
      await alice.canvasPoint(0.2 + (i % 6) * 0.1, 0.3 + Math.floor(i / 6) * 0.15),
      `Note ${i}`,
    );
    await alice.page.waitForTimeout(500);
  }
  // One more may still be due (1.5 s after the last note): count once no more come.
  let count = await automatic();
  for (let settled = false; !settled; ) {
    await alice.page.waitForTimeout(2000);
    const now = await automatic();
    settled = now === count;
    count = now;
  }

  const history = alice.page.getByTestId('history-panel');
  await alice.page.getByTestId('open-history').click();
  const run = history.getByTestId('snapshot-run');
  await expect(run).toHaveCount(1);
  await expect(run).toContainText(`${count} automatic snapshots`);
  await expect(run).toHaveAttribute('aria-expanded', 'false');
  await expect(history.locator('[data-kind="periodic"]')).toHaveCount(0);

  await run.click();
  await expect(run).toHaveAttribute('aria-expanded', 'true');
  const items = history.locator('[data-kind="periodic"]');
  await expect(items).toHaveCount(count);
  await items.last().click();
  await expect(history.getByTestId('snapshot-preview').getByRole('status')).toContainText(
    'Looking at the past: “Automatic snapshot”',
  );
  await alice.page.screenshot({ path: `${SHOTS}/history-automatic.png` });

  // Folding it hides them again, and the history opened afresh starts folded.
  await run.click();
  await expect(items).toHaveCount(0);
  await history.getByRole('button', { name: 'Close history' }).click();
  await alice.page.getByTestId('open-history').click();
  await expect(run).toHaveAttribute('aria-expanded', 'false');
});

test('an open history keeps its list current: a snapshot taken meanwhile appears without reopening it', async ({
  baseURL,
  board,
  openAs,
}) => {
  const bob = await openAs(board.links.participant, 'Bob');
  await bob.page.getByTestId('open-history').click();
  const list = bob.page.getByTestId('history-panel').getByTestId('snapshot-list');
  await expect(list).toBeVisible();
  await expect(list.getByRole('button', { name: /Taken meanwhile/ })).toHaveCount(0);

  // Another facilitator (here through the API) names a snapshot while Bob's history is open.
  const res = await fetch(`${baseURL}/api/boards/${board.id}/snapshots`, {
    method: 'POST',
    headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Taken meanwhile' }),
  });
  expect(res.status).toBe(201);
  // The list is read again every 10 s while the history is open.
  await expect(list.getByRole('button', { name: /Taken meanwhile/ })).toBeVisible({ timeout: 15_000 });
});

test('CSV import shows bad rows with their errors and imports only the valid rows, in one undo step', async ({
  baseURL,
  openAs,
}) => {
  const b = await createBoard(baseURL as string, { title: 'Import board', template: 'lean-canvas' });
  const alice = await openAs(b.links.facilitator, 'Alice');
  const bob = await openAs(b.links.participant, 'Bob');

  await alice.page.getByTestId('open-import').click();
  const dialog = alice.page.getByTestId('import-dialog');
  await dialog
    .getByTestId('import-text')
    .fill(
      'text,container,author,color\n"Slow, painful onboarding",Problem,Ana,pink\nNo such place,Atlantis,,\nSelf-serve trial,solution,,\n',
    );
  const preview = dialog.getByTestId('import-preview');
  await expect(preview.locator('tr[data-status="ok"]')).toHaveCount(2);
  const bad = preview.locator('tr[data-status="error"]');
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText('no box named “Atlantis” here');
  await expect(bad).toHaveAttribute('data-line', '3');
  await expect(dialog.getByTestId('import-summary')).toContainText('1 with errors');
  await alice.page.screenshot({ path: `${SHOTS}/import-preview.png` });

  // Nothing is imported until the user chooses to leave the bad row out.
  const confirm = dialog.getByTestId('import-confirm');
  await expect(confirm).toBeDisabled();
  expect(await alice.stickyTexts()).toEqual([]);
  await dialog.getByTestId('import-skip-bad').check();
  await expect(confirm).toHaveText('Import 2 cards');
  await confirm.click();
  await expect(dialog).toBeHidden();

  await texts(bob).toEqual(['Self-serve trial', 'Slow, painful onboarding']);
  const els = await bob.elements();
  const grid = els.find((e) => e.type === 'grid') as unknown as {
    id: string;
    cells: { id: string; name: string }[];
  };
  const cellName = (slot: unknown) => grid.cells.find((c) => c.id === slot)?.name;
  const stickies = els.filter((e) => e.type === 'sticky');
  expect(stickies.map((s) => [s.text, s.parent === grid.id, cellName(s.slot), s.color]).sort()).toEqual([
    ['Self-serve trial', true, 'Solution', 'yellow'],
    ['Slow, painful onboarding', true, 'Problem', 'pink'],
  ]);

  // One transaction with the local origin: one undo removes the whole import.
  await alice.shortcut('Control+z');
  await texts(bob).toEqual([]);
});

test('a frame exports as a PNG named after the board, the frame and the day', async ({ baseURL, openAs }) => {
  const b = await createBoard(baseURL as string, { title: 'Q3 offsite', template: 'card-sorting' });
  const alice = await openAs(b.links.observer, 'Olga');
  await alice.page.getByTestId('open-png').click();
  const menu = alice.page.getByTestId('png-menu');
  const [download] = await Promise.all([
    alice.page.waitForEvent('download'),
    menu.getByRole('button', { name: 'Card Sorting' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^q3-offsite-card-sorting-\d{4}-\d\d-\d\d\.png$/);
  const path = `${SHOTS}/export-frame.png`;
  await download.saveAs(path);
  const { readFileSync } = await import('node:fs');
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // Width and height from the IHDR chunk: the frame (2400 × 1400) plus margins, at 2× pixels.
  expect(png.readUInt32BE(16)).toBe((2400 + 48) * 2);
  expect(png.readUInt32BE(20)).toBe((1400 + 48) * 2);

  await alice.page.getByTestId('open-png').click();
  const [whole] = await Promise.all([
    alice.page.waitForEvent('download'),
    menu.getByRole('button', { name: 'Whole board' }).click(),
  ]);
  expect(whole.suggestedFilename()).toMatch(/^q3-offsite-\d{4}-\d\d-\d\d\.png$/);
});
